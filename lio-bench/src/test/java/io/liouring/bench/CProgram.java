package io.liouring.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds one of lio-bench's C programs ({@code src/main/c/NAME.c}) into {@code target/smoke-c/NAME} for a smoke test,
 * as the run scripts do. Where gcc or a header the program needs is missing, the test is skipped with the reason.
 */
public final class CProgram {
    private CProgram() {
    }

    /**
     * @param header  a header under {@code /usr/include} the program needs (e.g. {@code liburing.h}), or null
     * @param gccArgs what goes after the source on gcc's command line ({@code -luring}, {@code -pthread})
     */
    public static Path build(String name, String header, String... gccArgs) throws IOException, InterruptedException {
        assumeTrue(header == null || Files.exists(Path.of("/usr/include", header)),
                header + " is missing (apt-get install liburing-dev); the run script installs it");
        Path source = Path.of("src", "main", "c", name + ".c");
        Path binary = Path.of("target", "smoke-c", name);
        Files.createDirectories(binary.getParent());
        List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-o", binary.toString(), source.toString()));
        command.addAll(List.of(gccArgs));
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is not installed: " + e.getMessage());
            throw e;
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), "gcc failed: " + output);
        return binary;
    }
}
