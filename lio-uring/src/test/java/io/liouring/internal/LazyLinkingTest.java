package io.liouring.internal;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Libc} links a downcall handle only when a call first needs it (start-up time of short programs): a JVM
 * that calls {@code close} only, logging class initialisation, initialises one holder of a handle: the one that
 * {@code close} goes through ({@code syscall} where lio-uring knows the system call numbers, {@code close}
 * elsewhere).
 */
class LazyLinkingTest {
    @Test
    void aJvmThatCallsOnlyCloseLinksOneHandle() {
        ChildJvm.Result child = ChildJvm.run(LazyLinkingChild.class, List.of("-Xlog:class+init=info"), 120);

        assertEquals(0, child.exitCode(), child.output());
        assertEquals("-9", child.value("close"), "close(-1) is EBADF"); // the lazily linked handle works
        List<String> holders = child.output().lines()
                .filter(line -> line.matches(".*Initializing 'io/liouring/internal/Libc\\$[A-Za-z]+'.*")) // no lambdas
                .toList();
        assertEquals(1, holders.size(), child.output());
        String arch = System.getProperty("os.arch");
        boolean numbersKnown = Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(arch);
        String expected = numbersKnown ? "Libc$Syscall'" : "Libc$Close'";
        assertTrue(holders.getFirst().contains(expected), holders.getFirst());
    }
}
