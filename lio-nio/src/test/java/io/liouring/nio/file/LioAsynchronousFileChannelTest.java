package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LioAsynchronousFileChannel} as the AsynchronousFileChannel Javadoc describes it. */
class LioAsynchronousFileChannelTest {
    private static final long WAIT = 30;

    @TempDir
    Path dir;

    private static AsynchronousFileChannel open(Path path, ExecutorService executor, OpenOption... options)
            throws IOException {
        return LioAsynchronousFileChannel.open(path, Set.of(options), executor);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A handler that completes a future with the result, or with the failure as the value. */
    private static <V> CompletionHandler<V, String> into(CompletableFuture<Object> outcome, CompletableFuture<Thread> thread) {
        return new CompletionHandler<>() {
            @Override
            public void completed(V result, String attachment) {
                thread.complete(Thread.currentThread());
                outcome.complete(attachment + ":" + result);
            }

            @Override
            public void failed(Throwable exc, String attachment) {
                thread.complete(Thread.currentThread());
                outcome.complete(exc);
            }
        };
    }

    @Test
    void futuresWriteAndReadAtPositions() throws Exception {
        Path f = dir.resolve("f");
        try (AsynchronousFileChannel ch = open(f, null, CREATE, READ, WRITE)) {
            assertEquals(5, ch.write(ByteBuffer.wrap(ascii("hello")), 0).get(WAIT, TimeUnit.SECONDS));
            ByteBuffer direct = ByteBuffer.allocateDirect(6).put(ascii(" world")).flip();
            assertEquals(6, ch.write(direct, 5).get(WAIT, TimeUnit.SECONDS));
            assertEquals(0, direct.remaining());
            ByteBuffer back = ByteBuffer.allocate(5);
            assertEquals(5, ch.read(back, 6).get(WAIT, TimeUnit.SECONDS));
            assertArrayEquals(ascii("world"), back.array());
            assertEquals(-1, ch.read(ByteBuffer.allocate(4), 11).get(WAIT, TimeUnit.SECONDS));
            assertEquals(0, ch.read(ByteBuffer.allocate(0), 0).get(WAIT, TimeUnit.SECONDS));
            assertEquals(11, ch.size());
        }
        assertArrayEquals(ascii("hello world"), Files.readAllBytes(f));
    }

    @Test
    void handlersRunOnTheGivenExecutorWithTheirAttachment() throws Exception {
        Path f = dir.resolve("f");
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-handler-thread"));
        try (AsynchronousFileChannel ch = open(f, executor, CREATE, READ, WRITE)) {
            CompletableFuture<Object> written = new CompletableFuture<>();
            CompletableFuture<Thread> writeThread = new CompletableFuture<>();
            ch.write(ByteBuffer.wrap(ascii("abc")), 2, "w", into(written, writeThread));
            assertEquals("w:3", written.get(WAIT, TimeUnit.SECONDS));
            assertEquals("test-handler-thread", writeThread.get().getName());
            CompletableFuture<Object> read = new CompletableFuture<>();
            CompletableFuture<Thread> readThread = new CompletableFuture<>();
            ByteBuffer dst = ByteBuffer.allocate(5);
            ch.read(dst, 0, "r", into(read, readThread));
            assertEquals("r:5", read.get(WAIT, TimeUnit.SECONDS));
            assertEquals("test-handler-thread", readThread.get().getName());
            assertArrayEquals(new byte[] {0, 0, 'a', 'b', 'c'}, dst.array());
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutAnExecutorHandlersRunOnTheSharedDaemonPool() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, ascii("x"));
        try (AsynchronousFileChannel ch = open(f, null, READ)) {
            CompletableFuture<Object> read = new CompletableFuture<>();
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            ch.read(ByteBuffer.allocate(1), 0, "a", into(read, thread));
            assertEquals("a:1", read.get(WAIT, TimeUnit.SECONDS));
            assertTrue(thread.get().getName().startsWith("lio-file-handler-"), thread.get().getName());
            assertTrue(thread.get().isDaemon());
        }
    }

    @Test
    void largeHeapReadsAndWritesMayBeShortButAllBytesArrive() throws Exception {
        Path f = dir.resolve("f");
        byte[] data = new byte[2 * ScratchPool.LARGE_SIZE + 999];
        new Random(7).nextBytes(data);
        try (AsynchronousFileChannel ch = open(f, null, CREATE, READ, WRITE)) {
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) {
                ch.write(src, src.position()).get(WAIT, TimeUnit.SECONDS);
            }
            ByteBuffer dst = ByteBuffer.allocate(data.length);
            while (dst.hasRemaining()) {
                assertTrue(ch.read(dst, dst.position()).get(WAIT, TimeUnit.SECONDS) > 0);
            }
            assertArrayEquals(data, dst.array());
        }
        assertArrayEquals(data, Files.readAllBytes(f));
    }

