package io.liouring.nio.file;

import io.liouring.nio.internal.LendableMemory;
import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.async.IoFuture;
import io.liouring.async.ResultMapper;
import io.liouring.operation.Fsync;
import io.liouring.operation.Ftruncate;
import io.liouring.operation.Read;
import io.liouring.operation.UnlinkAt;
import io.liouring.operation.Write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.IntFunction;


/**
 * An open file of the channels of this package: its descriptor, owned through an {@link FdHandle} on one of the
 * {@link FileRings}, and the I/O both channel kinds share: the blocking reads and writes of a {@link LioFileChannel},
 * and the steps of an {@link AsyncFileIo}'s. It has no position and knows nothing of the channel rules (readable,
 * writable, closed-by-interrupt): the channels check those. How it was opened is {@link FileOpener}'s, what kind of
 * file it is {@link FileKind}'s.
 *
 * <p><b>The page cache first.</b> A read first tries {@code preadv2(..., RWF_NOWAIT)} as a direct system call: it
 * copies what the page cache holds and fails with {@code EAGAIN} instead of waiting for the device. Only then does
 * the read go to the ring ({@code IORING_OP_READ}) and the caller park. A ring round trip plus a park and an
 * unpark costs several microseconds, a read that hits the page cache about one, so this keeps cached reads as
 * cheap as the JDK's {@code pread} while a read that must wait for the device parks a virtual thread instead of
 * holding its carrier. Writes do the same with {@code pwritev2(..., RWF_NOWAIT)} (buffered writes may be refused
 * with {@code EAGAIN} when they would allocate or wait, and then go to the ring). A file system that does not
 * support {@code RWF_NOWAIT} ({@code EOPNOTSUPP}) is remembered per file: its reads go straight to the ring, its
 * writes are made on the carrier as the JDK's are, unless one of them waited ({@link CarrierWrites}). O_DIRECT
 * files always go to the ring, since their reads always wait for the device. That is for virtual threads.
 *
 * <p><b>Platform threads</b> have no carrier to free: on a regular file they make the JDK's own calls and wait in
 * them ({@link WaitingCalls}): open, {@code pread}/{@code pwrite} (once the file is known to be a regular one:
 * a write asks, a read tries the page cache until something else has asked), {@code fsync}, {@code ftruncate}.
 * Every direct call holds a reference to the descriptor ({@link FdHandle#withDescriptor}), so a concurrent close
 * cannot give the number to another file under it. A named pipe is read and written by its {@link PipeStream}.
 *
 * <p><b>Buffers.</b> A direct buffer whose memory nothing can free while we hold it ({@code allocateDirect},
 * {@code FileChannel.map}, the global or an automatic arena: {@link LendableMemory}) goes to the kernel as it is, and
 * stays reachable until the kernel has released the request. A heap buffer, and a direct buffer of a shared or
 * confined arena (which another thread could close while the kernel writes into it), is copied through an
 * {@link IoScratch} bounce buffer from the bounded {@link ScratchPool}; a read copies back only if the arena is
 * still open, and fails with {@code IllegalStateException} otherwise. A read of at most
 * {@value CallSlots#BOUNCE_SIZE} bytes tries the page cache through the bounce buffer of one of the
 * {@link CallSlots} first, and takes a pool block only if it must wait; the direct calls themselves (the page-cache
 * attempts, a cached open, {@code statx}, locks) take their structures from the {@link CallSlots}.
 */
final class RingFile {
    /** {@link #cachedRead}'s and {@link #cachedWrite}'s answer when the file's calls do not try the page cache. */
    static final long NOT_TRIED = Long.MIN_VALUE;

