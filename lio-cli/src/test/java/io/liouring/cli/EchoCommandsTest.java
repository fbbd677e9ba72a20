package io.liouring.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lio echo-server and lio echo-client, against each other and against plain Java sockets. */
class EchoCommandsTest {
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new AssertionError("echo-server did not listen on " + port);
    }

    @Test
    void echoServerSendsBackWhatAPlainJavaSocketWrites() throws Exception {
        int port = freePort();
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> Lio.run("echo-server", "--port", String.valueOf(port), "--duration", "PT3S"));
        awaitListening(port);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] message = "bytes that go there and back".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(message);
            assertArrayEquals(message, socket.getInputStream().readNBytes(message.length));
        }
        assertEquals(0, server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void echoClientVerifiesEveryEchoFromTheEchoServer() throws Exception {
        int port = freePort();
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> Lio.run("echo-server", "--port", String.valueOf(port), "--duration", "PT3S"));
        awaitListening(port);
        Run.Result client = Run.lio("echo-client", "--port", String.valueOf(port), "--count", "200", "--size", "4096");
        assertEquals(0, client.exit(), client.stderr());
        assertTrue(client.out().startsWith("200 round trips of 4096 B to 127.0.0.1:" + port), client.out());
        assertTrue(client.out().contains("echoes all equal"), client.out());
        assertEquals(0, server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void echoClientWithoutAServerFailsWithTheErrno() throws Exception {
        Run.Result client = Run.lio("echo-client", "--port", String.valueOf(freePort()), "--count", "1");
        assertEquals(1, client.exit());
        assertTrue(client.stderr().contains("ECONNREFUSED"), client.stderr());
    }

    @Test
    void echoServerOnABusyPortSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("::1", 0));
            int port = taken.getLocalPort();

            Run.Result server = Run.lio("echo-server", "--bind", "::1", "--port", String.valueOf(port),
                    "--duration", "1s");

            assertEquals(1, server.exit());
            assertEquals("lio echo-server: cannot bind [::1]:" + port + ": Address already in use\n", server.stderr());
        }
    }

    @Test
    void durationsTakeAUnitAsWellAsIso8601() throws Exception {
        for (String duration : List.of("300ms", "1s", "0.5s", "PT0.4S")) {
            Run.Result server = Run.lio("echo-server", "--port", "0", "--duration", duration);
            assertEquals(0, server.exit(), duration + ": " + server.stderr());
        }
        Run.Result wrong = Run.lio("echo-server", "--port", "0", "--duration", "5 parsecs");
        assertEquals(UsageErrors.STATUS, wrong.exit());
        assertTrue(wrong.stderr().contains("'5 parsecs' is not a duration (like 5s, 100ms, 2m or PT5S)"), wrong.stderr());
        assertEquals(Duration.ofMinutes(2), new DurationConverter().convert("2m"));
        assertEquals(Duration.ofMillis(100), new DurationConverter().convert("100ms"));
        assertEquals(Duration.ofMinutes(90), new DurationConverter().convert("1.5h"));
    }
}