    @Test
    void argumentAndAccessErrorsAreThrownByTheCall() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("x"));
        try (AsynchronousFileChannel ro = open(f, null, READ); AsynchronousFileChannel wo = open(f, null, WRITE)) {
            assertThrows(IllegalArgumentException.class, () -> ro.read(ByteBuffer.allocate(1), -1));
            assertThrows(IllegalArgumentException.class, () -> ro.read(ByteBuffer.allocate(1).asReadOnlyBuffer(), 0));
            assertThrows(NonWritableChannelException.class, () -> ro.write(ByteBuffer.allocate(1), 0));
            assertThrows(NonWritableChannelException.class, () -> ro.truncate(0));
            assertThrows(NonReadableChannelException.class, () -> wo.read(ByteBuffer.allocate(1), 0));
            assertThrows(IllegalArgumentException.class, () -> wo.write(ByteBuffer.allocate(1), -1));
            assertThrows(IllegalArgumentException.class, () -> wo.truncate(-1));
            assertThrows(NonWritableChannelException.class, () -> ro.lock());
            assertThrows(NonReadableChannelException.class, () -> wo.lock(0, 1, true));
        }
        assertEquals("APPEND not allowed",
                assertThrows(UnsupportedOperationException.class, () -> open(f, null, WRITE, APPEND)).getMessage());
        assertArrayEquals(ascii("x"), Files.readAllBytes(f));
    }

    @Test
    void truncateAndForceWork() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, ascii("0123456789"));
        try (AsynchronousFileChannel ch = open(f, null, READ, WRITE)) {
            assertEquals(ch, ch.truncate(4));
            assertEquals(ch, ch.truncate(100)); // not larger: left alone
            ch.write(ByteBuffer.wrap(ascii("!")), 4).get(WAIT, TimeUnit.SECONDS);
            ch.force(true);
            ch.force(false);
            assertEquals(5, ch.size());
        }
        assertArrayEquals(ascii("0123!"), Files.readAllBytes(f));
    }

    @Test
    void operationsOnAClosedChannelFailThroughTheirFutureOrHandler() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, ascii("x"));
        AsynchronousFileChannel ch = open(f, null, READ, WRITE);
        ch.close();
        ch.close();
        assertFalse(ch.isOpen());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ch.read(ByteBuffer.allocate(1), 0).get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(ClosedChannelException.class, e.getCause());
        CompletableFuture<Object> written = new CompletableFuture<>();
        ch.write(ByteBuffer.allocate(1), 0, "a", into(written, new CompletableFuture<>()));
        assertInstanceOf(ClosedChannelException.class, written.get(WAIT, TimeUnit.SECONDS));
        assertThrows(ClosedChannelException.class, ch::size);
        assertThrows(ClosedChannelException.class, () -> ch.force(true));
        assertThrows(ClosedChannelException.class, () -> ch.tryLock());
        ExecutionException locked = assertThrows(ExecutionException.class, () -> ch.lock().get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(ClosedChannelException.class, locked.getCause());
    }

    /**
     * A file whose O_DIRECT reads of {@value #SLOW_READ} bytes stay in the kernel for milliseconds: each goes to the
     * device. (A named pipe would keep a read pending for ever, but an asynchronous file channel refuses to read
     * one at a position, as the JDK's does.)
     */
    private static final int SLOW_READ = 32 << 20;

    private Path slowFile() throws IOException {
        Path f = dir.resolve("slow");
        byte[] bytes = new byte[SLOW_READ];
        new Random(7).nextBytes(bytes);
        return Files.write(f, bytes);
    }

    /** A buffer for a {@value #SLOW_READ}-byte O_DIRECT read, aligned to 4 KiB. */
    private static ByteBuffer slowBuffer() {
        return ByteBuffer.allocateDirect(SLOW_READ + 4096).alignedSlice(4096).limit(SLOW_READ).slice();
    }

    @Test
    void closeFailsAPendingReadWithAsynchronousClose() throws Exception {
        // Each read ends with its whole count (it finished before the close) or with AsynchronousCloseException (it
        // was pending): nothing else, and a close right after the reads start catches some of them pending.
        Path f = slowFile();
        for (int attempt = 1; ; attempt++) {
            AsynchronousFileChannel ch = open(f, null, READ, DirectOpenOption.get());
            Future<Integer> pending = ch.read(slowBuffer(), 0);
            CompletableFuture<Object> viaHandler = new CompletableFuture<>();
            ch.read(slowBuffer(), 0, "h", into(viaHandler, new CompletableFuture<>()));
            ch.close();
            Object viaFuture;
            try {
                viaFuture = pending.get(WAIT, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                viaFuture = e.getCause();
            }
            int caught = 0;
            for (Object outcome : new Object[] {viaFuture, viaHandler.get(WAIT, TimeUnit.SECONDS)}) {
                if (outcome instanceof Integer n) {
                    assertEquals(SLOW_READ, n);
                } else if (outcome instanceof String handled) {
                    assertEquals("h:" + SLOW_READ, handled); // the handler's read finished before the close
                } else {
                    assertInstanceOf(AsynchronousCloseException.class, outcome);
                    caught++;
                }
            }
            if (caught > 0) {
                return;
            }
            assertTrue(attempt < 20, "the device finished every read before the close");
        }
    }

    @Test
    void cancellingAPendingReadCancelsIt() throws Exception {
        Path f = slowFile();
        try (AsynchronousFileChannel ch = open(f, null, READ, DirectOpenOption.get())) {
            for (int attempt = 1; ; attempt++) {
                Future<Integer> pending = ch.read(slowBuffer(), 0);
                // cancel(false): cancel(true) would also close the channel, as the JDK's does
                if (pending.cancel(false)) {
                    assertTrue(pending.isCancelled());
                    break;
                }
                assertEquals(SLOW_READ, pending.get(WAIT, TimeUnit.SECONDS)); // it had finished: try again
                assertTrue(attempt < 20, "the device finished every read before the cancel");
            }
            // The channel still works: a later read of the same bytes.
            ByteBuffer b = slowBuffer();
            assertEquals(SLOW_READ, ch.read(b, 0).get(WAIT, TimeUnit.SECONDS));
            assertArrayEquals(Arrays.copyOf(Files.readAllBytes(f), 4096), Arrays.copyOf(toArray(b.flip()), 4096));
        }
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    @Test
    void locksFollowTheRulesAndCloseReleasesThem() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[100]);
        AsynchronousFileChannel ch = open(f, null, READ, WRITE);
        FileLock whole = ch.lock(0, 50, false).get(WAIT, TimeUnit.SECONDS);
        assertTrue(whole.isValid());
        assertEquals(ch, whole.acquiredBy());
        assertThrows(OverlappingFileLockException.class, () -> ch.tryLock(10, 5, true));
        assertThrows(OverlappingFileLockException.class, () -> ch.lock(49, 2, false));
        FileLock tail = ch.tryLock(50, 50, true);
        assertNotNull(tail);
        CompletableFuture<Object> viaHandler = new CompletableFuture<>();
        whole.release();
        ch.lock(0, 10, false, "l", into(viaHandler, new CompletableFuture<>()));
        assertTrue(String.valueOf(viaHandler.get(WAIT, TimeUnit.SECONDS)).startsWith("l:"));
        assertEquals("busy", LockHolder.tryInChild(f, 60, 1));
        ch.close();
        assertFalse(tail.isValid());
        assertEquals("locked", LockHolder.tryInChild(f, 0, 100));
    }

    @Test
    void aLockHeldByAnotherProcessIsGrantedWhenReleasedFailsAtCloseAndIsGivenUpWhenCancelled() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[10]);
        try (LockHolder.Child holder = LockHolder.holdInChild(f, 0, 10)) {
            AsynchronousFileChannel ch = open(f, null, READ, WRITE);
            assertNull(ch.tryLock());
            Future<FileLock> waiting = ch.lock();
            Thread.sleep(50);
            assertFalse(waiting.isDone());
            ch.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(WAIT, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            try (AsynchronousFileChannel again = open(f, null, READ, WRITE)) {
                Future<FileLock> abandoned = again.lock();
                assertTrue(abandoned.cancel(false));
                Future<FileLock> granted = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
                while (granted == null) { // the cancelled wait gives its region back within one pause
                    try {
                        granted = again.lock();
                    } catch (OverlappingFileLockException stillWaiting) {
                        assertTrue(System.nanoTime() < deadline, "a cancelled lock kept its region");
                        Thread.sleep(10);
                    }
                }
                holder.release();
                assertTrue(granted.get(WAIT, TimeUnit.SECONDS).isValid());
                assertEquals("busy", LockHolder.tryInChild(f, 0, 10));
            }
        }
    }

    // A buffer larger than one bounce buffer moves in steps; the steps after the first start on their own threads.
    // The JDK's channel holds a shared arena acquired while it writes, so the arena's close throws; ours cannot, so
    // the close succeeds, and a step that can no longer read the buffer must end the write, never leave it pending.
    @Test
    void aSharedArenaClosedBetweenTheStepsOfALargeWriteEndsTheWrite() throws Exception {
        Path f = dir.resolve("steps");
        try (AsynchronousFileChannel ch = open(f, null, CREATE, WRITE)) {
            for (int trial = 0; trial < 50; trial++) {
                Arena arena = Arena.ofShared();
                ByteBuffer src = arena.allocate(3 << 20).asByteBuffer();
                Future<Integer> write = ch.write(src, 0);
                arena.close();
                try {
                    int n = write.get(WAIT, TimeUnit.SECONDS);
                    assertTrue(n > 0 && n <= 3 << 20, "trial " + trial + ": " + n);
                } catch (ExecutionException failed) {
                    assertInstanceOf(IOException.class, failed.getCause(), "trial " + trial);
                }
            }
        }
    }
}
