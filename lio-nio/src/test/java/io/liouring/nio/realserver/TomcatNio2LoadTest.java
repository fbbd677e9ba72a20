package io.liouring.nio.realserver;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11Nio2Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real NIO.2 server, unchanged: embedded Tomcat with its {@link Http11Nio2Protocol} connector (built on
 * {@code AsynchronousChannelGroup} and {@code AsynchronousServerSocketChannel}) serving {@link LoadServlet} to
 * {@value #CONNECTIONS} concurrent keep-alive connections, each sending a fixed script of requests: large generated
 * responses and chunked request bodies echoed back, every byte compared with what it must be.
 *
 * <p>It runs on whichever {@code AsynchronousChannelProvider} the JVM was started with, and asserts that it is the
 * configured one ({@link ConfiguredChannelProvider}): lio-nio's pom runs it twice, in the surefire executions
 * {@code tomcat-lio} ({@code -Djava.nio.channels.spi.AsynchronousChannelProvider=io.liouring.nio.channels.LioChannelProvider})
 * and {@code tomcat-jdk} (the JDK's provider), so that a failure with ours can be told from one in the test.
 */
class TomcatNio2LoadTest {
    private static final int CONNECTIONS = 64;
    private static final int LARGE_RESPONSE = 4 << 20;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    @TempDir
    Path baseDir;

    @Test
    void nio2ConnectorServesManyKeepAliveConnectionsWithEveryByteIntact() throws Exception {
        String provider = ConfiguredChannelProvider.expectConfigured();
        Tomcat tomcat = start(baseDir);
        try {
            int port = tomcat.getConnector().getLocalPort();
            List<Future<Long>> clients = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CONNECTIONS; c++) {
                    int connection = c;
                    clients.add(threads.submit(() -> runScript(port, connection)));
                }
                long bytes = 0;
                List<Throwable> failures = new ArrayList<>();
                for (Future<Long> client : clients) {
                    try {
                        bytes += client.get(3, TimeUnit.MINUTES);
                    } catch (ExecutionException e) {
                        failures.add(e.getCause());
                    }
                }
                if (!failures.isEmpty()) {
                    AssertionError failed = new AssertionError(failures.size() + " of " + CONNECTIONS
                            + " connections failed on " + provider + ":\n  " + String.join("\n  ",
                            failures.stream().map(Throwable::getMessage).toList()), failures.getFirst());
                    failures.stream().skip(1).forEach(failed::addSuppressed);
                    throw failed;
                }
                System.out.printf("TomcatNio2LoadTest on %s: %d connections, %d requests, %,d response body bytes"
                        + " checked%n", provider, CONNECTIONS, CONNECTIONS * Script.REQUESTS, bytes);
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static Tomcat start(Path baseDir) throws LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector(Http11Nio2Protocol.class.getName());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "-1");
        connector.setProperty("keepAliveTimeout", Integer.toString(READ_TIMEOUT_MILLIS));
        connector.setProperty("connectionTimeout", Integer.toString(READ_TIMEOUT_MILLIS));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toAbsolutePath().toString());
        Tomcat.addServlet(context, "load", new LoadServlet());
        context.addServletMappingDecoded("/generate", "load");
        context.addServletMappingDecoded("/echo", "load");
        tomcat.start();
        assertInstanceOf(Http11Nio2Protocol.class, connector.getProtocolHandler());
        return tomcat;
    }

    /** One connection's requests, all on one socket; returns the response body bytes it checked. */
    private static long runScript(int port, int connection) throws Exception {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + connection);
        long checked = 0;
        try (HttpConnection http = new HttpConnection(port, READ_TIMEOUT_MILLIS)) {
            for (int request = 0; request < Script.REQUESTS; request++) {
                String tag = "c" + connection + "-r" + request;
                long seed = ((long) connection << 32 | request) * 0x2545F4914F6CDD1DL;
                Script step = Script.step(request);
                try {
                    checked += switch (step) {
                        case GENERATE_LARGE -> generate(http, tag, seed, LARGE_RESPONSE);
                        case GENERATE_SMALL -> generate(http, tag, seed, random.nextInt(0, 1 << 20));
                        case ECHO_LARGE -> echo(http, tag, seed, random.nextInt(128 << 10, 768 << 10), random);
                        case ECHO_SMALL -> echo(http, tag, seed, random.nextInt(0, 64 << 10), random);
                    };
                } catch (IOException | ExecutionException | TimeoutException e) {
                    throw new IOException(tag + " (" + step + "): " + e, e);
                }
            }
        }
        return checked;
    }

    private static long generate(HttpConnection http, String tag, long seed, int length) throws Exception {
        http.get("/generate?seed=" + seed + "&length=" + length, Map.of(LoadServlet.TAG, tag));
        HttpConnection.Response response = http.read((bytes, offset, n, position) ->
                expectPattern(tag, bytes, offset, n, seed, position));
        expectAnswer(http, response, tag, length);
        assertEquals(Long.toString(length), response.header("content-length"), tag);
        return length;
    }

    /** Sends a chunked body of random chunk sizes from a second thread while this one reads the echo as it streams back. */
    private static long echo(HttpConnection http, String tag, long seed, int length, SplittableRandom random)
            throws Exception {
        int[] chunks = chunkSizes(length, random);
        http.startChunked("POST", "/echo", Map.of(LoadServlet.TAG, tag, "Content-Type", "application/octet-stream"));
        CRC32 sent = new CRC32();
        Future<?> writer;
        try (ExecutorService writing = Executors.newVirtualThreadPerTaskExecutor()) {
            writer = writing.submit(() -> {
                byte[] chunk = new byte[64 << 10];
                long position = 0;
                for (int size : chunks) {
                    ContentPattern.fill(chunk, 0, size, seed, position);
                    sent.update(chunk, 0, size);
                    http.chunk(chunk, 0, size);
                    position += size;
                }
                http.endChunked();
                return null;
            });
            HttpConnection.Response response = http.read((bytes, offset, n, position) ->
                    expectPattern(tag, bytes, offset, n, seed, position));
            writer.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            expectAnswer(http, response, tag, length);
            assertEquals("chunked", response.header("transfer-encoding"), tag + ": the echo streams back chunked");
            assertEquals(Long.toString(length), response.trailers().get(LoadServlet.ECHO_LENGTH),
                    tag + ": request body length the servlet read");
            assertEquals(Long.toHexString(sent.getValue()), response.trailers().get(LoadServlet.ECHO_CRC32),
                    tag + ": CRC-32 of the request body the servlet read");
        }
        return length;
    }

    /** Chunk sizes summing to {@code length}: mostly 1..32 KiB, some of 1..16 bytes. */
    private static int[] chunkSizes(int length, SplittableRandom random) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int size = Math.min(left, random.nextInt(8) == 0 ? random.nextInt(1, 17) : random.nextInt(1, 32 << 10));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void expectAnswer(HttpConnection http, HttpConnection.Response response, String tag, long length) {
        assertEquals(200, response.status(), tag);
        assertEquals(tag, response.header(LoadServlet.TAG), "a response for another request");
        assertEquals(Integer.toString(http.localPort()), response.header(LoadServlet.CLIENT_PORT),
                tag + ": the server saw this request on another connection");
        assertNull(response.header("connection"), tag + ": the server must keep the connection alive");
        assertEquals(length, response.bodyLength(), tag + ": body length");
    }

    private static void expectPattern(String tag, byte[] bytes, int offset, int n, long seed, long position) {
        int bad = ContentPattern.firstMismatch(bytes, offset, n, seed, position);
        if (bad >= 0) {
            fail(tag + ": wrong byte at body offset " + (position + bad) + ": got " + bytes[offset + bad]
                    + ", expected " + ContentPattern.at(seed, position + bad));
        }
    }

    /** The requests every connection sends, in order. */
    private enum Script {
        GENERATE_LARGE, ECHO_LARGE, GENERATE_SMALL, ECHO_SMALL;

        static final int REQUESTS = 8;

        static Script step(int request) {
            return values()[request % values().length];
        }
    }
}
