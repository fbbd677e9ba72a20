package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lio.jar's entry point on a Java older than 22 (the machine's default Java 17, where there is one): one line saying
 * what is needed and exit status 1, instead of an {@code UnsupportedClassVersionError}.
 */
class JavaVersionCheckTest {
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @Test
    void anOlderJavaIsToldWhatLioNeeds() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(JAVA_17), "no Java 17 at " + JAVA_17);
        Path classes = Path.of("target/classes");
        Process p = new ProcessBuilder(JAVA_17.toString(), "-cp", classes.toString(),
                "io.liouring.cli.launch.JavaVersionCheck", "stat", "pom.xml").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertEquals("", out);
        assertTrue(err.startsWith("lio: lio-uring needs Java 22 or newer; this is Java 17 ("), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    }
}
