package io.liouring.file;

import io.liouring.Fd;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.Operation;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.async.IoFuture;
import io.liouring.async.ResultMapper;
import io.liouring.internal.Checks;
import io.liouring.internal.IoErrors;
import io.liouring.operation.Fallocate;
import io.liouring.operation.Fsync;
import io.liouring.operation.Ftruncate;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import io.liouring.operation.Readv;
import io.liouring.operation.Statx;
import io.liouring.operation.Write;
import io.liouring.operation.Writev;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.StatxResult;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * An open file whose I/O goes through an {@link EventLoop}: positional reads and writes (single requests,
 * which may be short, and full-length forms that loop until done), vectored I/O, flushing, space allocation,
 * truncation, status and close — each as a blocking call (fine on virtual threads, which park without holding
 * a carrier) and as a future ({@code …Async}). Plus whole-file helpers: {@link #readAllBytes}, {@link #writeAll},
 * {@link #copy}, and {@link #transferTo}, the one copy engine: a file's rest into another file, pipe, socket or device.
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.open();
 *      AsyncFile file = AsyncFile.open(loop, path, O_RDWR | O_CREAT, 0644);
 *      Arena arena = Arena.ofConfined()) {
 *     file.writeFully(arena.allocateFrom("hello"), 0);
 *     MemorySegment back = arena.allocate(5);
 *     file.readFully(back, 0);
 * }
 * }</pre>
 *
 * <p><b>Buffers</b> must be native memory that stays open until the call returns or the future completes.
 * <b>O_DIRECT</b>: open with {@link OpenFlags#O_DIRECT} and use buffers, offsets and lengths aligned to the
 * device's block size ({@link #allocateAligned} gives {@link #DIRECT_ALIGNMENT}-aligned memory); misaligned
 * requests fail with EINVAL.
 *
 * <p><b>Threads.</b> Any thread may call any method at any time, {@link #close()} included (positional I/O has no
 * shared position). The descriptor is owned through an {@link FdHandle}: once {@code close()} has begun, new
 * calls fail with {@link ClosedChannelException}, calls in progress with {@link AsynchronousCloseException}, and
 * no request ever reaches the descriptor number after it has been given back. Blocking calls on the loop thread
 * throw {@link IllegalStateException}. An interrupt of a thread blocked in a call cancels the call's request in the
 * kernel and, once the kernel has let go of it, throws {@link java.io.InterruptedIOException} with the thread's
 * interrupt status set (a request that completed meanwhile returns its result); the file stays open, unlike the
 * JDK's interruptible channels, which close.
 *
 * <p><b>Errors</b> are {@link IOException}s: {@link java.nio.file.NoSuchFileException},
 * {@link java.nio.file.AccessDeniedException}, {@link java.nio.file.FileAlreadyExistsException} and
 * {@link java.nio.file.FileSystemException} naming the path. The {@link UringException} that carries the errno is
 * the cause of the exception a future fails with; a blocking call throws a fresh exception of the same type, with
 * the caller's frames and the future's exception as its cause, so there the {@code UringException} is the cause's
 * cause (the last link of the chain in both).
 */
public final class AsyncFile implements AutoCloseable {
    /** An alignment that satisfies O_DIRECT on common devices and file systems (one page). */
    public static final long DIRECT_ALIGNMENT = 4096;


    private final EventLoop loop;
    private final FdHandle handle;
    private final int fd;
    private final Path path;
    /** Maps a request's result: the count, or the {@link IOException} that names this file. */
    private final ResultMapper<Integer> results;

    private AsyncFile(EventLoop loop, int fd, Path path) {
        this.loop = loop;
        this.handle = FdHandle.of(loop, fd);
        this.fd = fd;
        this.path = path;
        this.results = (op, userData, result, flags) -> {
            if (result < 0) {
                throw failure(op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), result);
            }
            return result;
        };
    }

    private IOException failure(String call, int result) {
        return IoErrors.file(call, path, result);
    }

    // ================================================================== opening

    /**
     * Opens {@code path} through the loop ({@code IORING_OP_OPENAT}); {@code O_CLOEXEC} is always added.
     *
     * @param loop the loop that runs the open and, from then on, every request of the file
     * @param path the file, relative to the working directory unless absolute
     * @param flags {@link OpenFlags} bits, e.g. {@code O_RDWR | O_CREAT}
     * @param mode  permission bits for a created file, e.g. {@code 0644}
     * @return the open file, owning the new descriptor
     * @throws java.nio.file.NoSuchFileException        if it does not exist (ENOENT)
     * @throws java.nio.file.AccessDeniedException      if it may not be opened so (EACCES, EPERM)
     * @throws java.nio.file.FileAlreadyExistsException with {@code O_CREAT | O_EXCL} if it exists (EEXIST)
     * @throws java.nio.file.FileSystemException        naming the path and errno otherwise (EINVAL for O_DIRECT
     *                                                  where unsupported, …); the errno is in the {@link UringException}
     *                                                  at the end of the cause chain (see <b>Errors</b> above)
     */
    public static AsyncFile open(EventLoop loop, Path path, int flags, int mode) throws IOException {
        loop.checkNotLoopThread("AsyncFile.open");
        return IoErrors.await(openAsync(loop, path, flags, mode));
    }

    /**
     * {@link #open} as a future.
     *
     * @param loop the loop that runs the open and every later request of the file
     * @param path the file, relative to the working directory unless absolute
     * @param flags {@link OpenFlags} bits, e.g. {@code O_RDWR | O_CREAT}
     * @param mode permission bits for a created file, e.g. {@code 0644}
     * @return a future of the open file, failing with the exception {@link #open} throws
     */
    public static IoFuture<AsyncFile> openAsync(EventLoop loop, Path path, int flags, int mode) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(path, "path");
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode must be permission bits between 0 and 07777: " + Integer.toOctalString(mode));
        }
        OpenAt open = new OpenAt(path, flags | OpenFlags.O_CLOEXEC, mode);
        IoFuture<AsyncFile> opened = loop.submit(open, SqeFlags.NONE, null, (op, userData, result, cqeFlags) -> {
            if (result < 0) {
                throw IoErrors.file("open", path, result);
            }
            return new AsyncFile(loop, result, path);
        });
        // Cancelled (or failed) while the kernel opened the file anyway: nobody will get the fd, so close it.
        opened.whenComplete((file, error) -> {
            if (error != null) {
                opened.released().thenAccept(kernel -> {
                    if (kernel != null && kernel.result() >= 0) {
                        Fd.close(kernel.result());
                    }
                });
            }
        });
        return opened;
    }

    /**
     * Opens an existing file for reading.
     *
     * @param loop the loop that runs the file's requests
     * @param path the file
     * @return the file, open {@code O_RDONLY}
     * @throws IOException as {@link #open} throws it
     */
    public static AsyncFile openRead(EventLoop loop, Path path) throws IOException {
        return open(loop, path, OpenFlags.O_RDONLY, 0);
    }

    /**
     * Opens a file for writing, creating it (mode 0644) or truncating it.
     *
     * @param loop the loop that runs the file's requests
     * @param path the file
     * @return the file, open {@code O_WRONLY | O_CREAT | O_TRUNC}
     * @throws IOException as {@link #open} throws it
     */
    public static AsyncFile openWrite(EventLoop loop, Path path) throws IOException {
        return open(loop, path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
    }

    /**
     * Takes over an open file descriptor: {@link #close()} will close it.
     *
     * @param loop the loop that runs the file's requests
     * @param fd an open descriptor, which this file now owns
     * @return the file, with no path to name in its exceptions
     */
    public static AsyncFile of(EventLoop loop, int fd) {
        return of(loop, fd, null);
    }

    /**
     * Takes over an open file descriptor under a name for its exceptions: {@link #close()} will close it.
     *
     * @param loop the loop that runs the file's requests
     * @param fd an open descriptor, which this file now owns
     * @param name what exceptions name as the file ({@link java.nio.file.FileSystemException#getFile()}), e.g. the
     *             path it was opened by; {@code null} for none
     * @return the file
     */
    public static AsyncFile of(EventLoop loop, int fd, Path name) {
        Objects.requireNonNull(loop, "loop");
        Checks.requireNonNegative(fd, "fd");
        return new AsyncFile(loop, fd, name);
    }

    /**
     * {@return native memory aligned for O_DIRECT ({@link #DIRECT_ALIGNMENT}); {@code size} should be a multiple of it}
     *
     * @param arena where the memory lives; it must stay open until every request using it has completed
     * @param size bytes, not negative
     */
    public static MemorySegment allocateAligned(Arena arena, long size) {
        Objects.requireNonNull(arena, "arena");
        Checks.requireNonNegative(size, "size");
        return arena.allocate(size, DIRECT_ALIGNMENT);
    }

    /** {@return the loop that runs this file's requests} */
    public EventLoop loop() {
        return loop;
    }

    /**
     * {@return the file descriptor, for calls outside the ring while the file is open; the number may belong to another
     * file as soon as {@link #close()} has completed}
     *
     * @throws ClosedChannelException if the file is closed
     */
    public int fd() throws ClosedChannelException {
        ensureOpen();
        return fd;
    }

    /** {@return the path it was opened with, or {@code null} for {@link #of(EventLoop, int)}} */
    public Path path() {
        return path;
    }

    // ================================================================== single requests

    /**
     * Reads into {@code dst} at {@code position}: one request, may be short; 0 at end of file.
     *
     * @param dst native memory to read into, at most {@code Integer.MAX_VALUE} bytes per request
     * @param position file offset, not negative
     * @return bytes read, from 0 (end of file) to {@code dst.byteSize()}
     * @throws IOException the errno of the failed read, naming the path; {@link AsynchronousCloseException} if the file
     * was closed meanwhile
     */
    public int read(MemorySegment dst, long position) throws IOException {
        loop.checkNotLoopThread("AsyncFile.read");
        return IoErrors.await(readAsync(dst, position));
    }

    /**
     * {@link #read} as a future.
     *
     * @param dst native memory to read into; it must stay open until the future completes
     * @param position file offset, not negative
     * @return a future of the bytes read (0 at end of file), failing with the exception {@link #read} throws
     */
    public IoFuture<Integer> readAsync(MemorySegment dst, long position) {
        return submit(new Read(fd, dst, checkPosition(position)));
    }

    private IoFuture<Integer> submit(Operation operation) {
        return handle.submit(operation, SqeFlags.NONE, null, results);
    }

    /** Submits the operation {@code make} builds for this file's descriptor, failures naming this file. */
    IoFuture<Integer> submitOnHandle(java.util.function.IntFunction<Operation> make) {
        return submit(make.apply(fd));
    }

    /**
     * Runs the request {@code make} builds from this file's descriptor and {@code other}'s, and waits for it; {@code
     * other}'s descriptor is held open until the kernel is done (its {@link #close()} waits). Failures name this file.
     */
    int awaitWith(AsyncFile other, BiIntOperation make) throws IOException {
        IOException[] failure = new IOException[1];
        Integer n = other.handle.withDescriptor(otherFd -> {
            try {
                return IoErrors.awaitStep(submit(make.apply(fd, otherFd)));
            } catch (IOException e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return n;
    }

    /** Builds a request on two descriptors. */
    @FunctionalInterface
    interface BiIntOperation {
        Operation apply(int fd, int otherFd);
    }

    /** Runs a direct system call on this file's descriptor, which stays open meanwhile ({@link FdHandle#withDescriptor}). */
    long withDescriptor(java.util.function.IntToLongFunction call) throws ClosedChannelException {
        return handle.withDescriptor(call::applyAsLong);
    }

    /** The descriptor's handle, for the transfer engine's direct system calls on it. */
    FdHandle handle() {
        return handle;
    }

    /** Runs a direct system call on this file's descriptor and {@code other}'s, both held open meanwhile. */
    long withDescriptors(AsyncFile other, java.util.function.LongBinaryOperator call) throws ClosedChannelException {
        return handle.withDescriptors(other.handle, call);
    }

    /**
     * Writes {@code src} at {@code position}: one request, may be short.
     *
     * @param src native memory to write from
     * @param position file offset, not negative
     * @return bytes written, 1 to {@code src.byteSize()} (fewer on a full disk or a signal)
     * @throws IOException the errno of the failed write (e.g. ENOSPC), naming the path; {@link
     * AsynchronousCloseException} if the file was closed meanwhile
     */
    public int write(MemorySegment src, long position) throws IOException {
        loop.checkNotLoopThread("AsyncFile.write");
        return IoErrors.await(writeAsync(src, position));
    }

    /**
     * {@link #write} as a future.
     *
     * @param src native memory to write from; it must stay open until the future completes
     * @param position file offset, not negative
     * @return a future of the bytes written, failing with the exception {@link #write} throws
     */
    public IoFuture<Integer> writeAsync(MemorySegment src, long position) {
        return submit(new Write(fd, src, checkPosition(position)));
    }

    /**
     * Reads into the buffers of {@code dst} in order ({@code preadv2}): one request, may be short.
     *
     * @param dst the buffers to fill, in order
     * @param position file offset, not negative
     * @return bytes read over all buffers, 0 at end of file
     * @throws IOException the errno of the failed read, naming the path; {@link AsynchronousCloseException} if the file
     * was closed meanwhile
     */
    public long readv(IoVecArray dst, long position) throws IOException {
        loop.checkNotLoopThread("AsyncFile.readv");
        return IoErrors.await(readvAsync(dst, position));
    }

    /**
     * {@link #readv} as a future.
     *
     * @param dst the buffers to fill, in order; they must stay open until the future completes
     * @param position file offset, not negative
     * @return a future of the bytes read, failing with the exception {@link #readv} throws
     */
    public IoFuture<Integer> readvAsync(IoVecArray dst, long position) {
        return submit(new Readv(fd, dst, checkPosition(position)));
    }

    /**
     * Writes the buffers of {@code src} in order ({@code pwritev2}): one request, may be short.
     *
     * @param src the buffers to write, in order
     * @param position file offset, not negative
     * @return bytes written over all buffers
     * @throws IOException the errno of the failed write, naming the path; {@link AsynchronousCloseException} if the
     * file was closed meanwhile
     */
    public long writev(IoVecArray src, long position) throws IOException {
        loop.checkNotLoopThread("AsyncFile.writev");
        return IoErrors.await(writevAsync(src, position));
    }

    /**
     * {@link #writev} as a future.
     *
     * @param src the buffers to write, in order; they must stay open until the future completes
     * @param position file offset, not negative
     * @return a future of the bytes written, failing with the exception {@link #writev} throws
     */
    public IoFuture<Integer> writevAsync(IoVecArray src, long position) {
        return submit(new Writev(fd, src, checkPosition(position)));
    }

    // ================================================================== full-length

    /**
     * Reads until {@code dst} is full or the file ends, resubmitting after short reads. If the file is closed
     * meanwhile, throws {@link AsynchronousCloseException}.
     *
     * @param dst native memory to fill
     * @param position file offset of the first byte, not negative
     * @return bytes read: {@code dst.byteSize()}, or less only at end of file
     * @throws IOException the errno of a failed read, naming the path; {@link AsynchronousCloseException} if the file
     * was closed meanwhile
     */
    public long readFully(MemorySegment dst, long position) throws IOException {
        loop.checkNotLoopThread("AsyncFile.readFully");
        Checks.requireNative(dst, "dst");
        checkPosition(position);
        ensureOpen();
        Read read = null;
        long done = 0;
        while (done < dst.byteSize()) {
            MemorySegment rest = dst.asSlice(done, Math.min(dst.byteSize() - done, Integer.MAX_VALUE));
            read = read == null ? new Read(fd, rest, position + done) : read.buffer(rest).offset(position + done);
            int n = step(read);
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /**
     * {@link #readFully} as a future; cancelling it cancels the request in progress.
     *
     * @param dst native memory to fill; close its arena only after {@link TransferFuture#released()}
     * @param position file offset of the first byte, not negative
     * @return a future of the bytes read, failing with the exception {@link #readFully} throws
     */
    public TransferFuture readFullyAsync(MemorySegment dst, long position) {
        Checks.requireNative(dst, "dst");
        return new TransferFuture(handle, dst, checkPosition(position), false, results).start();
    }

    /**
     * Writes all of {@code src}, resubmitting after short writes. If the file is closed meanwhile, throws
     * {@link AsynchronousCloseException}: no byte goes to a descriptor this file no longer owns.
     *
     * @param src native memory to write
     * @param position file offset of the first byte, not negative
     * @throws IOException the errno of a failed write, naming the path; {@link AsynchronousCloseException} if the file
     * was closed meanwhile
     */
    public void writeFully(MemorySegment src, long position) throws IOException {
        loop.checkNotLoopThread("AsyncFile.writeFully");
        Checks.requireNative(src, "src");
        checkPosition(position);
        ensureOpen();
        Write write = null;
        long done = 0;
        while (done < src.byteSize()) {
            MemorySegment rest = src.asSlice(done, Math.min(src.byteSize() - done, Integer.MAX_VALUE));
            write = write == null ? new Write(fd, rest, position + done) : write.buffer(rest).offset(position + done);
            int n = step(write);
            if (n == 0) {
                throw TransferFuture.noProgress();
            }
            done += n;
        }
    }

    /**
     * {@link #writeFully} as a future (of the byte count); cancelling it cancels the request in progress.
     *
     * @param src native memory to write; close its arena only after {@link TransferFuture#released()}
     * @param position file offset of the first byte, not negative
     * @return a future of {@code src.byteSize()}, failing with the exception {@link #writeFully} throws
     */
    public TransferFuture writeFullyAsync(MemorySegment src, long position) {
        Checks.requireNative(src, "src");
        return new TransferFuture(handle, src, checkPosition(position), true, results).start();
    }

    /** One request of a multi-request call; a close between two requests is a close during the call. */
    private int step(Operation operation) throws IOException {
        return IoErrors.awaitStep(submit(operation));
    }

    // ================================================================== flushing, space, status

    /**
     * Flushes data and metadata to storage ({@code fsync}).
     *
     * @throws IOException the errno of the failed fsync (EIO: a write-back error), naming the path; {@link
     * AsynchronousCloseException} if the file was closed meanwhile
     */
    public void fsync() throws IOException {
        loop.checkNotLoopThread("AsyncFile.fsync");
        IoErrors.await(fsyncAsync());
    }

    /**
     * {@link #fsync()} as a future.
     *
     * @return a future of 0, failing with the exception {@link #fsync()} throws
     */
    public IoFuture<Integer> fsyncAsync() {
        return submit(new Fsync(fd));
    }

    /**
     * Flushes data, and only the metadata needed to read it back ({@code fdatasync}).
     *
     * @throws IOException the errno of the failed fdatasync, naming the path; {@link AsynchronousCloseException} if the
     * file was closed meanwhile
     */
    public void fdatasync() throws IOException {
        loop.checkNotLoopThread("AsyncFile.fdatasync");
        IoErrors.await(fdatasyncAsync());
    }

    /**
     * {@link #fdatasync()} as a future.
     *
     * @return a future of 0, failing with the exception {@link #fdatasync()} throws
     */
    public IoFuture<Integer> fdatasyncAsync() {
        return submit(new Fsync(fd).dataSync());
    }

    /**
     * Allocates disk space for {@code length} bytes at {@code position} ({@code fallocate}, 5.6), extending
     * the file if the range ends past it. {@code mode}: {@code FallocateMode} bits, or 0.
     *
     * @param position file offset where the range starts, not negative
     * @param length bytes of the range, positive
     * @param mode {@code FallocateMode} bits ({@code KEEP_SIZE}, {@code PUNCH_HOLE}, ...), or 0
     * @throws IOException the errno of the failed fallocate (ENOSPC, EOPNOTSUPP for a mode the file system lacks),
     * naming the path
     */
    public void allocate(long position, long length, int mode) throws IOException {
        loop.checkNotLoopThread("AsyncFile.allocate");
        IoErrors.await(allocateAsync(position, length, mode));
    }

    /**
     * {@link #allocate} as a future.
     *
     * @param position file offset where the range starts, not negative
     * @param length bytes of the range, positive
     * @param mode {@code FallocateMode} bits, or 0
     * @return a future of 0, failing with the exception {@link #allocate} throws
     */
    public IoFuture<Integer> allocateAsync(long position, long length, int mode) {
        return submit(new Fallocate(fd, position, length).mode(mode));
    }

    /**
     * Sets the file's size ({@code ftruncate}, Linux 6.9); the file must be open for writing.
     *
     * @param size the new size in bytes, not negative; bytes past the old end read as zeros
     * @throws IOException the errno of the failed ftruncate (EINVAL if not open for writing), naming the path
     */
    public void truncate(long size) throws IOException {
        loop.checkNotLoopThread("AsyncFile.truncate");
        IoErrors.await(truncateAsync(size));
    }

    /**
     * {@link #truncate} as a future.
     *
     * @param size the new size in bytes, not negative
     * @return a future of 0, failing with the exception {@link #truncate} throws
     */
    public IoFuture<Integer> truncateAsync(long size) {
        return submit(new Ftruncate(fd, size));
    }

    /**
     * {@return the file's status ({@code statx} of the fd, 5.6)}
     *
     * @throws IOException the errno of the failed statx, naming the path; {@link AsynchronousCloseException} if the
     * file was closed meanwhile
     */
    public StatxResult stat() throws IOException {
        loop.checkNotLoopThread("AsyncFile.stat");
        return IoErrors.await(statAsync());
    }

    /**
     * {@link #stat()} as a future.
     *
     * @return a future of the status, failing with the exception {@link #stat()} throws
     */
    public IoFuture<StatxResult> statAsync() {
        StatxResult result = StatxResult.allocate();
        return handle.submit(Statx.ofFd(fd, result), SqeFlags.NONE, null, (op, userData, res, flags) -> {
            if (res < 0) {
                throw failure("statx", res);
            }
            return result;
        });
    }

    /**
     * {@return the file's size in bytes, from {@link #stat()}}
     *
     * @throws IOException as {@link #stat()} throws it
     */
    public long size() throws IOException {
        return stat().size();
    }

    // ================================================================== closing

    /**
     * Closes the file, from any thread: new calls fail with {@link ClosedChannelException}, requests in flight
     * are cancelled where the kernel can (a read of an empty pipe, say) and fail with
     * {@link AsynchronousCloseException}, and the descriptor is closed once the kernel has released the last of
     * them ({@link FdHandle}). Waits for that, except on the loop thread, where it only starts the close.
     * Idempotent.
     *
     * @throws IOException if {@code close(2)} failed (EIO from a file system, say)
     */
    @Override
    public void close() throws IOException {
        try {
            handle.close();
        } catch (UringException e) {
            throw failure("close", -e.errnoNumber());
        }
    }

    /**
     * Starts {@link #close()} without waiting; the future completes when the descriptor is closed.
     *
     * @return a future that completes when the descriptor is closed (at once if it already was)
     */
    public CompletableFuture<Void> closeAsync() {
        return handle.closeAsync();
    }

    /** {@return whether {@link #close()} has begun} */
    public boolean isClosed() {
        return !handle.isOpen();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!handle.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private static long checkPosition(long position) {
        return Checks.requireNonNegative(position, "position");
    }

    @Override
    public String toString() {
        return "AsyncFile[" + (path != null ? path + ", " : "") + "fd=" + fd + (handle.isOpen() ? "" : ", closed") + "]";
    }

    // ================================================================== whole files

    /**
     * {@return the whole content of a file (which may grow or shrink while it is read; reads go until end of file)}
     *
     * @param loop the loop that runs the requests
     * @param path the file to read
     * @throws IOException as {@link #open} or {@link #readFully} throws it; an {@link OutOfMemoryError} if the file is
     * larger than an array can hold
     */
    public static byte[] readAllBytes(EventLoop loop, Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment all = readAll(loop, path, arena);
            if (all.byteSize() > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError(path + " is too large for a byte array: " + all.byteSize() + " bytes");
            }
            return all.toArray(JAVA_BYTE);
        }
    }

    /**
     * {@return the whole content of a file, in memory from {@code arena}}
     *
     * @param loop the loop that runs the requests
     * @param path the file to read
     * @param arena where the content is allocated
     * @throws IOException as {@link #open} or {@link #readFully} throws it
     */
    public static MemorySegment readAll(EventLoop loop, Path path, Arena arena) throws IOException {
        loop.checkNotLoopThread("AsyncFile.readAll");
        Objects.requireNonNull(arena, "arena");
        try (AsyncFile file = openRead(loop, path); Arena scratch = Arena.ofShared()) {
            MemorySegment buffer = scratch.allocate(Math.max(file.size() + 1, 4096));
            long n = 0;
            while (true) {
                n += file.readFully(buffer.asSlice(n), n);
                if (n < buffer.byteSize()) {
                    break; // end of file
                }
                MemorySegment bigger = scratch.allocate(buffer.byteSize() * 2);
                MemorySegment.copy(buffer, 0, bigger, 0, n);
                buffer = bigger;
            }
            MemorySegment result = arena.allocate(n);
            MemorySegment.copy(buffer, 0, result, 0, n);
            return result;
        }
    }

    /**
     * Writes {@code data} as the whole content of {@code path}, creating (0644) or truncating it.
     *
     * @param loop the loop that runs the requests
     * @param path the file to write
     * @param data native memory holding the new content
     * @throws IOException as {@link #open} or {@link #writeFully} throws it
     */
    public static void writeAll(EventLoop loop, Path path, MemorySegment data) throws IOException {
        loop.checkNotLoopThread("AsyncFile.writeAll");
        try (AsyncFile file = openWrite(loop, path)) {
            file.writeFully(data, 0);
        }
    }

    /**
     * Writes {@code data} as the whole content of {@code path}, creating (0644) or truncating it.
     *
     * @param loop the loop that runs the requests
     * @param path the file to write
     * @param data the new content
     * @throws IOException as {@link #open} or {@link #writeFully} throws it
     */
    public static void writeAll(EventLoop loop, Path path, byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment native_ = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, native_, JAVA_BYTE, 0, data.length);
            writeAll(loop, path, native_.asSlice(0, data.length));
        }
    }

    /**
     * Copies {@code source} to {@code target} (created with the source's permission bits, or truncated), as
     * {@link #transferTo} does: {@code copy_file_range(2)} between regular files, which shares extents where the file
     * system can and otherwise copies in the kernel; holes of a sparse source stay holes; between file systems the
     * kernel cannot copy across, parallel {@code IORING_OP_SPLICE}s through pipes. No byte passes through user memory.
     *
     * @param loop the loop that runs the requests
     * @param source the file to copy
     * @param target the copy
     * @return the number of bytes copied (the source's size, holes included)
     * @throws IOException as {@link #open} throws it for either file, or as {@link #transferTo} throws it
     */
    public static long copy(EventLoop loop, Path source, Path target) throws IOException {
        try (AsyncFile in = openRead(loop, source)) {
            StatxResult status = in.stat();
            try (AsyncFile out = open(loop, target, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC,
                    status.permissions())) {
                return in.transferTo(out, null);
            }
        }
    }

    /**
     * Copies the rest of this file, from its position to its end, to {@code target} at {@code target}'s position,
     * moving both positions on, as {@code cat(1)} copies a file to its output; the kernel moves the bytes, none pass
     * through user memory unless neither splice nor {@code copy_file_range} can do it. By what the files are:
     * <ul>
     *   <li>both regular files, the source's size above 0, the target not {@code O_APPEND}: {@code copy_file_range(2)} (a direct system call:
     *       io_uring has no operation for it; Linux 4.5, between file systems of one type 5.19), up to the size
     *       {@link #stat()} saw; if the target is empty and both are at offset 0, a sparse source's holes stay holes
     *       ({@code SEEK_DATA}/{@code SEEK_HOLE}, then {@code ftruncate(2)} to the full size), as {@code cp
     *       --sparse=auto}. Where the kernel refuses ({@code EXDEV}, {@code EINVAL}, {@code EOPNOTSUPP}), four
     *       parallel {@code IORING_OP_SPLICE} lanes through pipes of 1 MiB;</li>
     *   <li>a regular file into a memory device ({@code /dev/null}, major 1): {@code sendfile(2)} on the calling
     *       thread, 64 MiB per call;</li>
     *   <li>a regular file into a pipe: {@code splice(2)} with {@code SPLICE_F_NONBLOCK} on the calling thread, and
     *       {@code ppoll(2)} for room in the pipe at most 100 ms at a time;</li>
     *   <li>otherwise (a pipe source; a regular source of size 0, which procfs reports for files that have content;
     *       a socket, a terminal or an {@code O_APPEND} file as the target):
     *       {@code IORING_OP_SPLICE} requests that the loop chains, straight from one file to the other when either
     *       is a pipe, else through a pipe of 1 MiB;</li>
     *   <li>where the pair cannot be spliced at all ({@code EINVAL} at once): {@code IORING_OP_READ} and
     *       {@code IORING_OP_WRITE} through 1 MiB of native memory.</li>
     * </ul>
     * io_uring runs every splice on an io-wq worker and completes it through the loop; where a direct system call
     * does the same kernel work without that round trip and cannot wait long, the direct call is used.
     * Reading from a pipe or socket goes until its writers are gone. The direct system calls run on the calling
     * thread (a virtual thread stays pinned to its carrier for each 64 MiB call, or each splice or poll). A
     * {@link #close()} of either file meanwhile makes the transfer fail with {@link ClosedChannelException} or {@link AsynchronousCloseException}
     * (and waits for a system call or request under way on that file to end first).
     *
     * @param target the file to write to
     * @param progress told the bytes copied so far (holes included), on the calling thread, now and then and at the
     *                 end; {@code null} for none
     * @return the bytes copied (holes included)
     * @throws IOException the errno of the failed call, naming the file it concerns (as {@link #of(EventLoop, int,
     *                     Path)} names it): the target for {@code ENOSPC}, {@code EDQUOT}, {@code EFBIG}, {@code EPIPE},
     *                     {@code EBADF} when the target is open only for reading, and failed writes, the source
     *                     otherwise; {@link java.io.InterruptedIOException} if the
     *                     calling thread is interrupted while parallel splices or loop-driven splices run, or while
     *                     waiting for room in a pipe
     * @throws IllegalStateException on the loop thread, which must not block
     */
    public long transferTo(AsyncFile target, java.util.function.LongConsumer progress) throws IOException {
        loop.checkNotLoopThread("AsyncFile.transferTo");
        Objects.requireNonNull(target, "target");
        ensureOpen();
        target.ensureOpen();
        return FileTransfer.transfer(this, target, progress);
    }
}