    /** The loop the descriptor belongs to. */
    private final EventLoop loop;
    /** The descriptor, owned through the loop. */
    private final FdHandle handle;
    /** The descriptor number, for operations submitted through {@link #handle}. */
    private final int fd;
    /** The path it was opened by, for exceptions. */
    private final Path path;
    /** What it was opened with. */
    private final ChannelOptions options;
    /** A read's count, or the IOException naming the file. */
    private final ResultMapper<Integer> readResults;
    /** A write's count, or the IOException naming the file. */
    private final ResultMapper<Integer> writeResults;
    /** Whether reads try {@code RWF_NOWAIT} first (not for O_DIRECT, nor after {@code EOPNOTSUPP}). */
    private volatile boolean readNowait;
    /** Whether writes try {@code RWF_NOWAIT} first. */
    private volatile boolean writeNowait;
    /** When a virtual thread's write may be made on its carrier: its device's guard, once a write has asked. */
    private volatile CarrierWrites carrierWrites;
    /** The device and inode, once asked for. */
    private volatile FileKey key;
    /**
     * Whether the descriptor still has the {@code O_NONBLOCK} of a direct open ({@link IoScratch#openCached}), to be
     * taken off before the first read or write through the ring ({@link #blockingForRing}).
     */
    private volatile boolean nonblocking;
    /** What the file is, each fact asked once: its type, whether it has an offset. */
    private final FileKind kind;
    /** Reads and writes of a pipe ({@link FileKind#isPipe()}). */
    private final PipeStream pipe;
    /** For an O_DIRECT file, where its blocking calls' ring requests wait for the device; {@code null} otherwise. */
    private final DeviceQueue deviceQueue;
    /** For an O_DIRECT file, the alignment its I/O must keep; {@code null} otherwise. */
    private final DirectAlignment alignment;
    /** Set once by {@link #closeWhenUnreachable}. */
    private volatile UnreachableChannels.Registration unreachable;

    /** Takes ownership of an opened descriptor. */
    private RingFile(EventLoop loop, int fd, boolean nonblocking, Path path, ChannelOptions options,
                     DirectAlignment alignment) {
        this.loop = loop;
        this.handle = FdHandle.of(loop, fd);
        this.fd = fd;
        this.nonblocking = nonblocking;
        this.path = path;
        this.options = options;
        this.readResults = results("read");
        this.writeResults = results("write");
        this.readNowait = !options.direct();
        this.writeNowait = !options.direct();
        this.deviceQueue = options.direct() ? new DeviceQueue(handle, DeviceQueue.configuredDepth()) : null;
        this.alignment = alignment;
        this.kind = new FileKind(handle, path);
        this.pipe = new PipeStream(handle, fd, path, options.flags());
    }

    /** Maps a result to its count, or to the IOException for {@code call} naming the file. */
    private ResultMapper<Integer> results(String call) {
        return (operation, userData, result, flags) -> {
            if (result < 0) {
                throw JdkFileErrors.ofIo(call, path, result);
            }
            return result;
        };
    }

    /**
     * Opens {@code path} on the next of the {@link FileRings} ({@link FileOpener#open}); with {@code DELETE_ON_CLOSE}
     * it is unlinked right after ({@code IORING_OP_UNLINKAT}, failures ignored, as the JDK does).
     *
     * @throws IOException as {@link FileOpener#open} reports it
     */
    static RingFile open(Path path, ChannelOptions options) throws IOException {
        EventLoop loop = FileRings.next();
        loop.checkNotLoopThread("FileChannel.open");
        FileOpener.Opened opened = FileOpener.open(loop, path, options);
        int fd = opened.fd();
        DirectAlignment alignment = null;
        if (options.direct()) {
            try {
                alignment = DirectAlignment.of(path); // before DELETE_ON_CLOSE unlinks the name
            } catch (UnsupportedOperationException e) {
                FdHandle.of(loop, fd).close();
                throw e;
            }
        }
        RingFile file = new RingFile(loop, fd, opened.nonblocking(), path, options, alignment);
        if (options.deleteOnClose()) {
            try {
                RequestWaits.joinRaw(loop.submit(new UnlinkAt(path), SqeFlags.NONE, null, RequestWaits.RAW));
            } catch (IOException ignored) {
                // Best effort, as in the JDK: the channel is open either way.
            }
        }
        return file;
    }

    /** The path the file was opened by (the JDK's own path). */
    Path path() {
        return path;
    }

    /** The alignment rules of an O_DIRECT file, or {@code null} for any other. */
    DirectAlignment alignment() {
        return alignment;
    }

    /** The options it was opened with. */
    ChannelOptions options() {
        return options;
    }

    /** Whether {@link #close()} has not begun. */
    boolean isOpen() {
        return handle.isOpen();
    }

    // ================================================================== blocking I/O (not on a loop thread)

