package io.liouring.nio.review;

import io.liouring.nio.file.LioFileSystemProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real application on the default provider: {@code javac} compiles part of lio-uring (one class and what it needs,
 * found on the source path) in a JVM whose default provider is lio-nio's, and the class files are byte for byte those
 * the same compiler writes here, on the JDK's provider.
 */
class DefaultProviderJavacTest {
    private static final Path SOURCES = Path.of("..", "lio-uring", "src", "main", "java").toAbsolutePath().normalize();
    private static final Path ROOT = SOURCES.resolve("io/liouring/operation/Read.java");

    @Test
    void javacWritesTheSameClassFilesOnLioNioAsOnTheJdkProvider(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(ROOT), "the tests run in lio-nio/ of the repository: " + ROOT);
        Path byJdk = Files.createDirectory(dir.resolve("by-jdk"));
        Path byLio = Files.createDirectory(dir.resolve("by-lio"));

        StringWriter messages = new StringWriter();
        int status = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(messages),
                new PrintWriter(messages), javacArguments(byJdk));
        assertEquals(0, status, messages.toString());

        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Djava.nio.file.spi.DefaultFileSystemProvider=" + LioFileSystemProvider.class.getName(),
                "-cp", System.getProperty("java.class.path"), DefaultProviderJavacChild.class.getName()));
        command.addAll(List.of(javacArguments(byLio)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("provider=" + LioFileSystemProvider.class.getName()), output);
        assertTrue(output.contains("javac=0"), output);

        Map<String, byte[]> expected = classFiles(byJdk);
        Map<String, byte[]> actual = classFiles(byLio);
        assertTrue(expected.size() > 20, "the root pulls in a good part of the library: " + expected.keySet());
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    private static String[] javacArguments(Path out) {
        return new String[] {"-sourcepath", SOURCES.toString(), "-d", out.toString(), "-proc:none", ROOT.toString()};
    }

    private static Map<String, byte[]> classFiles(Path tree) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(tree.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
