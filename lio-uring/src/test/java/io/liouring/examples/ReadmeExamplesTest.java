package io.liouring.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's examples are these files, shown whole: each runs against the real kernel here, and the README must
 * show each one exactly as it is compiled (everything after its package line). The README's Maven settings for a
 * consumer must be those of consumer-test/pom.xml, the project .ci/run builds against the installed jar.
 */
class ReadmeExamplesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void readmeShowsEachExampleExactlyAsCompiled() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Class<?> example : List.of(QuickStart.class, BackupFiles.class, EchoServer.class)) {
            String source = Files.readString(Path.of("src/test/java/io/liouring/examples", example.getSimpleName() + ".java"));
            String body = source.substring(source.indexOf(";\n\n") + 3);   // after "package io.liouring.examples;"
            assertTrue(readme.contains("```java\n" + body + "```\n"),
                    "README.md does not show " + example.getSimpleName() + ".java as it is compiled");
        }
    }

    @Test
    void readmeShowsOnlyXmlThatTheConsumerProjectUses() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String consumerPom = Files.readString(Path.of("..", "consumer-test", "pom.xml")).replaceAll("\\s+", " ");
        Matcher xml = Pattern.compile("```xml\n(.*?)```\n", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        for (; xml.find(); blocks++) {
            assertTrue(consumerPom.contains(xml.group(1).replaceAll("\\s+", " ").strip()),
                    "consumer-test/pom.xml does not have what README.md shows:\n" + xml.group(1));
        }
        assertEquals(5, blocks, "the README's XML blocks: the BOM import, the dependency, Surefire's argLine,"
                + " exec-maven-plugin, lio-nio's dependency");
    }

    @Test
    void quickStartWritesTheFileThroughTheRing(@TempDir Path dir) throws Exception {
        Child child = Child.start(QuickStart.class, dir);
        assertEquals(0, child.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? child.process.exitValue() : -1,
                () -> "QuickStart failed or hung: " + child.output());
        child.awaitLine(line -> line.equals("request 1 wrote 16 bytes to test.txt"));
        assertEquals("Hello, io_uring!", Files.readString(dir.resolve("test.txt")));
    }

    @Test
    void backupFilesCopiesEveryFileOnVirtualThreads(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>();
        Random random = new Random(14);
        for (int i = 0; i < 20; i++) {
            byte[] content = new byte[i == 0 ? 0 : random.nextInt(1 << 20)];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve("file" + i), content);
            args.add(file.toString());
        }
        BackupFiles.main(args.toArray(String[]::new));
        for (String file : args) {
            assertArrayEquals(Files.readAllBytes(Path.of(file)), Files.readAllBytes(Path.of(file + ".bak")), file);
        }
    }

    @Test
    void echoServerEchoesAndOutlivesAClientReset(@TempDir Path dir) throws Exception {
        Child server = Child.start(EchoServer.class, dir, "0");
        try {
            String listening = server.awaitLine(line -> line.startsWith("listening on "));
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));

            assertEquals("first", echo(port, "first"));

            // A client that resets its connection while the server is reading from it: with the echo unread in its
            // receive buffer and a zero linger, close() sends RST, and the server's pending read fails ECONNRESET.
            try (Socket rude = new Socket()) {
                rude.connect(new InetSocketAddress("127.0.0.1", port));
                rude.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
                awaitAvailable(rude.getInputStream(), 3);
                rude.setSoLinger(true, 0);
            }
            String reset = server.awaitLine(line -> line.contains("SocketException"));
            assertTrue(reset.contains("Connection reset"), reset);

            assertEquals("after the reset", echo(port, "after the reset"));
            assertTrue(server.process.isAlive(), "the server exited after a client reset: " + server.output());
            assertFalse(server.output().contains("\tat "), "the server printed a stack trace: " + server.output());
            assertFalse(server.output().contains("Exception in thread"), server.output());
        } finally {
            server.process.destroyForcibly().waitFor();
        }
    }

    private static String echo(int port, String message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] sent = message.getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(sent);
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static void awaitAvailable(InputStream in, int bytes) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (in.available() < bytes) {
            assertTrue(Instant.now().isBefore(deadline), "no echo arrived");
            Thread.sleep(5);
        }
    }

    /** An example's main in a fresh JVM (the test's class path, native access) in {@code dir}, output collected. */
    private record Child(Process process, List<String> lines) {
        static Child start(Class<?> main, Path dir, String... args) throws IOException {
            String java = ProcessHandle.current().info().command().orElseGet(
                    () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            Child child = new Child(process, new ArrayList<>());
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        synchronized (child.lines) {
                            child.lines.add(line);
                            child.lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed; what it printed so far is kept
                }
            });
            return child;
        }

        String awaitLine(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            synchronized (lines) {
                while (true) {
                    for (String line : lines) {
                        if (wanted.test(line)) {
                            return line;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("the expected line did not come; output:\n" + String.join("\n", lines));
                    }
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                }
            }
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
