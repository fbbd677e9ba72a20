package io.liouring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AOT cache's training run, as ./lio starts it in a JVM of its own: it runs lio's everyday commands on its
 * scratch file (their output shows it: the SHA-256 of 4 KiB of zeros, the file's status), exits 0 (./lio keeps no
 * cache otherwise) and leaves nothing behind in the temporary directory.
 */
class StartupTrainingTest {
    private static final String SHA256_OF_4096_ZEROS =
            "ad7facb2586fc6e966c004d7d1d16b024f5805ff7cb47c7a85dabd8b48892ca7";

    @Test
    void runsTheCommandsSucceedsAndCleansUp(@TempDir Path dir) throws IOException {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), StartupTraining.class.getName());

        Run.Result r = Run.tool(dir, new byte[0], List.of(), command.toArray(String[]::new));

        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().contains(SHA256_OF_4096_ZEROS + "  " + tmp), r.out());
        assertTrue(r.out().contains("  Size: 4096 "), r.out());
        assertTrue(r.out().contains("Usage: lio"), r.out());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
