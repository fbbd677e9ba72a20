package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LioFileChannel} as an interruptible channel: interrupt and close of a thread blocked in a read, on
 * platform and virtual threads. A read that really blocks needs a file that has no data yet: a FIFO, opened for
 * reading and writing (which does not wait for a peer) so the test can also feed it.
 */
class LioFileChannelInterruptTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        return p;
    }

    private void interruptingABlockedReadClosesTheChannel(boolean virtual) throws Exception {
        Path fifo = fifo("p");
        try (FileChannel ch = LioFileChannel.open(fifo, Set.of(READ, WRITE))) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Runnable read = () -> {
                started.countDown();
                try {
                    outcome.complete(ch.read(ByteBuffer.allocate(16)));
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            };
            Thread reader = virtual ? Thread.ofVirtual().start(read) : Thread.ofPlatform().daemon().start(read);
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
            waitUntilParked(reader);
            reader.interrupt();
            assertInstanceOf(ClosedByInterruptException.class, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
            reader.join();
            assertFalse(ch.isOpen());
        }
    }

    /** Waits until {@code t} waits (parked in the ring wait); any state assertion below holds whether or not it does. */
    private static void waitUntilParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void interruptingAPlatformThreadBlockedInReadClosesTheChannel() throws Exception {
        interruptingABlockedReadClosesTheChannel(false);
    }

    @Test
    void interruptingAVirtualThreadBlockedInReadClosesTheChannel() throws Exception {
        interruptingABlockedReadClosesTheChannel(true);
    }

    @Test
    void aThreadInterruptedBeforeTheCallClosesTheChannelAndKeepsItsStatus() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[] {1, 2, 3});
        FileChannel ch = LioFileChannel.open(f, Set.of(READ));
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            try {
                outcome.complete(ch.read(ByteBuffer.allocate(3)));
            } catch (Throwable t) {
                outcome.complete(List.of(t, Thread.currentThread().isInterrupted()));
            }
        });
        List<?> result = (List<?>) outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(ClosedByInterruptException.class, result.get(0));
        assertEquals(true, result.get(1));
        assertFalse(ch.isOpen());
    }

    @Test
    void closingFromAnotherThreadEndsABlockedReadWithAsynchronousClose() throws Exception {
        Path fifo = fifo("p");
        FileChannel ch = LioFileChannel.open(fifo, Set.of(READ, WRITE));
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(ch.read(ByteBuffer.allocate(16)));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waitUntilParked(reader);
        ch.close();
        assertInstanceOf(AsynchronousCloseException.class, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aBlockedReadGetsTheBytesWrittenLater() throws Exception {
        Path fifo = fifo("p");
        try (FileChannel ch = LioFileChannel.open(fifo, Set.of(READ, WRITE))) {
            CompletableFuture<ByteBuffer> got = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    ByteBuffer b = ByteBuffer.allocate(16);
                    ch.read(b);
                    got.complete(b.flip());
                } catch (Throwable t) {
                    got.completeExceptionally(t);
                }
            });
            waitUntilParked(reader);
            try (FileChannel writer = LioFileChannel.open(fifo, Set.of(WRITE))) {
                writer.write(ByteBuffer.wrap(new byte[] {42, 43}));
            }
            ByteBuffer b = got.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(2, b.remaining());
            assertEquals(42, b.get(0));
            assertEquals(43, b.get(1));
        }
    }

    @Test
    void virtualThreadsBlockedInReadsParkAndLeaveTheCarriersFree() throws Exception {
        int blocked = Runtime.getRuntime().availableProcessors() * 4;
        List<FileChannel> channels = new ArrayList<>();
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < blocked; i++) {
                FileChannel ch = LioFileChannel.open(fifo("p" + i), Set.of(READ, WRITE));
                channels.add(ch);
                CompletableFuture<Object> outcome = new CompletableFuture<>();
                outcomes.add(outcome);
                Thread t = Thread.ofVirtual().start(() -> {
                    try {
                        outcome.complete(ch.read(ByteBuffer.allocate(1)));
                    } catch (Throwable e) {
                        outcome.complete(e);
                    }
                });
                waitUntilParked(t);
            }
            // More readers wait than there are carriers: if a wait held its carrier, this could not run.
            CompletableFuture<String> free = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> free.complete("ran"));
            assertEquals("ran", free.get(WAIT_SECONDS, TimeUnit.SECONDS));
            for (CompletableFuture<Object> o : outcomes) {
                assertFalse(o.isDone(), "a reader of an empty FIFO returned");
            }
        } finally {
            for (FileChannel ch : channels) {
                ch.close();
            }
        }
        for (CompletableFuture<Object> o : outcomes) {
            assertInstanceOf(AsynchronousCloseException.class, o.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBlockingCallOnAnEventLoopThreadIsRefusedInsteadOfBlockingTheLoop() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[] {1});
        try (FileChannel ch = LioFileChannel.open(f, Set.of(READ))) {
            CompletableFuture<Object> onLoop = FileRings.next().runOnLoop(ring -> {
                try {
                    return ch.read(ByteBuffer.allocate(1), 0);
                } catch (IOException | RuntimeException e) {
                    return e;
                }
            });
            Object outcome = onLoop.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, outcome);
        }
    }
}
