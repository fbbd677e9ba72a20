package io.liouring.nio.file;

import io.liouring.nio.internal.LendableMemory;
import io.liouring.async.IoFuture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * An {@link AsynchronousFileChannel} whose reads and writes are io_uring requests: the
 * {@code AsynchronousFileChannel} Javadoc is its specification.
 *
 * <ul>
 *   <li>A read or write is one request ({@code IORING_OP_READ}/{@code WRITE}, which may be short), after a
 *       non-blocking attempt on the page cache (see {@link RingFile}); a heap buffer moves through a pooled native
 *       buffer, 64 KiB or 1 MiB per request, in as many requests as it takes to move the whole buffer, as the
 *       JDK's channel moves it with one system call (a read stops early only at the end of the file).
 *   <li>Completion handlers run on the channel's executor: the {@link ExecutorService} given at open, or a shared
 *       default pool of daemon threads ({@link DefaultHandlerExecutor}); the interrupt status a handler leaves is
 *       cleared when it returns, as the JDK's channels do. Should that executor refuse the task
 *       (shut down), the handler runs on a new virtual thread rather than being lost. A {@link Future} completes
 *       without the executor, on the thread that learns the outcome.
 *   <li>Closing the channel fails what is pending with {@link AsynchronousCloseException}; a later operation fails
 *       with {@link ClosedChannelException} (through its handler or future, as the Javadoc says). Cancelling a
 *       pending operation's {@link Future} with {@code mayInterruptIfRunning} closes the channel, as the JDK's does.
 *   <li>{@link #lock} waits on a virtual thread (see {@link PosixLocks}); {@link #tryLock}, {@link #size},
 *       {@link #truncate} and {@link #force} block the caller as the Javadoc allows.
 * </ul>
 */
public final class LioAsynchronousFileChannel extends AsynchronousFileChannel {
    /** The open file. */
    private final RingFile file;
    /** Its reads and writes. */
    private final AsyncFileIo io;
    /** Where completion handlers run. */
    private final ExecutorService executor;

    /** A channel on an opened file. */
    private LioAsynchronousFileChannel(RingFile file, ExecutorService executor) {
        this.file = file;
        this.io = new AsyncFileIo(file);
        this.executor = executor;
    }

    /**
     * Opens an asynchronous file channel on {@code jdkPath} (a path of the JDK's built-in file system), as
     * {@link AsynchronousFileChannel#open(Path, Set, ExecutorService, FileAttribute[])} specifies, through the ring
     * ({@code IORING_OP_OPENAT}). {@code APPEND} is refused as the JDK refuses it.
     *
     * @param jdkPath  the file, a path of the JDK's default file system
     * @param options  how to open it: {@code READ}, {@code WRITE}, {@code CREATE}, ... ({@code APPEND} is refused)
     * @param executor where completion handlers run, or {@code null} for the default pool
     * @param attrs    attributes to set atomically when the file is created (POSIX permissions)
     * @return the open channel, its requests running on an event loop
     * @throws UnsupportedOperationException for {@code APPEND} or an option or attribute that is not supported
     * @throws java.nio.file.NoSuchFileException        if the file does not exist and is not to be created
     * @throws java.nio.file.FileAlreadyExistsException with {@code CREATE_NEW} if it exists
     * @throws java.nio.file.AccessDeniedException      if the file may not be opened so
     * @throws IOException                              for any other failure, naming the path and errno
     */
    public static AsynchronousFileChannel open(Path jdkPath, Set<? extends OpenOption> options,
                                               ExecutorService executor, FileAttribute<?>... attrs)
            throws IOException {
        Objects.requireNonNull(jdkPath, "path");
        ChannelOptions checked = ChannelOptions.of(options, attrs, false);
        ExecutorService handlers = executor != null ? executor : DefaultHandlerExecutor.get();
        return new LioAsynchronousFileChannel(RingFile.open(LioPath.forSystemCall(jdkPath), checked), handlers);
    }

    // ================================================================== reads and writes

    /**
     * Reads into {@code dst} from {@code position}; the future gives the count, or -1 if {@code position} is at or
     * after the end of the file. Cancelling the future cancels the request in the kernel.
     *
     * @throws IllegalArgumentException    if {@code position} is negative, {@code dst} is read-only or of a
     *                                     confined arena
     * @throws NonReadableChannelException if the channel was not opened for reading
     */
    @Override
    public Future<Integer> read(ByteBuffer dst, long position) {
        PendingResult<Integer> result = new PendingResult<>();
        startRead(dst, position, result, result::finish);
        return result;
    }

    /**
     * Reads into {@code dst} from {@code position}; {@code handler} gets the count (-1 at end of file) or the
     * failure, on the channel's executor.
     *
     * @throws IllegalArgumentException    if {@code position} is negative, {@code dst} is read-only or of a
     *                                     confined arena
     * @throws NonReadableChannelException if the channel was not opened for reading
     */
    @Override
    public <A> void read(ByteBuffer dst, long position, A attachment, CompletionHandler<Integer, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        startRead(dst, position, null, dispatching(attachment, handler));
    }

    /** Checks a read as the Javadoc orders and starts it; {@code pending} is the future to cancel, if any. */
    private void startRead(ByteBuffer dst, long position, PendingResult<Integer> pending,
                           BiConsumer<Integer, Throwable> done) {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        if (!file.options().readable()) {
            throw new NonReadableChannelException();
        }
        Objects.requireNonNull(dst, "dst"); // after the position and the access mode, as the JDK's channel
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
        checkNotConfined(dst);
        if (!isOpen()) {
            done.accept(null, new ClosedChannelException());
            return;
        }
        if (dst.hasRemaining() && !canTransfer(dst, position, done)) {
            return;
        }
        if (inSteps(dst)) {
            new Steps(false, dst, position, pending, closedWins(done)).step();
            return;
        }
        IoFuture<Integer> request = io.read(dst, position, closedWins(done));
        if (pending != null) {
            pending.track(request);
        }
    }

    /**
     * Writes {@code src} at {@code position}, growing the file if needed; the future gives the count (a write may
     * be short). Cancelling the future cancels the request in the kernel.
     *
     * @throws IllegalArgumentException    if {@code position} is negative or {@code src} is of a confined arena
     * @throws NonWritableChannelException if the channel was not opened for writing
     */
    @Override
    public Future<Integer> write(ByteBuffer src, long position) {
        PendingResult<Integer> result = new PendingResult<>();
        startWrite(src, position, result, result::finish);
        return result;
    }

    /**
     * Writes {@code src} at {@code position}; {@code handler} gets the count or the failure, on the channel's
     * executor.
     *
     * @throws IllegalArgumentException    if {@code position} is negative or {@code src} is of a confined arena
     * @throws NonWritableChannelException if the channel was not opened for writing
     */
    @Override
    public <A> void write(ByteBuffer src, long position, A attachment, CompletionHandler<Integer, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        startWrite(src, position, null, dispatching(attachment, handler));
    }

    /** Checks a write as the Javadoc orders and starts it; {@code pending} is the future to cancel, if any. */
    private void startWrite(ByteBuffer src, long position, PendingResult<Integer> pending,
                            BiConsumer<Integer, Throwable> done) {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        if (!file.options().writable()) {
            throw new NonWritableChannelException();
        }
        Objects.requireNonNull(src, "src"); // after the position and the access mode, as the JDK's channel
        checkNotConfined(src);
        if (!isOpen()) {
            done.accept(null, new ClosedChannelException());
            return;
        }
        if (src.hasRemaining() && !canTransfer(src, position, done)) {
            return;
        }
        if (inSteps(src)) {
            new Steps(true, src, position, pending, closedWins(done)).step();
            return;
        }
        IoFuture<Integer> request = io.write(src, position, closedWins(done));
        if (pending != null) {
            pending.track(request);
        }
    }

    /**
     * Whether a read or write of {@code buffer} moves in several steps: a heap buffer (or a direct one the kernel
     * may not be lent) travels through a bounce buffer of the {@link ScratchPool}, 64 KiB or 1 MiB, so a transfer
     * larger than the smallest bounce buffer may need more than one.
     */
    private static boolean inSteps(ByteBuffer buffer) {
        if (buffer.remaining() <= ScratchPool.SMALL_SIZE) {
            return false;
        }
        return !buffer.isDirect() || !LendableMemory.isLendable(MemorySegment.ofBuffer(buffer));
    }

    /**
     * A read or write of a buffer that moves through bounce buffers ({@link #inSteps}), one {@link AsyncFileIo}
     * request per step, until the buffer is done, a step is short (end of file, or a write the kernel cut short),
     * a step fails or the channel is closed: the JDK's channel moves the whole buffer with one {@code pread} or
     * {@code pwrite}, so an application that writes a large array and ignores the count (a regular file is never
     * written short but for a full disk) must not find only its first megabyte written. The count is the bytes
     * moved in all; a failure after some bytes moved ends the operation with that count, as a short
     * {@code pwrite} would. The first step starts on the caller's thread; each next one on a virtual thread,
     * never on the loop thread (taking a bounce buffer may wait) nor deeper in the caller's stack.
     */
    private final class Steps implements BiConsumer<Integer, Throwable> {
        private final boolean write;
        private final ByteBuffer buffer;
        private final long start;
        private final PendingResult<Integer> pending;
        private final BiConsumer<Integer, Throwable> done;
        /** Bytes moved by the steps before the current one. */
        private long moved;
        /** Bytes the buffer had left when the current step began. */
        private int asked;

        Steps(boolean write, ByteBuffer buffer, long start, PendingResult<Integer> pending,
              BiConsumer<Integer, Throwable> done) {
            this.write = write;
            this.buffer = buffer;
            this.start = start;
            this.pending = pending;
            this.done = done;
        }

        /** Starts the next step. */
        void step() {
            asked = buffer.remaining();
            long position = start + moved;
            IoFuture<Integer> request = write ? io.write(buffer, position, this) : io.read(buffer, position, this);
            if (pending != null) {
                pending.track(request);
            }
        }

        /**
         * A step after the first, on its own thread: a step that cannot start (a shared arena's buffer closed since
         * the last one: {@code IllegalStateException}) ends the operation as a failed step does, instead of leaving
         * it pending for ever.
         */
        private void nextStep() {
            try {
                step();
            } catch (RuntimeException e) {
                accept(null, e);
            }
        }

        /** The outcome of one step: the next step, or the outcome of the operation. */
        @Override
        public void accept(Integer n, Throwable failure) {
            if (failure == null && n > 0) {
                moved += n;
                boolean full = n >= Math.min(asked, ScratchPool.SMALL_SIZE); // every bounce buffer holds that much
                if (full && buffer.hasRemaining() && isOpen() && (pending == null || !pending.isDone())) {
                    Thread.ofVirtual().name("lio-file-step").start(this::nextStep);
                    return;
                }
            }
            if (moved > 0) {
                done.accept((int) moved, null);
            } else {
                done.accept(n, failure);
            }
        }
    }

    /**
     * {@code done}, except that an operation the kernel completes after the channel was closed completes with
     * {@link AsynchronousCloseException}, as {@code AsynchronousChannel.close()} says of every outstanding one: a
     * read or write already in the device when the close cancels it cannot be stopped, and its count must not
     * reach the caller as if the channel were open (the JDK's channel decides the same way, at the end of the call).
     */
    private BiConsumer<Integer, Throwable> closedWins(BiConsumer<Integer, Throwable> done) {
        return (n, failure) -> {
            if (failure == null && !isOpen()) {
                done.accept(null, new AsynchronousCloseException());
            } else {
                done.accept(n, failure);
            }
        };
    }

    /**
     * Whether {@code buffer} can be read into or written from at {@code position}; if not, {@code done} gets the
     * {@link IOException}. A file without positions (a named pipe: {@code lseek} answers {@code ESPIPE}, asked once)
     * fails with the {@code IOException: Illegal seek} of the JDK's channel, where the ring would read or write the
     * pipe, ignoring the position. An O_DIRECT file needs the position, a direct buffer's address and the bytes
     * remaining to be multiples of its block size ({@link DirectAlignment}): the JDK's channel leaves them to the
     * kernel, whose {@code EINVAL} cannot see a heap or arena buffer that is copied through aligned memory here.
     */
    private boolean canTransfer(ByteBuffer buffer, long position, BiConsumer<Integer, Throwable> done) {
        try {
            file.requireSeekable();
            DirectAlignment alignment = file.alignment();
            if (alignment != null) {
                alignment.checkPosition(position);
                alignment.checkBuffer(buffer);
            }
            return true;
        } catch (IOException e) {
            done.accept(null, e);
            return false;
        }
    }

    /**
     * A buffer of a confined arena cannot be used by the loop thread that finishes the operation:
     * {@link IllegalArgumentException}, as the JDK's asynchronous socket channels refuse it.
     */
    private static void checkNotConfined(ByteBuffer buffer) {
        if (buffer.isDirect() && LendableMemory.isConfined(MemorySegment.ofBuffer(buffer))) {
            throw new IllegalArgumentException("Buffer is thread confined");
        }
    }

    // ================================================================== size, truncate, force

    /** The file's current size ({@code statx} of the descriptor). */
    @Override
    public long size() throws IOException {
        ensureOpen();
        return file.size();
    }

    /**
     * Cuts the file to {@code size} bytes if it is larger ({@code IORING_OP_FTRUNCATE}), waiting for it. The
     * arguments and the access mode are checked before whether the channel is open, as the JDK's channel does: a
     * closed channel that was not opened for writing throws {@link NonWritableChannelException}.
     *
     * @throws IllegalArgumentException    if {@code size} is negative
     * @throws NonWritableChannelException if the channel was not opened for writing
     * @throws ClosedChannelException      if the channel is closed
     */
    @Override
    public AsynchronousFileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
        if (!file.options().writable()) {
            throw new NonWritableChannelException();
        }
        ensureOpen();
        if (size < file.size()) {
            file.truncate(size);
        }
        return this;
    }

    /** Flushes the file to storage ({@code IORING_OP_FSYNC}; data only unless {@code metaData}), waiting for it. */
    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        file.force(metaData);
    }

    // ================================================================== locks

    /**
     * Acquires a lock on a region of the file; {@code handler} gets it on the channel's executor once no other
     * process holds a conflicting one (the wait runs on a virtual thread, see {@link PosixLocks}). If the channel is
     * closed meanwhile, the handler gets {@link AsynchronousCloseException}.
     *
     * @throws java.nio.channels.OverlappingFileLockException if this JVM holds or waits for an overlapping lock
     * @throws NonReadableChannelException                    for a shared lock on a channel not opened for reading
     * @throws NonWritableChannelException                    for an exclusive lock on a channel not opened for writing
     */
    @Override
    public <A> void lock(long position, long size, boolean shared, A attachment,
                         CompletionHandler<FileLock, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null");
        startLock(position, size, shared, dispatching(attachment, handler), () -> false);
    }

    /**
     * {@link #lock(long, long, boolean, Object, CompletionHandler)} with a future.
     *
     * @throws java.nio.channels.OverlappingFileLockException if this JVM holds or waits for an overlapping lock
     */
    @Override
    public Future<FileLock> lock(long position, long size, boolean shared) {
        PendingResult<FileLock> result = new PendingResult<>();
        startLock(position, size, shared, result::finish, result::isCancelled);
        return result;
    }

    /**
     * Checks a lock request, records it (overlaps fail here) and waits for it on a virtual thread, until it is
     * granted, the channel is closed or {@code abandoned} (the future was cancelled: the region is free again). The
     * checks come in the JDK's channel's order: the access mode, then a closed channel (its failure delivered), then
     * the range ({@link IllegalArgumentException}), then overlaps.
     */
    private void startLock(long position, long size, boolean shared, BiConsumer<FileLock, Throwable> done,
                           BooleanSupplier abandoned) {
        checkLockAccess(shared);
        if (!isOpen()) {
            done.accept(null, new ClosedChannelException());
            return;
        }
        long checked = PosixLocks.checkedSize(position, size);
        LioFileLock candidate;
        try {
            candidate = new LioFileLock(this, file, file.key(), position, checked, shared);
        } catch (IOException e) {
            done.accept(null, e);
            return;
        }
        PosixLocks.register(candidate);
        Thread.ofVirtual().name("lio-file-lock").start(() -> {
            try {
                LioFileLock lock = PosixLocks.await(candidate, file, abandoned);
                if (lock == null) {
                    done.accept(null, new AsynchronousCloseException());
                } else {
                    done.accept(lock, null);
                }
            } catch (IOException e) {
                // the channel closed while the lock was pending (AsynchronousChannel.close: outstanding operations
                // complete with AsynchronousCloseException), whichever step of the wait met the closed descriptor
                done.accept(null, isOpen() ? e : closedWhilePending(e));
            } catch (RuntimeException e) {
                done.accept(null, e);
            }
        });
    }

    /** The failure of an operation that met the descriptor closed under it: {@code cause} kept as suppressed. */
    private static AsynchronousCloseException closedWhilePending(IOException cause) {
        if (cause instanceof AsynchronousCloseException closed) {
            return closed;
        }
        AsynchronousCloseException closed = new AsynchronousCloseException();
        closed.addSuppressed(cause);
        return closed;
    }

    /**
     * Acquires a lock on a region of the file if no other process holds a conflicting one, without waiting.
     *
     * @return the lock, or {@code null} if another process holds a conflicting one
     * @throws ClosedChannelException                         if the channel is closed (checked after the access
     *                                                        mode and before the range, as the JDK's channel does)
     * @throws java.nio.channels.OverlappingFileLockException if this JVM holds or waits for an overlapping lock
     */
    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        checkLockAccess(shared);
        ensureOpen();
        long checked = PosixLocks.checkedSize(position, size);
        return PosixLocks.tryLock(new LioFileLock(this, file, file.key(), position, checked, shared), file);
    }

    /** A shared lock needs read access, an exclusive one write access. */
    private void checkLockAccess(boolean shared) {
        if (shared && !file.options().readable()) {
            throw new NonReadableChannelException();
        }
        if (!shared && !file.options().writable()) {
            throw new NonWritableChannelException();
        }
    }

    // ================================================================== open and close

    /** Whether the channel is open. */
    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    /**
     * Closes the channel: pending reads, writes and lock waits fail with {@link AsynchronousCloseException}, the
     * locks acquired through it are released, and the descriptor is closed once the kernel has released every
     * request. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!file.isOpen()) {
            return;
        }
        PosixLocks.releaseAll(file, this);
        file.close();
    }

    /** Throws {@link ClosedChannelException} if the channel is closed. */
    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /**
     * What runs a handler on the channel's executor with the outcome. The interrupt status the handler leaves on
     * its thread is cleared when it returns, as the JDK's channels clear it, so that it does not reach the next task
     * of an executor that keeps it.
     */
    private <V, A> BiConsumer<V, Throwable> dispatching(A attachment, CompletionHandler<V, ? super A> handler) {
        return (value, failure) -> {
            Runnable call = () -> {
                if (failure == null) {
                    handler.completed(value, attachment);
                } else {
                    handler.failed(failure, attachment);
                }
                Thread.interrupted();
            };
            try {
                executor.execute(call);
            } catch (RejectedExecutionException e) {
                Thread.ofVirtual().name("lio-file-handler").start(call);
            }
        };
    }

    /** The path, and whether the channel is closed. */
    @Override
    public String toString() {
        return "LioAsynchronousFileChannel[" + file.path() + (isOpen() ? "" : ", closed") + "]";
    }

    /**
     * The future of one operation: completed by the outcome, and cancelling it cancels the ring request (the
     * buffer's content is then undefined, as the Javadoc allows). {@code cancel(true)} of a pending operation also
     * closes the channel, as the JDK's channel does ({@code AsynchronousChannel}, "Cancellation": the operation "may
     * be interrupted by closing the channel"), so that the other operations outstanding fail with
     * {@link AsynchronousCloseException}.
     */
    private final class PendingResult<V> extends CompletableFuture<V> {
        private volatile IoFuture<?> request;

        /** Remembers the ring request to cancel (none if the outcome was known at once). */
        void track(IoFuture<?> request) {
            this.request = request;
            if (request != null && isCancelled()) {
                request.cancel(false);
            }
        }

        /** Completes with the value or the failure; a lock granted after the future was cancelled is released. */
        void finish(V value, Throwable failure) {
            if (failure != null) {
                completeExceptionally(failure);
            } else if (!complete(value) && value instanceof FileLock lock) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // The channel was closed meanwhile, which released the lock.
                }
            }
        }

        /**
         * Cancels this future and the request in the kernel; with {@code mayInterruptIfRunning}, closes the channel
         * too if the operation was still pending.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            IoFuture<?> r = request;
            if (cancelled && r != null) {
                r.cancel(false);
            }
            if (cancelled && mayInterruptIfRunning) {
                try {
                    close();
                } catch (IOException e) {
                    // the future is cancelled whatever the close met, as the JDK's future ignores it
                }
            }
            return cancelled;
        }
    }
}
