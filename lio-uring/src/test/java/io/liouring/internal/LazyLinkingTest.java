package io.liouring.internal;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Libc} links a downcall handle only when a call first needs it (start-up time of short programs): a JVM
 * that calls {@code close} only, logging class initialisation, initialises one holder of a handle: the one that
 * {@code close} goes through ({@code syscall} where lio-uring knows the system call numbers, {@code close}
 * elsewhere). The handle without errno capture is linked only after {@link Libc#CALLS_BEFORE_LINKING} calls that
 * want it: before, they go through the capturing one, with the same results. A pipe for splices ({@link Pipes})
 * links nothing of its own where the system call numbers are known, and neither does a libc function called through
 * {@link Libc#syscallShaped}: the JDK reuses the {@code syscall} handle's generated stub.
 */
class LazyLinkingTest {
    @Test
    void aJvmThatCallsOnlyCloseLinksOneHandle() {
        ChildJvm.Result child = run("close");

        assertEquals("-9", child.value("close"), "close(-1) is EBADF"); // the lazily linked handle works
        String arch = System.getProperty("os.arch");
        boolean numbersKnown = Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(arch);
        assertEquals(Set.of(numbersKnown ? "Syscall" : "Close"), holders(child), child.output());
    }

    @Test
    void aPipeIsMadeThroughTheSyscallHandle() {
        assumeNumbersKnown();
        ChildJvm.Result child = run("pipe");

        assertTrue(Integer.parseInt(child.value("capacity")) >= 64 * 1024, child.output());
        assertTrue(child.value("read").startsWith("pipe:["), child.output());
        assertEquals(child.value("read"), child.value("write"), "both ends of one pipe");
        assertEquals(Set.of("Syscall"), holders(child), child.output());
        assertFalse(child.output().contains("Pipes$Calls"), "libc's pipe2 and fcntl stay unlinked: " + child.output());
    }

    @Test
    void fewCallsWithoutErrnoGoThroughTheCapturingHandle() {
        assumeX86_64(); // the child's system call numbers
        ChildJvm.Result child = run("without-errno", "10");

        assertEquals(child.value("pid"), child.value("getpid"), child.output());
        assertEquals("-1", child.value("close"), "close(-1) fails, and without errno the result is -1");
        assertEquals(Set.of("Syscall", "DiscardedErrno"), holders(child), child.output());
    }

    @Test
    void manyCallsWithoutErrnoLinkTheHandleWithoutCapture() {
        assumeX86_64();
        ChildJvm.Result child = run("without-errno", Integer.toString(Libc.CALLS_BEFORE_LINKING + 10));

        assertEquals(child.value("pid"), child.value("getpid"), child.output());
        assertEquals("-1", child.value("close"), "close(-1) fails, and without errno the result is -1");
        assertEquals(Set.of("Syscall", "DiscardedErrno", "SyscallNoErrno"), holders(child), child.output());
    }

    @Test
    void aSyscallShapedFunctionReusesTheSyscallHandlesStub() {
        assumeNumbersKnown();
        ChildJvm.Result child = ChildJvm.run(LazyLinkingChild.class, List.of("-Xlog:class+load=info"), 120, "shaped");
        assertEquals(0, child.exitCode(), child.output());

        assertEquals(child.value("pid"), child.value("getpid"), child.output());
        long stubs = child.output().lines().filter(line -> line.contains("jdk.internal.foreign.abi.DowncallStub")).count();
        assertEquals(1, stubs, child.output());
    }

    private static ChildJvm.Result run(String... args) {
        ChildJvm.Result child = ChildJvm.run(LazyLinkingChild.class, List.of("-Xlog:class+init=info"), 120, args);
        assertEquals(0, child.exitCode(), child.output());
        return child;
    }

    /** The nested classes of {@link Libc} the child initialised: one per linked handle, and the errno sink. */
    private static Set<String> holders(ChildJvm.Result child) {
        return child.output().lines()
                .map(line -> line.replaceFirst(".*Initializing 'io/liouring/internal/Libc\\$([A-Za-z]+)'.*", "$1"))
                .filter(name -> name.matches("[A-Za-z]+")) // no lambdas, no other lines
                .collect(Collectors.toSet());
    }

    private static void assumeNumbersKnown() {
        Assumptions.assumeTrue(Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(System.getProperty("os.arch")),
                "system call numbers known to lio-uring");
    }

    private static void assumeX86_64() {
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "system call numbers of x86_64");
    }
}