    /**
     * Reads into {@code dst} from {@code position}, advancing the buffer's position: the page cache first, the
     * ring if that would block. A heap buffer is filled in steps of its bounce buffer until a step comes back short.
     *
     * @return bytes read, 0 if {@code dst} has no room, -1 at or after end of file
     */
    int read(ByteBuffer dst, long position) throws IOException {
        loop.checkNotLoopThread("FileChannel.read");
        int wanted = dst.remaining();
        if (wanted == 0) {
            return 0;
        }
        if (kind.isPipe()) {
            return pipe.read(dst, true);
        }
        MemorySegment memory = MemorySegment.ofBuffer(dst);
        if (dst.isDirect() && LendableMemory.isLendable(memory)) {
            try {
                long n = readOnce(null, memory, position);
                if (n == 0) {
                    return -1;
                }
                dst.position(dst.position() + (int) n);
                return (int) n;
            } finally {
                Reference.reachabilityFence(dst);
            }
        }
        LendableMemory.checkUsable(memory);
        int total = 0;
        if (readNowait && wanted <= CallSlots.BOUNCE_SIZE && !waitsWithoutAttempt()) {
            long r = readCachedSmall(memory, wanted, position);
            if (r == 0) {
                return -1;
            }
            if (r > 0) {
                dst.position(dst.position() + (int) r);
                if (r == wanted) {
                    return wanted;
                }
                total = (int) r; // the page cache held part of the range: the rest as any other read
            }
        }
        IoScratch scratch = ScratchPool.take(wanted - total);
        try {
            while (total < wanted) {
                int step = (int) Math.min(wanted - total, scratch.bounce.byteSize());
                long n;
                try {
                    n = readOnce(scratch, scratch.bounce.asSlice(0, step), position + total);
                } catch (IOException e) {
                    if (total > 0) {
                        return total; // what was read stands; the error comes again with the next read
                    }
                    throw e;
                }
                if (n == 0) {
                    break;
                }
                scratch.copyReadInto(memory, total, (int) n);
                dst.position(dst.position() + (int) n);
                total += (int) n;
                if (n < step) {
                    break;
                }
            }
            return total == 0 ? -1 : total;
        } finally {
            scratch.release();
        }
    }

    /**
     * The page-cache attempt of a copied read of at most {@link CallSlots#BOUNCE_SIZE} bytes, through the bounce
     * buffer of one of the {@link CallSlots} rather than a pool block: one {@code preadv2(RWF_NOWAIT)}, and the bytes
     * it gave copied into {@code memory}.
     *
     * @return bytes read and copied (0 at end of file), or {@code -errno} if the page cache could not serve the read
     */
    private long readCachedSmall(MemorySegment memory, int wanted, long position) throws IOException {
        IoScratch slot = CallSlots.take();
        try {
            long r = cachedRead(slot, slot.bounce.address(), wanted, position);
            if (r > 0) {
                slot.copyReadInto(memory, 0, (int) r);
            }
            return r;
        } finally {
            slot.release();
        }
    }

    /**
     * One read, as full as {@code pread(2)} of a regular file would be: {@code preadv2(RWF_NOWAIT)} as long as the
     * page cache has the bytes, the ring ({@code IORING_OP_READ}) for what must wait for the device. A short
     * non-blocking read is not passed on as it is (the page cache held only part of the range, which a caller of
     * the JDK's channel never sees): the rest is read, and only 0 from the page cache means the end of the file.
     *
     * @return bytes read, 0 at end of file
     */
    private long readOnce(IoScratch held, MemorySegment target, long position) throws IOException {
        long done = 0;
        if (readNowait && !waitsWithoutAttempt()) {
            // a direct buffer's read needs a scratch only for the direct call, never while it waits for the ring
            IoScratch scratch = held != null ? held : CallSlots.take();
            try {
                while (done < target.byteSize()) {
                    MemorySegment rest = target.asSlice(done);
                    long r = cachedRead(scratch, rest.address(), rest.byteSize(), position + done);
                    if (r == 0) {
                        return done; // end of file
                    }
                    if (r < 0) {
                        break; // EAGAIN: the device must be waited for; any other error: the ring's answer names it
                    }
                    done += r;
                }
            } finally {
                if (held == null) {
                    scratch.release();
                }
            }
            if (done == target.byteSize()) {
                return done;
            }
        }
        MemorySegment rest = target.asSlice(done);
        if (waitsInCallingThread()) {
            long r;
            do {
                r = WaitingCalls.read(handle, rest, position + done);
            } while (r == -NativeCalls.EINTR);
            if (r != -NativeCalls.ESPIPE) {
                if (r < 0 && done == 0) {
                    throw JdkFileErrors.ofIo("read", path, (int) r);
                }
                return done + Math.max(r, 0); // what was read stands; an error comes again with the next read
            }
        }
        try {
            return done + viaRing(held, new Read(fd, rest, position + done), readResults);
        } catch (IOException e) {
            if (done > 0) {
                return done; // what was read stands; the error comes again with the next read
            }
            throw e;
        }
    }

