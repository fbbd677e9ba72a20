package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code AsynchronousFileChannel}: opening, reads and writes as {@code Future}s and with {@code CompletionHandler}s
 * (on the channel's thread pool, with the attachment), {@code size}/{@code truncate}/{@code force}, locks, and close
 * while an operation is pending.
 */
// "try": some resources are held for their scope only (another process's lock), some are closed early on purpose
@SuppressWarnings("try")
class AsynchronousFileChannelConformanceTest extends FileSystemConformance {
    private static final long WAIT = Blocked.PATIENCE_SECONDS;

    /** The pool a test gives its channel; handler threads are recognisable by name. */
    private final ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
        var thread = new Thread(runnable, "afc-pool-" + POOL_THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicInteger POOL_THREADS = new AtomicInteger();

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(WAIT, TimeUnit.SECONDS));
    }

    /** A handler that records its outcome, the attachment it got and the thread that ran it. */
    static final class Recorder<V> implements CompletionHandler<V, String> {
        final CompletableFuture<V> outcome = new CompletableFuture<>();
        volatile String attachment;
        volatile Thread thread;

        @Override
        public void completed(V result, String attachment) {
            record(attachment);
            outcome.complete(result);
        }

        @Override
        public void failed(Throwable exc, String attachment) {
            record(attachment);
            outcome.completeExceptionally(exc);
        }

        private void record(String attachment) {
            this.attachment = attachment;
            this.thread = Thread.currentThread();
        }

        V result() throws Exception {
            return outcome.get(WAIT, TimeUnit.SECONDS);
        }

        Throwable failure() throws InterruptedException, TimeoutException {
            try {
                V value = outcome.get(WAIT, TimeUnit.SECONDS);
                throw new AssertionError("expected a failure, the handler got " + value);
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

    static <V> V get(Future<V> future) throws Exception {
        return future.get(WAIT, TimeUnit.SECONDS);
    }

    static Throwable failureOf(Future<?> future) throws InterruptedException, TimeoutException {
        var e = assertThrows(ExecutionException.class, () -> future.get(WAIT, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aNamedPipeHasNoPositionsToReadOrWriteAt() throws Exception {
        // read and write "at the given file position": a named pipe has none (lseek(2): ESPIPE), so both fail with
        // an IOException, "some other I/O error" in the Javadoc's words; the pipe keeps its bytes and the channel
        // stays open. An empty buffer reads and writes nothing, as anywhere.
        Path fifo = Fifo.create(path("fifo"));
        try (var pipe = FileChannel.open(fifo, READ, WRITE); // opens at once: it is its own peer
             var ch = AsynchronousFileChannel.open(fifo, READ, WRITE)) {
            pipe.write(ByteBuffer.wrap(ascii("hello")));
            assertInstanceOf(IOException.class, failureOf(ch.read(ByteBuffer.allocate(10), 0)));
            assertInstanceOf(IOException.class, failureOf(ch.write(ByteBuffer.wrap(ascii("x")), 0)));
            var handled = new Recorder<Integer>();
            ch.read(ByteBuffer.allocateDirect(10), 3, null, handled);
            assertInstanceOf(IOException.class, handled.failure());
            assertEquals(0, get(ch.read(ByteBuffer.allocate(0), 0)));
            assertTrue(ch.isOpen());
            var back = ByteBuffer.allocate(10);
            assertEquals(5, pipe.read(back));
            assertEquals("hello", readSoFar(back));
        }
    }

    @Test
    void withoutReadOrWriteAnExistingFileIsOpenedForReading() throws Exception {
        // open: "If neither option is contained in the array then an existing file is opened for reading."
        Path file = file("data", "abc");
        try (var ch = AsynchronousFileChannel.open(file)) {
            var buf = ByteBuffer.allocate(8);
            assertEquals(3, get(ch.read(buf, 0)));
            assertEquals("abc", readSoFar(buf));
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.wrap(ascii("x")), 0));
        }
    }

    @Test
    void openHonoursCreateCreateNewAndTruncateExisting() throws Exception {
        // open: CREATE, CREATE_NEW, TRUNCATE_EXISTING as for FileChannel; NoSuchFileException for a missing file,
        // FileAlreadyExistsException for CREATE_NEW on an existing one
        Path file = path("data");
        assertThrows(NoSuchFileException.class, () -> AsynchronousFileChannel.open(file, WRITE).close());
        try (var ch = AsynchronousFileChannel.open(file, WRITE, CREATE)) {
            assertEquals(5, get(ch.write(ByteBuffer.wrap(ascii("hello")), 0)));
        }
        assertThrows(FileAlreadyExistsException.class,
                () -> AsynchronousFileChannel.open(file, WRITE, CREATE_NEW).close());
        try (var ch = AsynchronousFileChannel.open(file, READ, TRUNCATE_EXISTING)) {
            assertEquals(5, ch.size(), "TRUNCATE_EXISTING is ignored when opening only for reading");
        }
        try (var ch = AsynchronousFileChannel.open(file, WRITE, TRUNCATE_EXISTING)) {
            assertEquals(0, ch.size());
        }
        assertEquals(0, Files.size(file));
    }

    @Test
    void appendIsNotAnOptionOfAsynchronousFileChannels() throws IOException {
        // open: APPEND is not among the documented options (there is no position to append at);
        // UnsupportedOperationException "If ... an unsupported open option is specified"
        Path file = file("data", "abc");
        assertThrows(UnsupportedOperationException.class,
                () -> AsynchronousFileChannel.open(file, WRITE, APPEND).close());
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void deleteOnCloseRemovesTheFile() throws Exception {
        // DELETE_ON_CLOSE: "a best effort attempt to delete the file when closed by the close method"
        Path file = path("scratch");
        try (var ch = AsynchronousFileChannel.open(file, READ, WRITE, CREATE_NEW, DELETE_ON_CLOSE)) {
            assertEquals(3, get(ch.write(ByteBuffer.wrap(ascii("tmp")), 0)));
            assertEquals(3, ch.size());
        }
        assertFalse(Files.exists(file));
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void futureWriteThenReadAtGivenPositions(boolean direct) throws Exception {
        // write(src, position): bytes written "starting at the given file position"; the file grows to fit;
        // read(dst, position): "the number of bytes read or -1 if the given position is greater than or equal to
        // the file's size at the time that the read is attempted"
        Path file = path("data");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE, CREATE_NEW), pool)) {
            var src = (direct ? ByteBuffer.allocateDirect(5) : ByteBuffer.allocate(5)).put(ascii("world")).flip();
            assertEquals(5, get(ch.write(src, 6)));
            assertEquals(0, src.remaining());
            assertEquals(6, get(ch.write(ByteBuffer.wrap(ascii("hello ")), 0)));
            assertEquals(11, ch.size());
            var dst = direct ? ByteBuffer.allocateDirect(32) : ByteBuffer.allocate(32);
            assertEquals(5, get(ch.read(dst, 6)));
            assertEquals("world", readSoFar(dst));
            assertEquals(-1, get(ch.read(ByteBuffer.allocate(4), 11)));
            assertEquals(-1, get(ch.read(ByteBuffer.allocate(4), 1000)));
        }
        assertEquals("hello world", Files.readString(file));
    }

    @Test
    void aLargeHeapBufferIsWrittenAndReadWhole() throws Exception {
        // the JDK's channel moves a buffer with one pwrite/pread, which a regular file does not cut short: an
        // application that writes a large array and ignores the count finds all of it in the file, and a read of a
        // range inside the file fills the buffer. 3 MiB plus a few bytes: more than any one bounce buffer holds.
        int size = 3 * 1024 * 1024 + 5;
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        Path file = path("data");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE, CREATE_NEW), pool)) {
            ByteBuffer src = ByteBuffer.wrap(bytes);
            assertEquals(size, get(ch.write(src, 0)));
            assertFalse(src.hasRemaining());
            var wrote = new Recorder<Integer>();
            ch.write(ByteBuffer.wrap(bytes), size, "second", wrote);
            assertEquals(size, wrote.result());
            assertEquals(2L * size, ch.size());

            ByteBuffer dst = ByteBuffer.allocate(size);
            assertEquals(size, get(ch.read(dst, 0)));
            assertArrayEquals(bytes, dst.array());
            var read = new Recorder<Integer>();
            ByteBuffer tail = ByteBuffer.allocate(size + 100);
            ch.read(tail, size, "tail", read);
            assertEquals(size, read.result(), "a read stops at the end of the file");
            assertArrayEquals(bytes, java.util.Arrays.copyOf(tail.array(), size));
        }
        byte[] inFile = Files.readAllBytes(file);
        assertArrayEquals(bytes, java.util.Arrays.copyOfRange(inFile, 0, size));
        assertArrayEquals(bytes, java.util.Arrays.copyOfRange(inFile, size, 2 * size));
    }

    @Test
    void completionHandlersRunOnThePoolWithTheAttachment() throws Exception {
        // class: "The completion handler for an I/O operation initiated on a channel is guaranteed to be invoked by
        // one of the threads in the thread pool"; the attachment is passed to the handler
        Path file = path("data");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE, CREATE_NEW), pool)) {
            var wrote = new Recorder<Integer>();
            ch.write(ByteBuffer.wrap(ascii("payload")), 0, "write-attachment", wrote);
            assertEquals(7, wrote.result());
            assertEquals("write-attachment", wrote.attachment);
            assertTrue(wrote.thread.getName().startsWith("afc-pool-"), wrote.thread.getName());

            var buf = ByteBuffer.allocate(16);
            var read = new Recorder<Integer>();
            ch.read(buf, 3, "read-attachment", read);
            assertEquals(4, read.result());
            assertEquals("read-attachment", read.attachment);
            assertTrue(read.thread.getName().startsWith("afc-pool-"), read.thread.getName());
            assertEquals("load", readSoFar(buf));

            var atEnd = new Recorder<Integer>();
            ch.read(ByteBuffer.allocate(4), 7, null, atEnd);
            assertEquals(-1, atEnd.result());
            assertNull(atEnd.attachment);
        }
    }

    @Test
    void theInterruptStatusAHandlerLeavesIsClearedWhenItReturns() throws Exception {
        // the JDK's channels clear the interrupt status of the thread that ran a completion handler once it returns,
        // so that a handler cannot leave it to the next task of the application's executor (which may not clear it:
        // this one, unlike ThreadPoolExecutor, does not); for an operation that completes and for one initiated on
        // a closed channel
        Path file = file("data", "abc");
        var statusAfterTask = new java.util.concurrent.LinkedBlockingQueue<Boolean>();
        ExecutorService observing = new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        statusAfterTask.add(Thread.interrupted());
                    }
                });
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
        CompletionHandler<Integer, CompletableFuture<Integer>> interrupting = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, CompletableFuture<Integer> outcome) {
                Thread.currentThread().interrupt();
                outcome.complete(n);
            }

            @Override
            public void failed(Throwable exc, CompletableFuture<Integer> outcome) {
                Thread.currentThread().interrupt();
                outcome.completeExceptionally(exc);
            }
        };
        var ch = AsynchronousFileChannel.open(file, Set.of(READ), observing);
        var read = new CompletableFuture<Integer>();
        ch.read(ByteBuffer.allocate(3), 0, read, interrupting);
        assertEquals(3, get(read));
        assertFalse(statusAfterTask.poll(WAIT, TimeUnit.SECONDS), "the handler's interrupt outlived it");
        ch.close();
        statusAfterTask.clear();
        var closed = new CompletableFuture<Integer>();
        ch.read(ByteBuffer.allocate(3), 0, closed, interrupting);
        assertInstanceOf(ClosedChannelException.class, failureOf(closed));
        assertFalse(statusAfterTask.poll(WAIT, TimeUnit.SECONDS), "the handler's interrupt outlived it");
    }

    @Test
    void theDefaultPoolAlsoRunsHandlers() throws Exception {
        // open without a pool: the channel uses "a system-dependent default thread pool"; the handler still runs
        Path file = file("data", "abc");
        try (var ch = AsynchronousFileChannel.open(file, READ)) {
            var read = new Recorder<Integer>();
            var buf = ByteBuffer.allocateDirect(8);
            ch.read(buf, 1, "default", read);
            assertEquals(2, read.result());
            assertEquals("default", read.attachment);
            assertEquals("bc", readSoFar(buf));
        }
    }

    @Test
    void aNullHandlerIsRefusedWithTheJdksMessage() throws Exception {
        // the package's rule: a null argument is a NullPointerException; the JDK's message names the handler so
        Path file = file("data", "abc");
        try (var ch = AsynchronousFileChannel.open(file, READ, WRITE)) {
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> ch.read(ByteBuffer.allocate(1), 0, null, null),
                    () -> ch.write(ByteBuffer.allocate(1), 0, null, null),
                    () -> ch.lock(0, 1, false, null, null))) {
                assertEquals("'handler' is null", assertThrows(NullPointerException.class, call).getMessage());
            }
        }
    }

    @Test
    void initiatingTheWrongDirectionOrANegativePositionThrowsAtOnce() throws Exception {
        // read: IllegalArgumentException "If the position is negative", NonReadableChannelException "If this
        // channel was not opened for reading"; write likewise with NonWritableChannelException. These are thrown by
        // the initiating method, not given to the handler.
        Path file = file("data", "abc");
        try (var ro = AsynchronousFileChannel.open(file, Set.of(READ), pool);
             var wo = AsynchronousFileChannel.open(file, Set.of(WRITE), pool)) {
            var handler = new Recorder<Integer>();
            assertThrows(IllegalArgumentException.class, () -> ro.read(ByteBuffer.allocate(1), -1));
            assertThrows(IllegalArgumentException.class, () -> ro.read(ByteBuffer.allocate(1), -1, "a", handler));
            assertThrows(IllegalArgumentException.class, () -> wo.write(ByteBuffer.wrap(ascii("x")), -1));
            assertThrows(NonWritableChannelException.class, () -> ro.write(ByteBuffer.wrap(ascii("x")), 0));
            assertThrows(NonWritableChannelException.class,
                    () -> ro.write(ByteBuffer.wrap(ascii("x")), 0, "a", handler));
            assertThrows(NonReadableChannelException.class, () -> wo.read(ByteBuffer.allocate(1), 0));
            assertThrows(NonReadableChannelException.class, () -> wo.read(ByteBuffer.allocate(1), 0, "a", handler));
            // read: IllegalArgumentException "If the position is negative or the buffer is read-only"
            var readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
            assertThrows(IllegalArgumentException.class, () -> ro.read(readOnly, 0));
            assertThrows(IllegalArgumentException.class, () -> ro.read(readOnly, 0, "a", handler));
            assertFalse(handler.outcome.isDone());
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void aNullBufferIsCheckedAfterThePositionAndTheAccessMode() throws Exception {
        // the JDK's channel checks a read's or write's position and the channel's access mode before it looks at the
        // buffer: a null buffer with a negative position is IllegalArgumentException, on a channel of the other
        // direction NonReadableChannelException/NonWritableChannelException; otherwise NullPointerException
        Path file = file("data", "abc");
        try (var ro = AsynchronousFileChannel.open(file, Set.of(READ), pool);
             var wo = AsynchronousFileChannel.open(file, Set.of(WRITE), pool)) {
            var handler = new Recorder<Integer>();
            assertThrows(IllegalArgumentException.class, () -> ro.read(null, -1));
            assertThrows(IllegalArgumentException.class, () -> ro.read(null, -1, "a", handler));
            assertThrows(IllegalArgumentException.class, () -> wo.write(null, -1));
            assertThrows(NonReadableChannelException.class, () -> wo.read(null, 0));
            assertThrows(NonReadableChannelException.class, () -> wo.read(null, 0, "a", handler));
            assertThrows(NonWritableChannelException.class, () -> ro.write(null, 0));
            assertThrows(NonWritableChannelException.class, () -> ro.write(null, 0, "a", handler));
            assertThrows(NullPointerException.class, () -> ro.read(null, 0));
            assertThrows(NullPointerException.class, () -> wo.write(null, 0));
            assertFalse(handler.outcome.isDone());
        }
    }

    @Test
    void lockingAClosedChannelFailsWithClosedChannelExceptionBeforeTheRangeIsChecked() throws Exception {
        // the JDK's channel checks the access mode, then whether the channel is open (lock: ClosedChannelException
        // through the Future or handler; tryLock: thrown), and only then the range (IllegalArgumentException)
        Path file = file("data", "abc");
        var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
        var ro = AsynchronousFileChannel.open(file, Set.of(READ), pool);
        ch.close();
        ro.close();
        assertInstanceOf(ClosedChannelException.class, failureOf(ch.lock(-1, 10, false)));
        var handler = new Recorder<FileLock>();
        ch.lock(0, -1, true, "closed", handler);
        assertInstanceOf(ClosedChannelException.class, handler.failure());
        assertThrows(ClosedChannelException.class, () -> ch.tryLock(-1, 10, false));
        assertThrows(ClosedChannelException.class, () -> ch.tryLock(Long.MAX_VALUE, 10, true));
        assertThrows(NonWritableChannelException.class, () -> ro.lock(-1, 10, false));
        assertThrows(NonWritableChannelException.class, () -> ro.tryLock(-1, 10, false));
    }

    @Test
    void operationsInitiatedAfterCloseFailWithClosedChannelException() throws Exception {
        // AsynchronousChannel.close: "further attempts to initiate asynchronous I/O operations complete immediately
        // with cause ClosedChannelException"; size/truncate/force/tryLock throw it ("If this channel is closed")
        Path file = file("data", "abc");
        var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
        ch.close();
        assertFalse(ch.isOpen());
        ch.close();
        assertInstanceOf(ClosedChannelException.class, failureOf(ch.read(ByteBuffer.allocate(1), 0)));
        assertInstanceOf(ClosedChannelException.class, failureOf(ch.write(ByteBuffer.wrap(ascii("x")), 0)));
        assertInstanceOf(ClosedChannelException.class, failureOf(ch.lock()));
        var read = new Recorder<Integer>();
        ch.read(ByteBuffer.allocate(1), 0, "closed", read);
        assertInstanceOf(ClosedChannelException.class, read.failure());
        assertEquals("closed", read.attachment);
        var write = new Recorder<Integer>();
        ch.write(ByteBuffer.wrap(ascii("x")), 0, "closed", write);
        assertInstanceOf(ClosedChannelException.class, write.failure());
        var lock = new Recorder<FileLock>();
        ch.lock("closed", lock);
        assertInstanceOf(ClosedChannelException.class, lock.failure());
        assertThrows(ClosedChannelException.class, ch::size);
        assertThrows(ClosedChannelException.class, () -> ch.truncate(0));
        assertThrows(ClosedChannelException.class, () -> ch.force(true));
        assertThrows(ClosedChannelException.class, ch::tryLock);
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void truncateOfAClosedReadOnlyChannelThrowsNonWritableChannelException() throws Exception {
        // truncate checks its argument and the access mode before whether the channel is open, as the JDK's channel
        // does: a negative size is IllegalArgumentException, a channel not opened for writing
        // NonWritableChannelException, closed or not; only a writable closed channel throws ClosedChannelException
        Path file = file("data", "abc");
        var ro = AsynchronousFileChannel.open(file, Set.of(READ), pool);
        var rw = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
        ro.close();
        rw.close();
        assertThrows(IllegalArgumentException.class, () -> ro.truncate(-1));
        assertThrows(NonWritableChannelException.class, () -> ro.truncate(0));
        assertThrows(IllegalArgumentException.class, () -> rw.truncate(-1));
        assertThrows(ClosedChannelException.class, () -> rw.truncate(0));
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void sizeTruncateAndForceFollowTheFileChannelRules() throws Exception {
        // truncate: shrinks the file, leaves it unchanged for a larger size; IllegalArgumentException for a
        // negative size; NonWritableChannelException if not open for writing. force: succeeds and keeps the data.
        Path file = file("data", "0123456789");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
             var ro = AsynchronousFileChannel.open(file, Set.of(READ), pool)) {
            assertEquals(10, ch.size());
            assertSame(ch, ch.truncate(20));
            assertEquals(10, ch.size());
            ch.truncate(4);
            assertEquals(4, ch.size());
            assertEquals(4, ro.size());
            assertThrows(IllegalArgumentException.class, () -> ch.truncate(-1));
            assertThrows(NonWritableChannelException.class, () -> ro.truncate(1));
            ch.force(true);
            ch.force(false);
        }
        assertEquals("0123", Files.readString(file));
    }

    @Test
    void lockAsAFutureAndTryLockFollowTheFileLockRules() throws Exception {
        // lock(position, size, shared) returns a Future of the FileLock; OverlappingFileLockException if an
        // overlapping lock is held by this JVM; shared needs reading, exclusive needs writing; IllegalArgumentException
        // for negative arguments
        Path file = file("data", "0123456789");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
             var ro = AsynchronousFileChannel.open(file, Set.of(READ), pool);
             var wo = AsynchronousFileChannel.open(file, Set.of(WRITE), pool)) {
            FileLock lock = get(ch.lock(0, 5, false));
            assertSame(ch, lock.acquiredBy());
            assertEquals(5, lock.size());
            assertThrows(OverlappingFileLockException.class, () -> ch.lock(4, 1, false));
            assertThrows(OverlappingFileLockException.class, () -> ro.tryLock(0, 1, true));
            var handler = new Recorder<FileLock>();
            ch.lock(5, 5, true, "region", handler);
            FileLock second = handler.result();
            assertTrue(second.isShared());
            assertEquals("region", handler.attachment);
            lock.release();
            second.release();
            assertThrows(NonWritableChannelException.class, () -> ro.lock(0, 1, false));
            assertThrows(NonWritableChannelException.class, () -> ro.tryLock(0, 1, false));
            assertThrows(NonReadableChannelException.class, () -> wo.lock(0, 1, true));
            assertThrows(IllegalArgumentException.class, () -> ch.lock(-1, 1, false));
            assertThrows(IllegalArgumentException.class, () -> ch.tryLock(0, -1, false));
            try (var all = ch.tryLock()) {
                assertNotNull(all);
                assertEquals(Long.MAX_VALUE, all.size());
            }
        }
    }

    @Test
    void closingTheChannelReleasesItsLocks() throws Exception {
        Path file = file("data", "abc");
        var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
        FileLock lock = get(ch.lock());
        ch.close();
        assertFalse(lock.isValid());
        try (var again = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool); var relock = again.tryLock()) {
            assertNotNull(relock);
        }
    }

    @Test
    void aLockHeldByAnotherProcessDelaysTheLockFuture() throws Exception {
        // lock: the Future completes "when the lock is acquired"; tryLock returns null while another program holds
        // an overlapping lock
        Path file = file("data", "0123456789");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool)) {
            var other = OtherProcessLock.hold(tempDir, file, 0, 10, false);
            try {
                assertNull(ch.tryLock(0, 10, false));
                Future<FileLock> pending = ch.lock(0, 10, false);
                assertThrows(TimeoutException.class, () -> pending.get(300, TimeUnit.MILLISECONDS),
                        "the lock was granted while another process held it");
                other.close();
                FileLock lock = get(pending);
                assertTrue(lock.isValid());
                lock.release();
            } finally {
                other.close();
            }
        }
    }

    @Test
    void closeFailsPendingLocksWithAsynchronousCloseException() throws Exception {
        // class: close "causes all outstanding asynchronous operations on the channel to complete with the exception
        // AsynchronousCloseException"; locks waiting for another process are outstanding. While one is pending,
        // an overlapping lock() throws OverlappingFileLockException ("there is already a pending attempt to lock a
        // region that overlaps").
        Path file = file("data", "0123456789");
        try (var other = OtherProcessLock.hold(tempDir, file, 0, 20, false);
             var bystander = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool)) {
            var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
            Future<FileLock> pending = ch.lock(0, 10, false);
            var handler = new Recorder<FileLock>();
            ch.lock(10, 10, false, "pending", handler);
            assertThrows(OverlappingFileLockException.class, () -> bystander.lock(5, 1, false));
            assertThrows(TimeoutException.class, () -> pending.get(300, TimeUnit.MILLISECONDS));
            assertFalse(handler.outcome.isDone());
            ch.close();
            assertInstanceOf(AsynchronousCloseException.class, failureOf(pending));
            assertInstanceOf(AsynchronousCloseException.class, handler.failure());
            assertEquals("pending", handler.attachment);
        }
    }

    @Test
    void aLockWaitClosedAtAnyMomentFailsWithAsynchronousCloseException() throws Exception {
        // class: close "causes all outstanding asynchronous operations on the channel to complete with the exception
        // AsynchronousCloseException", whatever step of its wait the lock was in. The close comes 0 to 200
        // microseconds after lock() returned, so that it meets the wait at different moments.
        Path file = file("data", "0123456789");
        try (var other = OtherProcessLock.hold(tempDir, file, 0, 10, false)) {
            for (int attempt = 0; attempt < 400; attempt++) {
                var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
                Future<FileLock> pending = ch.lock(0, 10, false);
                long closeAt = System.nanoTime() + (attempt % 41) * 5_000L;
                while (System.nanoTime() < closeAt) {
                    Thread.onSpinWait();
                }
                ch.close();
                assertInstanceOf(AsynchronousCloseException.class, failureOf(pending), "attempt " + attempt);
            }
        }
    }

    @Test
    void cancellingAPendingLockFutureMakesItsWaitersThrowCancellationException() throws Exception {
        // AsynchronousChannel, Cancellation: cancel "causes all threads waiting on the result of the I/O operation
        // to throw CancellationException"; whether the operation itself stops is implementation specific, so the
        // test only closes the channel afterwards and checks that no lock outlives it
        Path file = file("data", "0123456789");
        var other = OtherProcessLock.hold(tempDir, file, 0, 10, false);
        try {
            try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool)) {
                Future<FileLock> pending = ch.lock(0, 10, false);
                assertTrue(pending.cancel(false));
                assertTrue(pending.isCancelled());
                assertTrue(pending.isDone());
                assertThrows(CancellationException.class, () -> pending.get(WAIT, TimeUnit.SECONDS));
            }
            other.close();
            try (var again = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool);
                 var free = again.tryLock()) {
                assertNotNull(free, "the cancelled lock did not outlive its channel");
            }
        } finally {
            other.close();
        }
    }

    @Test
    void cancellingAPendingFutureWithInterruptClosesTheChannel() throws Exception {
        // AsynchronousChannel, Cancellation: with mayInterruptIfRunning "the I/O operation may be interrupted by
        // closing the channel. In that case all threads waiting on the result of the I/O operation throw
        // CancellationException and any other I/O operations outstanding on the channel complete with the exception
        // AsynchronousCloseException". The JDK's channel closes it; cancel(false) leaves the channel open.
        Path file = file("data", "0123456789");
        try (var other = OtherProcessLock.hold(tempDir, file, 0, 20, false);
             var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE), pool)) {
            Future<FileLock> gentle = ch.lock(0, 5, false);
            assertTrue(gentle.cancel(false));
            assertTrue(ch.isOpen());
            var outstanding = new Recorder<FileLock>();
            ch.lock(10, 5, false, "outstanding", outstanding);
            Future<FileLock> pending = ch.lock(5, 5, false);
            assertTrue(pending.cancel(true));
            assertFalse(ch.isOpen());
            assertTrue(pending.isCancelled());
            assertThrows(CancellationException.class, () -> pending.get(WAIT, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, outstanding.failure());
            assertInstanceOf(ClosedChannelException.class, failureOf(ch.read(ByteBuffer.allocate(1), 0)));
        }
    }

    @Test
    void cancellingACompletedFutureWithInterruptLeavesTheChannelOpen() throws Exception {
        // Future.cancel of a completed operation fails (returns false) and does nothing else
        Path file = file("data", "abc");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ), pool)) {
            Future<Integer> done = ch.read(ByteBuffer.allocate(3), 0);
            assertEquals(3, get(done));
            assertFalse(done.cancel(true));
            assertTrue(ch.isOpen());
        }
    }

    @Test
    void aHandlerMayStartTheNextOperation() throws Exception {
        // handlers run on the pool's threads, which may initiate further I/O: a read chain started from inside
        // completed() walks the whole file
        byte[] data = new byte[1 << 20];
        new Random(4).nextBytes(data);
        Path file = Files.write(path("data"), data);
        var done = new CompletableFuture<byte[]>();
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ), pool)) {
            var collected = new java.io.ByteArrayOutputStream();
            var buf = ByteBuffer.allocateDirect(4096);
            ch.read(buf, 0, 0L, new CompletionHandler<Integer, Long>() {
                @Override
                public void completed(Integer n, Long position) {
                    if (n == -1) {
                        done.complete(collected.toByteArray());
                        return;
                    }
                    byte[] piece = new byte[n];
                    buf.flip().get(piece);
                    collected.writeBytes(piece);
                    buf.clear();
                    ch.read(buf, position + n, position + n, this);
                }

                @Override
                public void failed(Throwable exc, Long position) {
                    done.completeExceptionally(exc);
                }
            });
            assertArrayEquals(data, done.get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void attributesAreSetWhenCreatingTheFile() throws Exception {
        // open(file, options, executor, attrs): "file attributes to set atomically when creating the file"
        Path file = path("data");
        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(WRITE, CREATE_NEW), pool,
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(ownerOnly))) {
            assertEquals(1, get(ch.write(ByteBuffer.wrap(ascii("x")), 0)));
        }
        assertEquals(ownerOnly, Files.getPosixFilePermissions(file));
    }

    @Test
    void manyOutstandingOperationsEachMoveTheirOwnBytes() throws Exception {
        // class: "Multiple read and write operations may be outstanding at the same time"; the order they complete
        // in is unspecified, so each one's bytes are checked where they belong. 8 MiB in 64 KiB pieces.
        byte[] data = new byte[8 << 20];
        new Random(3).nextBytes(data);
        int piece = 64 << 10;
        Path file = path("large");
        try (var ch = AsynchronousFileChannel.open(file, Set.of(READ, WRITE, CREATE_NEW), pool)) {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int off = 0; off < data.length; off += piece) {
                var src = (off / piece % 2 == 0 ? ByteBuffer.allocateDirect(piece) : ByteBuffer.allocate(piece));
                writes.add(ch.write(src.put(data, off, piece).flip(), off));
            }
            for (var write : writes) assertEquals(piece, get(write));
            assertEquals(data.length, ch.size());

            byte[] back = new byte[data.length];
            List<Recorder<Integer>> reads = new ArrayList<>();
            List<ByteBuffer> buffers = new ArrayList<>();
            for (int off = 0; off < data.length; off += piece) {
                var dst = off / piece % 2 == 0 ? ByteBuffer.allocate(piece) : ByteBuffer.allocateDirect(piece);
                var handler = new Recorder<Integer>();
                ch.read(dst, off, Integer.toString(off), handler);
                reads.add(handler);
                buffers.add(dst);
            }
            for (int i = 0; i < reads.size(); i++) {
                int n = reads.get(i).result();
                // a read may be short only at the end of the file, which these pieces never cross
                assertEquals(piece, n);
                assertEquals(Integer.toString(i * piece), reads.get(i).attachment);
                buffers.get(i).flip().get(back, i * piece, n);
            }
            assertArrayEquals(data, back);
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }
}
