package io.liouring.cli;

import io.liouring.CompletionHandler;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.Operation;
import io.liouring.UringException;
import io.liouring.operation.Close;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import io.liouring.operation.ReadFixed;
import io.liouring.operation.Statx;
import io.liouring.operation.Write;
import io.liouring.operation.WriteFixed;
import io.liouring.struct.StatxResult;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Moves file data through one io_uring ring, as {@code lio cp}, {@code cat}, {@code hash} and the demo use it.
 *
 * <p>The pipeline has {@code depth} buffers of {@code blockSize} bytes, registered with the kernel once
 * ({@code registerBuffers}, so reads and writes are {@link ReadFixed}/{@link WriteFixed}; plain
 * {@link Read}/{@link Write} if the kernel refuses, e.g. under a small {@code ulimit -l}). From a seekable
 * source up to {@code depth} reads are in flight at increasing offsets; short reads are continued. Chunks are
 * handed on strictly in file order: to a consumer ({@link #read}), or as writes at the same offsets
 * ({@link #copy}) — to a non-seekable destination such as a pipe one write at a time, at the current position.
 * A sparse copy ({@link #copySparse}) reads only the source's data extents ({@code SEEK_DATA}/{@code SEEK_HOLE})
 * and leaves holes where the source has them, like {@code cp --sparse=auto}.
 *
 * <p>Single-threaded, like the ring it owns. {@link #call} runs one request (open, statx, close) on the same ring.
 */
final class RingPipeline implements AutoCloseable {
    static final int DEFAULT_DEPTH = 8;
    static final int DEFAULT_BLOCK_SIZE = 128 * 1024;
    static final int MAX_DEPTH = 4096;
    static final long MAX_BUFFER_BYTES = 1L << 30;

    private static final long CALL = Long.MIN_VALUE;
    private static final long TAIL = Long.MIN_VALUE + 1;
    /** user_data: a read is the slot's index, a write the index with this bit. */
    private static final long WRITE = 1L << 32;
    private static final int ENOSPC = 28;
    private static final int ENXIO = 6;

    private enum State { FREE, READING, READY, WRITING }

    private static final class Slot {
        final int index;
        final MemorySegment buffer;
        State state = State.FREE;
        long offset;
        int length;
        int filled;
        int written;

        Slot(int index, MemorySegment buffer) {
            this.index = index;
            this.buffer = buffer;
        }

        MemorySegment data() {
            return buffer.asSlice(0, filled);
        }
    }

    private final LioUring ring;
    private final Arena arena = Arena.ofConfined();
    private final int blockSize;
    private final Slot[] slots;
    private final MemorySegment zero;
    private final boolean fixed;
    private final CompletionHandler handler = this::onCompletion;

    // The transfer under way.
    private final ArrayDeque<Slot> free = new ArrayDeque<>();
    private final ArrayDeque<Slot> inOrder = new ArrayDeque<>();
    private int srcFd;
    private boolean srcSeekable;
    private int dstFd;
    private boolean dstSeekable;
    private boolean sparse;
    private long sparseSize;
    private long extentEnd;
    private Consumer<MemorySegment> consumer;
    private LongConsumer progress;
    private long nextOffset;
    private long eofAt;
    private boolean eof;
    private int inFlight;
    private int readsInFlight;
    private int writesInFlight;
    private long done;
    private long writtenEnd;
    private boolean tailPushed;
    private TransferException failure;

    /**
     * A pipeline of {@code depth} buffers of {@code blockSize} bytes on a new ring.
     *
     * @throws UringException if the ring cannot be set up (io_uring unusable here)
     */
    RingPipeline(int depth, int blockSize) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH + ": " + depth);
        }
        if (blockSize < 1 || (long) depth * blockSize > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("blockSize must be positive and depth * blockSize at most 1 GiB: "
                    + depth + " * " + blockSize);
        }
        this.blockSize = blockSize;
        this.ring = new LioUring(Math.max(depth, 2));
        try {
            MemorySegment all = arena.allocate((long) depth * blockSize, 4096);
            this.slots = new Slot[depth];
            for (int i = 0; i < depth; i++) {
                slots[i] = new Slot(i, all.asSlice((long) i * blockSize, blockSize));
            }
            this.zero = arena.allocate(1);
            this.fixed = tryRegister(all);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean tryRegister(MemorySegment all) {
        try {
            ring.registerBuffers(all);
            return true;
        } catch (UringException e) {
            return false; // ENOMEM/EPERM: pinned memory is charged to RLIMIT_MEMLOCK; plain reads and writes work
        }
    }

    /** Whether reads and writes use registered buffers ({@code READ_FIXED}/{@code WRITE_FIXED}). */
    boolean usesFixedBuffers() {
        return fixed;
    }

    int depth() {
        return slots.length;
    }

    int blockSize() {
        return blockSize;
    }

    /** The ring, for showing it. */
    LioUring ring() {
        return ring;
    }

    /** Runs one request on the pipeline's ring and returns its result ({@code -errno} on failure). */
    int call(Operation operation) {
        ring.push(operation, CALL);
        return ring.waitCompletion().result();
    }

    /** Opens {@code path} through the ring ({@code O_CLOEXEC} added); the fd, or {@code -errno}. */
    int open(Path path, int flags, int mode) {
        return call(new OpenAt(path, flags | OpenFlags.O_CLOEXEC, mode));
    }

    /** Status of {@code path}, following symbolic links; 0 or {@code -errno}. */
    int stat(Path path, StatxResult into) {
        return call(new Statx(path, into));
    }

    /** Status of the open file {@code fd}; 0 or {@code -errno}. */
    int stat(int fd, StatxResult into) {
        return call(Statx.ofFd(fd, into));
    }

    /** Closes {@code fd} through the ring; 0 or {@code -errno}. */
    int close(int fd) {
        return call(new Close(fd));
    }

    /** Whether a file of this type is read and written at offsets (regular files, block devices). */
    static boolean isSeekable(StatxResult stat) {
        return stat.type() == StatxResult.FileType.REGULAR || stat.type() == StatxResult.FileType.BLOCK_DEVICE;
    }

    /**
     * Copies {@code src} to {@code dst} until the end of {@code src}.
     *
     * @param srcSeekable whether {@code src} is read at offsets (regular files, block devices) or as a stream
     * @param dstSeekable whether chunks are written at their offsets, or in order at the current position
     * @param progress    told the number of bytes copied so far, after each chunk (may be {@code null})
     * @return the number of bytes copied
     */
    long copy(int src, boolean srcSeekable, int dst, boolean dstSeekable, LongConsumer progress)
            throws TransferException {
        begin(src, srcSeekable, progress);
        this.dstFd = dst;
        this.dstSeekable = dstSeekable;
        return run();
    }

    /**
     * Copies the regular file {@code src}, {@code size} bytes long, to the empty regular file {@code dst}, reading
     * and writing only the data extents and leaving holes where {@code src} has them. Progress is reported as the
     * offset reached, holes included.
     *
     * @return the number of bytes copied (the data, without the holes)
     */
    long copySparse(int src, int dst, long size, LongConsumer progress) throws TransferException {
        begin(src, true, progress);
        this.dstFd = dst;
        this.dstSeekable = true;
        this.sparse = true;
        this.sparseSize = size;
        this.extentEnd = 0;
        return run();
    }

    /** Reads {@code src} to its end, handing each chunk, in order, to {@code consumer}; returns the bytes read. */
    long read(int src, boolean srcSeekable, Consumer<MemorySegment> consumer, LongConsumer progress)
            throws TransferException {
        begin(src, srcSeekable, progress);
        this.consumer = consumer;
        return run();
    }

    private void begin(int src, boolean seekable, LongConsumer progress) {
        free.clear();
        inOrder.clear();
        for (Slot s : slots) {
            s.state = State.FREE;
            free.add(s);
        }
        this.srcFd = src;
        this.srcSeekable = seekable;
        this.progress = progress;
        this.consumer = null;
        this.sparse = false;
        this.sparseSize = 0;
        nextOffset = 0;
        eofAt = Long.MAX_VALUE;
        eof = false;
        inFlight = readsInFlight = writesInFlight = 0;
        done = writtenEnd = 0;
        tailPushed = false;
        failure = null;
    }

    private long run() throws TransferException {
        while (true) {
            if (failure == null) {
                deliver();
                issueReads();
                extendToSize();
            }
            if (inFlight == 0) {
                break;
            }
            ring.submitAndWait(1);
            ring.forEachCompletion(handler);
        }
        if (failure != null) {
            throw failure;
        }
        return done;
    }

    private void issueReads() {
        while (!eof && !free.isEmpty() && (srcSeekable || readsInFlight == 0)) {
            if (sparse && nextOffset >= extentEnd && !nextExtent()) {
                eof = true; // nothing but holes from here to the end
                break;
            }
            Slot s = free.removeFirst();
            s.state = State.READING;
            s.offset = nextOffset;
            s.length = sparse ? (int) Math.min(blockSize, extentEnd - nextOffset) : blockSize;
            s.filled = 0;
            if (srcSeekable) {
                nextOffset += s.length;
            }
            inOrder.addLast(s);
            readsInFlight++;
            inFlight++;
            pushRead(s);
        }
    }

    /** Moves {@code nextOffset} to the next data extent of a sparse source; false if there is none. */
    private boolean nextExtent() {
        long start = Posix.lseek(srcFd, nextOffset, Posix.SEEK_DATA);
        if (start == -ENXIO) {
            return false;
        }
        if (start < 0) { // the file system cannot tell: read everything from here on
            extentEnd = Long.MAX_VALUE;
            return true;
        }
        long end = Posix.lseek(srcFd, start, Posix.SEEK_HOLE);
        nextOffset = start;
        extentEnd = end > start ? end : Long.MAX_VALUE;
        return true;
    }

    private void pushRead(Slot s) {
        MemorySegment into = s.buffer.asSlice(s.filled, s.length - s.filled);
        long at = srcSeekable ? s.offset + s.filled : -1;
        Operation op = fixed ? new ReadFixed(srcFd, into, 0, at) : new Read(srcFd, into, at);
        ring.push(op, s.index);
    }

    private void pushWrite(Slot s) {
        MemorySegment from = s.buffer.asSlice(s.written, s.filled - s.written);
        long at = dstSeekable ? s.offset + s.written : -1;
        Operation op = fixed ? new WriteFixed(dstFd, from, 0, at) : new Write(dstFd, from, at);
        ring.push(op, WRITE | s.index);
    }

    /** Hands ready chunks on in file order. */
    private void deliver() {
        while (!inOrder.isEmpty() && inOrder.peekFirst().state == State.READY) {
            Slot s = inOrder.peekFirst();
            if (s.filled == 0 || s.offset >= eofAt) {
                inOrder.removeFirst();
                release(s);
            } else if (consumer != null) {
                inOrder.removeFirst();
                consumer.accept(s.data());
                advance(s);
                release(s);
            } else if (!dstSeekable && writesInFlight > 0) {
                break; // a stream takes its writes one after the other
            } else {
                inOrder.removeFirst();
                writtenEnd = s.offset + s.filled;
                s.state = State.WRITING;
                s.written = 0;
                writesInFlight++;
                inFlight++;
                pushWrite(s);
            }
        }
    }

    /** A sparse copy whose source ends in a hole: one zero byte at its last offset gives the copy its full size. */
    private void extendToSize() {
        long end = Math.min(sparseSize, eofAt);
        if (sparse && eof && inOrder.isEmpty() && end > writtenEnd && !tailPushed) {
            tailPushed = true;
            inFlight++;
            ring.push(new Write(dstFd, zero, end - 1), TAIL);
        }
    }

    private void release(Slot s) {
        s.state = State.FREE;
        free.addLast(s);
    }

    private void advance(Slot s) {
        done += s.filled;
        if (progress != null) {
            progress.accept(sparse ? s.offset + s.filled : done);
        }
    }

    private void onCompletion(long userData, int result, int flags) {
        inFlight--;
        if (userData == TAIL) {
            if (result < 0) {
                fail(TransferException.Side.WRITE, -result);
            }
            return;
        }
        Slot s = slots[(int) (userData & ~WRITE)];
        if ((userData & WRITE) != 0) {
            onWrite(s, result);
        } else {
            onRead(s, result);
        }
    }

    private void onRead(Slot s, int result) {
        if (result < 0) {
            readsInFlight--;
            s.state = State.READY;
            s.filled = 0;
            fail(TransferException.Side.READ, -result);
        } else if (result == 0) {
            readsInFlight--;
            s.state = State.READY;
            eof = true;
            eofAt = Math.min(eofAt, srcSeekable ? s.offset + s.filled : Long.MAX_VALUE);
        } else {
            s.filled += result;
            if (srcSeekable && s.filled < s.length && failure == null) {
                inFlight++;
                pushRead(s); // short read: continue the chunk where it stopped
            } else {
                readsInFlight--;
                s.state = State.READY;
                if (!srcSeekable) {
                    nextOffset += s.filled;
                }
            }
        }
    }

    private void onWrite(Slot s, int result) {
        if (result <= 0) {
            writesInFlight--;
            fail(TransferException.Side.WRITE, result == 0 ? ENOSPC : -result);
            return;
        }
        s.written += result;
        if (s.written < s.filled && failure == null) {
            inFlight++;
            pushWrite(s); // short write: send the rest
            return;
        }
        writesInFlight--;
        if (failure == null) {
            advance(s);
        }
        release(s);
    }

    private void fail(TransferException.Side side, int errno) {
        if (failure == null) {
            failure = new TransferException(side, errno);
        }
    }

    @Override
    public void close() {
        ring.close();
        arena.close();
    }
}