    /**
     * A further read of a scattering read, after an earlier buffer was filled: as {@link #read}, except that a pipe
     * that holds nothing more answers 0 at once, as {@code readv(2)} returns what a pipe holds rather than wait for
     * the rest of its buffers.
     *
     * @return bytes read, 0 if {@code dst} has no room or a pipe holds nothing now, -1 at the end of the file
     */
    int readMore(ByteBuffer dst, long position) throws IOException {
        if (dst.hasRemaining() && kind.isPipe()) {
            loop.checkNotLoopThread("FileChannel.read");
            return pipe.read(dst, false);
        }
        return read(dst, position);
    }

    /**
     * Writes all of {@code src} at {@code position} (-1: at the end, for an O_APPEND file), advancing the buffer's
     * position by the bytes written: the page cache first without blocking, the ring otherwise.
     *
     * @return the number of bytes written: all of {@code src}, or fewer if the file ran out of room part way
     *         ({@link #writeFully})
     */
    int write(ByteBuffer src, long position) throws IOException {
        loop.checkNotLoopThread("FileChannel.write");
        int wanted = src.remaining();
        if (wanted == 0) {
            return 0;
        }
        if (kind.isPipe()) {
            return pipe.write(src);
        }
        MemorySegment memory = MemorySegment.ofBuffer(src);
        if (src.isDirect() && LendableMemory.isLendable(memory)) {
            try {
                int n = (int) writeFully(null, memory, position);
                src.position(src.position() + n);
                return n;
            } finally {
                Reference.reachabilityFence(src);
            }
        }
        IoScratch scratch = ScratchPool.take(wanted);
        try {
            if (position < 0 && wanted > scratch.bounce.byteSize()) {
                int n = (int) appendWhole(memory);
                src.position(src.position() + n);
                return n;
            }
            int total = 0;
            while (total < wanted) {
                int step = (int) Math.min(wanted - total, scratch.bounce.byteSize());
                MemorySegment.copy(memory, total, scratch.bounce, 0, step);
                int n;
                try {
                    n = (int) writeFully(scratch, scratch.bounce.asSlice(0, step), position < 0 ? -1 : position + total);
                } catch (IOException e) {
                    if (total > 0) {
                        break; // the bytes written stand; the failure is the next write's, as after a short write(2)
                    }
                    throw e;
                }
                src.position(src.position() + n);
                total += n;
                if (n < step) {
                    break;
                }
            }
            return total;
        } finally {
            scratch.release();
            Reference.reachabilityFence(src);
        }
    }

