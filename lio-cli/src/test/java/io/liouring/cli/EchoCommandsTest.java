package io.liouring.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
}
