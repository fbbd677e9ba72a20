package io.liouring.nio.file;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streams of lio-nio's provider keep the JDK's behaviour towards interrupts: the JDK makes the file channel
 * behind {@code Files.newInputStream}, {@code newOutputStream} and {@code readAllBytes} uninterruptible, so an
 * interrupted thread's stream I/O goes on, the stream stays open and the interrupt status stays set. A plain
 * {@code Files.newByteChannel} stays an interruptible channel.
 */
class LioFileStreamsInterruptTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    /** Runs {@code body} on a new platform or virtual thread; its result, and whether it ended interrupted. */
    private record Outcome<T>(T value, Throwable failure, boolean interruptedAtEnd) {
    }

    private static <T> CompletableFuture<Outcome<T>> start(boolean virtual, Callable<T> body) {
        CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                T value = body.call();
                outcome.complete(new Outcome<>(value, null, Thread.currentThread().isInterrupted()));
            } catch (Throwable t) {
                outcome.complete(new Outcome<>(null, t, Thread.currentThread().isInterrupted()));
            }
        };
        if (virtual) {
            Thread.ofVirtual().start(run);
        } else {
            Thread.ofPlatform().daemon().start(run);
        }
        return outcome;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedThreadReadsAnInputStreamToTheEnd(boolean virtual) throws Exception {
        byte[] data = bytes(200_000);
        Path file = Files.write(dir.resolve("in"), data);
        var outcome = start(virtual, () -> {
            try (InputStream in = Files.newInputStream(LioFileSystems.lio(file))) {
                byte[] first = in.readNBytes(1000);
                Thread.currentThread().interrupt();
                byte[] rest = in.readAllBytes();
                byte[] all = Arrays.copyOf(first, first.length + rest.length);
                System.arraycopy(rest, 0, all, first.length, rest.length);
                return all;
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(null, outcome.failure());
        assertArrayEquals(data, outcome.value());
        assertTrue(outcome.interruptedAtEnd(), "the interrupt status is left set");
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptDuringABlockedStreamReadNeitherEndsItNorClosesTheStream(boolean virtual) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        // the JDK's own channel opened for reading and writing holds the pipe open without waiting for a peer
        try (FileChannel feeder = FileChannel.open(fifo, READ, WRITE)) {
            InputStream in = Files.newInputStream(LioFileSystems.lio(fifo));
            Thread[] reader = new Thread[1];
            var outcome = start(virtual, () -> {
                reader[0] = Thread.currentThread();
                byte[] got = new byte[4];
                int n = in.read(got); // blocks: the pipe is empty
                return new String(got, 0, n, StandardCharsets.US_ASCII) + "|" + in.read(got, 0, 4);
            });
            awaitWaiting(() -> reader[0]);
            reader[0].interrupt(); // an interruptible channel would be closed by now, and the read ended
            feeder.write(ByteBuffer.wrap("wake".getBytes(StandardCharsets.US_ASCII)));
            feeder.write(ByteBuffer.wrap("more".getBytes(StandardCharsets.US_ASCII)));
            var result = outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(null, result.failure());
            assertEquals("wake|4", result.value(), "the read returned the bytes and the stream still reads");
            assertTrue(result.interruptedAtEnd());
            in.close();
        }
    }

    /** Waits until the thread {@code thread} gives is parked or blocked (the reader waits for the pipe). */
    private static void awaitWaiting(Callable<Thread> thread) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Thread t = thread.call();
            if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the reader never waited");
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedThreadWritesAnOutputStreamFully(boolean virtual) throws Exception {
        byte[] data = bytes(150_000);
        Path file = dir.resolve("out");
        var outcome = start(virtual, () -> {
            Thread.currentThread().interrupt();
            try (OutputStream out = Files.newOutputStream(LioFileSystems.lio(file))) {
                out.write(data, 0, 100);
                out.write(data, 100, data.length - 100);
            }
            return null;
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(null, outcome.failure());
        assertTrue(outcome.interruptedAtEnd());
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedThreadReadsAllBytesAndAString(boolean virtual) throws Exception {
        byte[] data = bytes(70_000);
        Path file = Files.write(dir.resolve("all"), data);
        Path text = Files.writeString(dir.resolve("text"), "interrupted but read");
        var outcome = start(virtual, () -> {
            Thread.currentThread().interrupt();
            byte[] all = Files.readAllBytes(LioFileSystems.lio(file));
            String string = Files.readString(LioFileSystems.lio(text));
            return new Object[] {all, string};
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(null, outcome.failure());
        assertArrayEquals(data, (byte[]) outcome.value()[0]);
        assertEquals("interrupted but read", outcome.value()[1]);
        assertTrue(outcome.interruptedAtEnd());
    }

    @Test
    void aByteChannelWithoutOptionsIsStillInterruptible() throws Exception {
        // Files.newByteChannel(path) opens the same kind of channel as readAllBytes; outside readAllBytes it is an
        // interruptible channel: the interrupt closes it and the read ends with ClosedByInterruptException
        Path file = Files.write(dir.resolve("bc"), bytes(10));
        SeekableByteChannel ch = Files.newByteChannel(LioFileSystems.lio(file));
        var outcome = start(true, () -> {
            Thread.currentThread().interrupt();
            return ch.read(ByteBuffer.allocate(10));
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(ClosedByInterruptException.class, outcome.failure());
        assertTrue(outcome.interruptedAtEnd());
        assertFalse(ch.isOpen());
    }

    @Test
    void theStreamsRefuseTheOptionsTheJavadocRefuses() {
        Path file = LioFileSystems.lio(dir.resolve("x"));
        assertThrows(UnsupportedOperationException.class, () -> Files.newInputStream(file, WRITE));
        assertThrows(IllegalArgumentException.class, () -> Files.newOutputStream(file, READ));
    }
}
