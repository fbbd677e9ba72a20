package io.liouring.nio.realapp;

import io.liouring.nio.file.LioFileSystemProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real application on lio-nio's default file system provider: the H2 database, unchanged, embedded in a child JVM
 * ({@link H2Workload}) whose default provider is {@link LioFileSystemProvider}; and the same workload in a child JVM
 * on the JDK's own provider, so that a failure can be told apart from one of H2 or of the test.
 */
class H2OnDefaultProviderTest {

    @Test
    void h2KeepsEveryByteOnTheJdkProvider(@TempDir Path dir) throws Exception {
        String output = run(dir, List.of());
        assertTrue(output.contains("provider=sun.nio.fs.LinuxFileSystemProvider"), output);
        assertWorkloadPassed(output);
    }

    @Test
    void h2KeepsEveryByteOnLioProvider(@TempDir Path dir) throws Exception {
        String output = run(dir, List.of(
                "-Djava.nio.file.spi.DefaultFileSystemProvider=" + LioFileSystemProvider.class.getName()));
        assertTrue(output.contains("provider=" + LioFileSystemProvider.class.getName()), output);
        // H2's channels must be the ring's, not the JDK's that the provider falls back to without io_uring
        assertTrue(output.contains("channel=io.liouring.nio.file.LioFileChannel"), output);
        assertTrue(output.contains("asyncChannel=io.liouring.nio.file.LioAsynchronousFileChannel"), output);
        assertWorkloadPassed(output);
    }

    /** Runs {@link H2Workload} in a child JVM with {@code options} and returns its output; it must exit with 0. */
    private static String run(Path dir, List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), H2Workload.class.getName(),
                dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = ChildOutput.await(process, 300);
        System.out.println(output.lines().filter(line -> line.startsWith("ms.")).toList());
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** Every step of every prefix passed, and every verification read the expected content. */
    private static void assertWorkloadPassed(String output) {
        List<String> lines = output.lines().toList();
        for (String prefix : H2Workload.PREFIXES.keySet()) {
            for (String step : H2Workload.STEPS) {
                assertTrue(lines.contains("ok=" + prefix + ":" + step), () -> "no ok=" + prefix + ":" + step
                        + " in:\n" + output);
            }
        }
        for (String ok : List.of("ok=lockedForAnotherProcess", "ok=sharedWithAnotherProcess", "ok=noDescriptorLeft",
                "ok=noTemporaryFileLeft")) {
            assertTrue(lines.contains(ok), () -> "no " + ok + " in:\n" + output);
        }
        String expected = ChecksummedTable.expectedDigest();
        List<String> digests = lines.stream().filter(line -> line.startsWith("digest=")).toList();
        // written, readOnly, reopened, compacted, runscript and restored, for each prefix
        assertEquals(6 * H2Workload.PREFIXES.size(), digests.size(), output);
        for (String digest : digests) {
            assertTrue(digest.endsWith(":" + expected), () -> digest + " is not the expected " + expected);
        }
    }
}