    /**
     * Appends {@code memory}, which is larger than a bounce block, as one write from a copy of its own, as the JDK
     * writes a heap buffer through a temporary direct buffer of its size: in bounce-sized steps, another appender's
     * bytes could land between them. The copy is freed only after the kernel is done with it.
     */
    private long appendWhole(MemorySegment memory) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(memory.byteSize(), 4096);
            MemorySegment.copy(memory, 0, copy, 0, memory.byteSize());
            return writeFully(null, copy, -1);
        }
    }

    /**
     * Writes {@code source} step by step (-1: each step at the end of the file) until all of it is written or a step
     * fails; {@code scratch} is the caller's bounce block, or {@code null} for memory written as it is. A step that
     * fails after others wrote bytes ends the write short, as a {@code write(2)} that runs out of room (a full
     * device, {@code RLIMIT_FSIZE}) returns what it wrote and leaves the error to the next call: the JDK's channel
     * returns that count.
     *
     * @return the bytes written: all of {@code source}, or fewer if a later step failed
     * @throws IOException if the first step fails
     */
    private long writeFully(IoScratch scratch, MemorySegment source, long position) throws IOException {
        long done = 0;
        while (done < source.byteSize()) {
            long n;
            try {
                n = writeOnce(scratch, source.asSlice(done), position < 0 ? -1 : position + done);
            } catch (IOException e) {
                if (done > 0) {
                    return done;
                }
                throw e;
            }
            if (n == 0) {
                if (done > 0) {
                    return done;
                }
                throw new IOException("write to " + path + " made no progress");
            }
            done += n;
        }
        return done;
    }

    /**
     * One write: a platform thread's to a regular file in {@code pwrite} at once, as the JDK's (the file's type is
     * asked first, once: ext4 refuses every buffered {@code RWF_NOWAIT} write, so the attempt would cost a call for
     * nothing); otherwise {@code pwritev2(RWF_NOWAIT)}, then the ring if that would block; a virtual thread's on a
     * file system that refuses {@code RWF_NOWAIT}, on its carrier where {@link CarrierWrites} allows it. Without a held block
     * ({@code null}), one of the {@link CallSlots} serves the direct call only.
     */
    private long writeOnce(IoScratch held, MemorySegment source, long position) throws IOException {
        if (writeNowait && !waitsInCallingThread()) {
            IoScratch scratch = held != null ? held : CallSlots.take();
            long r;
            try {
                r = cachedWrite(scratch, source.address(), source.byteSize(), position);
            } finally {
                if (held == null) {
                    scratch.release();
                }
            }
            if (r > 0) {
                return r;
            }
        }
        long r = writeInThisThread(source, position);
        if (r != NOT_TRIED && r != -NativeCalls.ESPIPE) {
            if (r < 0) {
                throw JdkFileErrors.ofIo("write", path, (int) r);
            }
            return r;
        }
        return viaRing(held, new Write(fd, source, position), writeResults);
    }

    /**
     * A write in a {@code pwrite} that may wait, made by the calling thread: a platform thread's
     * ({@link #waitsInCallingThread}), or a virtual thread's on its carrier where {@link CarrierWrites} allows it
     * ({@link #writesOnCarrier}) and as long as it has one of their errno captures ({@link CarrierWrites#CAPTURES});
     * again after {@code EINTR}.
     *
     * @return bytes written, {@code -errno}, or {@link #NOT_TRIED} if this write goes to the ring
     */
    private long writeInThisThread(MemorySegment source, long position) throws IOException {
        long r;
        if (waitsInCallingThread()) {
            do {
                r = WaitingCalls.write(handle, source, position);
            } while (r == -NativeCalls.EINTR);
        } else if (writesOnCarrier(source.byteSize())) {
            do {
                r = carrierWrites().write(handle, source, position);
            } while (r == -NativeCalls.EINTR);
        } else {
            r = NOT_TRIED;
        }
        return r;
    }

    /**
     * Whether a virtual thread writes {@code bytes} on its carrier ({@link CarrierWrites}): to a file whose calls end
     * by themselves, on a file system that cannot tell without waiting whether a write would wait (it refused
     * {@code RWF_NOWAIT}), neither O_DIRECT nor {@code SYNC}/{@code DSYNC}, at most {@link CarrierWrites#MAX_BYTES},
     * and not while the device's writes park on the ring after one that waited on a carrier
     * ({@link CarrierWrites#allow}: from 100 ms up to 3.2 s).
     */
    private boolean writesOnCarrier(long bytes) throws IOException {
        return !writeNowait && deviceQueue == null && !options.synchronous() && Thread.currentThread().isVirtual()
                && carrierWrites().allow(bytes) && kind.callsEnd();
    }

    /**
     * The guard of the carrier writes of the file's device ({@link CarrierWrites#ofDevice}), found on the first
     * write that asks: the {@code statx} it takes also tells {@link FileKind#callsEnd()} the file's type.
     */
    private CarrierWrites carrierWrites() throws IOException {
        CarrierWrites guard = carrierWrites;
        if (guard == null) {
            FileKey k = key();
            guard = CarrierWrites.ofDevice(k.devMajor(), k.devMinor());
            carrierWrites = guard;
        }
        return guard;
    }

    /**
     * Whether a read or write that the page cache could not serve at once waits in the calling thread, in a direct
     * system call ({@link WaitingCalls}), rather than on the ring: on a platform thread, for a file whose calls end by
     * themselves (a regular file, a block device, {@code /dev/null} and its kin: asked once, {@code statx}) not opened
     * with O_DIRECT (whose requests the {@link DeviceQueue} bounds). A virtual thread parks on the ring instead, so
     * that its carrier stays free; a pipe's or terminal's call stays on the ring, where a close can cancel it. A
     * regular file that refuses a positioned call with {@code ESPIPE} (some of {@code /proc}: a {@code pwrite} of
     * {@code /proc/self/comm}) goes to the ring after all, which reads and writes it as the JDK's relative
     * {@code read}/{@code write} do.
     */
    private boolean waitsInCallingThread() throws IOException {
        if (Thread.currentThread().isVirtual() || deviceQueue != null) {
            return false;
        }
        return kind.callsEnd();
    }

    /**
     * Whether a read or write goes straight to the call that waits in the calling thread ({@link WaitingCalls}),
     * without the page-cache attempt first: on a platform thread, for a file already known to be one whose calls
     * end by themselves (from any earlier {@code statx} of the descriptor, {@link #size()} say; never asked for this
     * alone) and not opened with O_DIRECT. That is the JDK's {@code pread}/{@code pwrite}: the attempt's
     * {@code preadv2} costs the kernel about 0.1 µs more, and a refused attempt a second call.
     */
    private boolean waitsWithoutAttempt() {
        return kind.knownToEndCalls() && deviceQueue == null && !Thread.currentThread().isVirtual();
    }

    /**
     * Whether the file is something other than a regular file, a directory or a symbolic link
     * ({@link FileKind#isOther()}): what may have no file offset and no meaningful size, so that its stream skips by
     * reading.
     */
    boolean isOther() throws IOException {
        return kind.isOther();
    }

    /**
     * What the driver of a character device makes of {@code position} as the file offset
     * ({@code lseek(fd, position, SEEK_SET)}): 0 for {@code /dev/null}, {@code /dev/zero} and their kin, whatever
     * was asked, as the JDK's channel reports their position; the position itself for a device that keeps offsets.
     * Any other file answers {@code position}, unasked.
     *
     * @throws IOException if the driver refuses the offset ({@code lseek}'s errno)
     */
    long positionOnDevice(long position) throws IOException {
        if (!kind.isCharacterDevice()) {
            return position;
        }
        IoScratch scratch = CallSlots.take();
        try {
            handle.withDescriptor(scratch.seekTo(position));
            if (scratch.result < 0) {
                throw JdkFileErrors.ofIo("lseek", path, (int) scratch.result);
            }
            return scratch.result;
        } finally {
            scratch.release();
        }
    }

    /** Fails as the JDK's channel does if the descriptor has no file offset ({@link FileKind#requireSeekable()}). */
    void requireSeekable() throws IOException {
        kind.requireSeekable();
    }

    /**
     * A blocking call's request through the ring, waited for without being interruptible: an O_DIRECT file's in its
     * {@link DeviceQueue}, any other's submitted at once.
     */
    private int viaRing(IoScratch held, Operation operation, ResultMapper<Integer> results) throws IOException {
        blockingForRing(held);
        if (deviceQueue != null) {
            return deviceQueue.call(operation, results);
        }
        return RequestWaits.awaitUninterruptibly(handle.submit(operation, SqeFlags.NONE, null, results));
    }

    /**
     * Takes off the {@code O_NONBLOCK} a direct open left on the descriptor ({@code fcntl(F_SETFL)} with the open's
     * own flags), once, before the first read or write through the ring: with it, io_uring would answer such a request
     * with {@code EAGAIN} instead of waiting (a FIFO's read, a read that must wait for the device). Concurrent
     * callers may both make the call; it is idempotent. Not needed for {@code fsync} and {@code ftruncate}, which
     * io_uring always runs in a worker.
     *
     * @throws ClosedChannelException if the file is being closed
     * @throws IOException            if {@code fcntl} fails
     */
    private void blockingForRing(IoScratch held) throws IOException {
        if (nonblocking) {
            IoScratch scratch = held != null ? held : CallSlots.take(); // never a second pool block: the pool is bounded
            try {
                handle.withDescriptor(scratch.statusFlags(options.flags()));
                if (scratch.result < 0) {
                    throw JdkFileErrors.ofIo("fcntl", path, (int) scratch.result);
                }
            } finally {
                if (held == null) {
                    scratch.release();
                }
            }
            nonblocking = false;
        }
    }

    /**
     * Reads up to {@code length} bytes at {@code position} into the bounce buffer of {@code scratch} (one request,
     * may be short): the step of a transfer.
     *
     * @return bytes read, 0 at end of file
     */
    int readIntoBounce(IoScratch scratch, int length, long position) throws IOException {
        loop.checkNotLoopThread("FileChannel.transferTo");
        return (int) readOnce(scratch, scratch.bounce.asSlice(0, length), position);
    }

    /**
     * Writes the first {@code length} bytes of the bounce buffer of {@code scratch} at {@code position}: all of them,
     * or fewer where a step failed after some were written ({@link #writeFully}).
     *
     * @return the bytes written
     */
    int writeFromBounce(IoScratch scratch, int length, long position) throws IOException {
        loop.checkNotLoopThread("FileChannel.transferFrom");
        return (int) writeFully(scratch, scratch.bounce.asSlice(0, length), position);
    }

    /**
     * Runs {@code call} with the descriptor number while holding a reference to it, so that a concurrent close
     * cannot give the number away meanwhile ({@link FdHandle#withDescriptor}).
     */
    <T> T withDescriptor(IntFunction<T> call) throws ClosedChannelException {
        return handle.withDescriptor(call);
    }

    /** Throws {@link IllegalStateException} naming {@code call} on this file's loop thread, which must not block. */
    void checkNotLoopThread(String call) {
        loop.checkNotLoopThread(call);
    }

    /**
     * A JDK file channel on this open file, through {@code /proc/self/fd/N}: a new open file description of the same
     * file, also after it was renamed or unlinked, with {@code access} checked against the file's mode now. For what
     * only the JDK's own channel can do ({@code map}, and transfers into the JDK's channels,
     * {@link JdkTransferSource}).
     *
     * @throws ClosedChannelException if this file is being closed
     * @throws IOException            if the JDK cannot open it so (as its provider reports)
     */
    FileChannel reopenThroughJdk(Set<? extends OpenOption> access) throws IOException {
        try {
            return handle.withDescriptor(fd -> {
                Path self = path.getFileSystem().getPath("/proc/self/fd/" + fd);
                try {
                    return path.getFileSystem().provider().newFileChannel(self, access);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The descriptor's handle, for {@link KernelCopy}'s direct system calls on two files. */
    FdHandle handle() {
        return handle;
    }

    /** The file's size ({@code statx} of the descriptor: it reads only the inode, so it is called directly). */
    long size() throws IOException {
        IoScratch scratch = kind.stat();
        try {
            return scratch.statSize();
        } finally {
            scratch.release();
        }
    }

    /** The device and inode if {@link #key()} has been asked for, else {@code null} (then no lock was taken). */
    FileKey knownKey() {
        return key;
    }

    /** The device and inode, for the lock table (read once). */
    FileKey key() throws IOException {
        FileKey k = key;
        if (k == null) {
            IoScratch scratch = kind.stat();
            try {
                k = scratch.statKey();
                key = k;
            } finally {
                scratch.release();
            }
        }
        return k;
    }

    /**
     * Sets the size to {@code size}: {@code ftruncate(2)} in a platform thread ({@link WaitingCalls}), as the JDK's
     * channel does; from a virtual thread {@code IORING_OP_FTRUNCATE} (6.9), or a direct {@code ftruncate(2)} where
     * the ring lacks it.
     */
    void truncate(long size) throws IOException {
        loop.checkNotLoopThread("FileChannel.truncate");
        if (!Thread.currentThread().isVirtual()) {
            int result = WaitingCalls.truncate(handle, size);
            if (result < 0) {
                throw JdkFileErrors.ofIo("ftruncate", path, result);
            }
            return;
        }
        IoFuture<Integer> request = handle.submit(new Ftruncate(fd, size), SqeFlags.NONE, null, RequestWaits.RAW);
        int result = RequestWaits.awaitUninterruptibly(request);
        if (result == -NativeCalls.EINVAL) {
            IoScratch scratch = CallSlots.take();
            try {
                handle.withDescriptor(scratch.truncate(size));
                result = (int) scratch.result;
            } finally {
                scratch.release();
            }
        }
        if (result < 0) {
            throw JdkFileErrors.ofIo("ftruncate", path, result);
        }
    }

    /**
     * Flushes to storage: {@code fsync} with {@code metaData}, {@code fdatasync} without; waited for in a platform
     * thread ({@link WaitingCalls}), as the JDK's channel does, and through the ring ({@code IORING_OP_FSYNC}) by a
     * virtual thread, which parks meanwhile.
     */
    void force(boolean metaData) throws IOException {
        loop.checkNotLoopThread("FileChannel.force");
        if (!Thread.currentThread().isVirtual()) {
            int result = WaitingCalls.sync(handle, metaData);
            if (result < 0) {
                throw JdkFileErrors.ofIo("fsync", path, result);
            }
            return;
        }
        Fsync fsync = metaData ? new Fsync(fd) : new Fsync(fd).dataSync();
        RequestWaits.awaitUninterruptibly(handle.submit(fsync, SqeFlags.NONE, null, results("fsync")));
    }

    /**
     * {@code fcntl(F_OFD_SETLK)} of a record lock of this open file description (or {@code F_UNLCK} to release
     * one) from {@code position} for {@code length} bytes (0: to the end of any size).
     *
     * @return 0, {@code -EAGAIN} or {@code -EACCES} if another process holds a conflicting lock, or another
     *         {@code -errno}
     */
    int setLock(short type, long position, long length) throws ClosedChannelException {
        IoScratch scratch = CallSlots.take();
        try {
            handle.withDescriptor(scratch.setLock(type, position, length));
            return (int) scratch.result;
        } finally {
            scratch.release();
        }
    }

    /**
     * {@code fcntl(F_OFD_GETLK)}: the process holding a lock that conflicts with the one described, as
     * {@link IoScratch#conflictingPid()} gives it (-1: an open-file-description lock; 0: none any more).
     *
     * @throws IOException if the kernel refuses the query
     */
    int conflictingLockHolder(short type, long position, long length) throws IOException {
        IoScratch scratch = CallSlots.take();
        try {
            handle.withDescriptor(scratch.getLock(type, position, length));
            if (scratch.result < 0) {
                throw lockFailure((int) scratch.result);
            }
            return scratch.conflictingPid();
        } finally {
            scratch.release();
        }
    }

    /** The exception for a failed lock call. */
    IOException lockFailure(int result) {
        return JdkFileErrors.ofIo("fcntl", path, result);
    }

    // ================================================================== the steps of an asynchronous read or write

    /**
     * The page-cache attempt of a read, through the call structures of {@code scratch}: one
     * {@code preadv2(RWF_NOWAIT)} of {@code length} bytes at {@code address}. A file system that refuses
     * {@code RWF_NOWAIT} ({@code EOPNOTSUPP}) is remembered, and its later reads go to the ring at once.
     *
     * @return bytes read (0 at end of file), {@code -errno} ({@code -EAGAIN}: the device must be waited for), or
     *         {@link #NOT_TRIED} if this file's reads do not try the page cache
     * @throws ClosedChannelException if the file is being closed
     */
    long cachedRead(IoScratch scratch, long address, long length, long position) throws ClosedChannelException {
        if (!readNowait) {
            return NOT_TRIED;
        }
        handle.withDescriptor(scratch.nowaitRead(address, length, position));
        long r = scratch.result;
        kind.noteOffsetless(r);
        if (r == -NativeCalls.EOPNOTSUPP) {
            readNowait = false;
        }
        return r;
    }

    /**
     * The page-cache attempt of a write, as {@link #cachedRead} for reads: one {@code pwritev2(RWF_NOWAIT)}
     * (-1: at the end of the file).
     *
     * @return bytes written, {@code -errno}, or {@link #NOT_TRIED}
     * @throws ClosedChannelException if the file is being closed
     */
    long cachedWrite(IoScratch scratch, long address, long length, long position) throws ClosedChannelException {
        if (!writeNowait) {
            return NOT_TRIED;
        }
        handle.withDescriptor(scratch.nowaitWrite(address, length, position));
        long r = scratch.result;
        kind.noteOffsetless(r);
        if (r == -NativeCalls.EOPNOTSUPP) {
            writeNowait = false;
        }
        return r;
    }

    /**
     * Submits a read of {@code target} at {@code position} to the ring ({@code IORING_OP_READ}), after the
     * descriptor is made blocking for it ({@link #blockingForRing}, through {@code scratch}'s call structures); the
     * request completes with the count or the IOException naming the file.
     *
     * @throws IOException if the file is being closed, or {@code fcntl} failed
     */
    IoFuture<Integer> submitRead(IoScratch scratch, MemorySegment target, long position) throws IOException {
        blockingForRing(scratch);
        return handle.submit(new Read(fd, target, position), SqeFlags.NONE, null, readResults);
    }

    /** Submits a write of {@code source} at {@code position} to the ring ({@code IORING_OP_WRITE}), as {@link #submitRead}. */
    IoFuture<Integer> submitWrite(IoScratch scratch, MemorySegment source, long position) throws IOException {
        blockingForRing(scratch);
        return handle.submit(new Write(fd, source, position), SqeFlags.NONE, null, writeResults);
    }

    // ================================================================== closing

    /**
     * Closes the descriptor: with no request in flight directly ({@code close(2)} of a file does not wait, and saves
     * the ring round trip, {@link FdHandle#closeDirectlyIfIdle()}); otherwise requests in flight are cancelled and
     * fail with {@code AsynchronousCloseException}, and the descriptor is closed ({@code IORING_OP_CLOSE}) once the
     * kernel has released the last of them. Waits for that, except on a loop thread.
     *
     * @throws IOException if {@code close(2)} failed
     */
    void close() throws IOException {
        try {
            handle.closeDirectlyIfIdle();
        } catch (UringException e) {
            throw JdkFileErrors.ofIo("close", path, -e.errnoNumber());
        } finally {
            UnreachableChannels.Registration r = unreachable;
            if (r != null) {
                r.unregister();
            }
        }
    }

    /**
     * Closes the descriptor once {@code channel} has become unreachable without being closed
     * ({@link UnreachableChannels}): a program that drops a channel does not leak its descriptor. Call it once,
     * from the channel's constructor.
     */
    void closeWhenUnreachable(Object channel) {
        unreachable = UnreachableChannels.register(channel, handle);
    }

    /** The path and descriptor, and whether it is closed. */
    @Override
    public String toString() {
        return "RingFile[" + path + ", fd=" + fd + (handle.isOpen() ? "" : ", closed") + "]";
    }
}
