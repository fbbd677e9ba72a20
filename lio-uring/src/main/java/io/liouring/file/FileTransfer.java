package io.liouring.file;

import io.liouring.Errno;
import io.liouring.UringException;
import io.liouring.internal.ChunkedCopyFileRange;
import io.liouring.internal.FileRangeCalls;
import io.liouring.internal.IoErrors;
import io.liouring.internal.Pipes;
import io.liouring.operation.Fadvise;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import io.liouring.struct.StatxResult;
import io.liouring.struct.StatxResult.FileType;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.LongConsumer;

/**
 * lio-uring's one way to move a file's bytes into another file ({@link AsyncFile#transferTo}), choosing by what the
 * two files are:
 * <ul>
 *   <li>regular file of a size above 0 → regular file (not {@code O_APPEND}): {@code copy_file_range(2)}, a direct system call (io_uring
 *       has no operation for it), which shares extents where the file system can (Btrfs, XFS, NFS) and otherwise
 *       copies page cache to page cache in the kernel; a sparse source into an empty target copies only the data
 *       extents ({@code SEEK_DATA}/{@code SEEK_HOLE}) and leaves holes. Where the kernel refuses ({@code EXDEV}
 *       between file systems of different types, {@code EINVAL}, {@code EOPNOTSUPP}, {@code ENOSYS}), the rest goes
 *       through {@link SpliceCopy}'s parallel splices;</li>
 *   <li>regular file → a memory device ({@code /dev/null}, {@code /dev/zero}, …, major 1, which never makes a writer
 *       wait): {@code sendfile(2)} on the calling thread, 64 MiB per call: the kernel drops page references, nothing
 *       is copied;</li>
 *   <li>regular file → pipe: {@code splice(2)} with {@code SPLICE_F_NONBLOCK} on the calling thread (page references
 *       into the pipe, no copy), and {@code ppoll(2)} for room when it is full, at most 100 ms at a time;</li>
 *   <li>a pipe source, a regular source of size 0 (empty, or a procfs file such as {@code /proc/version}, whose
 *       size says nothing about what it reads), or a target that can make us wait (a socket, a terminal) or takes
 *       no direct copy (an {@code O_APPEND} file): {@code IORING_OP_SPLICE} driven by the loop ({@link SpliceStream}), straight from one
 *       to the other when either is a pipe, else through a pipe of our own;</li>
 *   <li>where the kernel cannot splice the pair at all ({@code EINVAL} on the first request): {@code IORING_OP_READ}
 *       into native memory and {@code IORING_OP_WRITE} from it.</li>
 * </ul>
 * Why direct system calls where io_uring has {@code IORING_OP_SPLICE}: io_uring runs every splice on an io-wq worker
 * and completes it through the event loop, and that round trip per MiB (per 64 KiB into a default pipe) cost lio
 * cat more CPU than {@code cat}'s own reads and writes; {@code sendfile} and a non-blocking {@code splice} do the same
 * kernel work without it (BENCHMARKS.md, "Data path", has the measurements). They stay where waiting is bounded:
 * a memory device never waits, a pipe is polled for a tenth of a second at a time. Streams (all but the first case)
 * go in order, at the files' positions.
 */
final class FileTransfer {
    /** Bytes per {@code copy_file_range} call: large, for few calls, and small enough for steady progress. */
    private static final long RANGE_CHUNK = 64L << 20;
    /** Bytes per splice or read of a stream. */
    private static final int STREAM_CHUNK = SpliceCopy.CHUNK;
    private static final int EINTR = Errno.EINTR.number();
    private static final int EAGAIN = Errno.EAGAIN.number();
    private static final int EINVAL = Errno.EINVAL.number();
    private static final int ENXIO = Errno.ENXIO.number();
    private static final int POSIX_FADV_SEQUENTIAL = 2;

    private final AsyncFile in;
    private final AsyncFile out;
    private final LongConsumer progress;
    private long copied;
    /** Whether the target is open only for reading: an EBADF of a call on both files is then the target's. */
    private boolean targetReadOnly;

    private FileTransfer(AsyncFile in, AsyncFile out, LongConsumer progress) {
        this.in = in;
        this.out = out;
        this.progress = progress;
    }

    /** See {@link AsyncFile#transferTo}. */
    static long transfer(AsyncFile in, AsyncFile out, LongConsumer progress) throws IOException {
        return new FileTransfer(in, out, progress == null ? n -> { } : progress).run();
    }

    private long run() throws IOException {
        StatxResult source = in.stat();
        StatxResult target = out.stat();
        try (FileRangeCalls calls = new FileRangeCalls()) {
            long targetFlags = out.withDescriptor(calls::statusFlags);
            boolean append = (targetFlags & FileRangeCalls.O_APPEND) != 0;
            targetReadOnly = targetFlags >= 0 && (targetFlags & FileRangeCalls.O_ACCMODE) == 0;
            if (source.type() == FileType.REGULAR) {
                adviseSequentialReads();
            }
            if (source.type() == FileType.REGULAR && target.type() == FileType.REGULAR && !append
                    && source.size() > 0) { // size 0: empty, or a procfs file whose size says nothing: streamed
                regularFiles(calls, source, target);
            } else if (source.type() == FileType.REGULAR && neverWaits(target)) {
                sendfile(calls);
            } else if (source.type() == FileType.REGULAR && target.type() == FileType.FIFO) {
                spliceIntoPipe(calls);
            } else {
                streams(source.type() == FileType.FIFO || target.type() == FileType.FIFO);
            }
        }
        return copied;
    }

    /**
     * As cp and cat: the source's read-ahead twice as far ({@code POSIX_FADV_SEQUENTIAL}, which Linux applies to the
     * whole open file), which the page-cache reads of copy_file_range, sendfile and splice follow.
     */
    private void adviseSequentialReads() {
        try {
            IoErrors.await(in.submitOnHandle(fd -> new Fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)));
        } catch (IOException adviceRefused) {
            // only advice: the copy goes on without it
        }
    }

    // ============================================================== regular files: copy_file_range, else splices

    /**
     * From the source's position to its end (as {@code stat} saw it; less if it shrinks meanwhile), at the target's
     * position; both positions move past the bytes copied. {@link #copied} counts the holes left too.
     */
    private void regularFiles(FileRangeCalls calls, StatxResult source, StatxResult target) throws IOException {
        long from = position(calls, in);
        long to = position(calls, out);
        long end = Math.max(from, source.size());
        boolean holes = from == 0 && to == 0 && target.size() == 0 && source.blocks() * 512 < end;
        RangeCopy range = new RangeCopy(calls, from);
        long at = from;
        while (at < end) {
            long start = at;
            long stop = end;
            if (holes) {
                start = seek(calls, at, FileRangeCalls.SEEK_DATA);
                if (start < 0 || start >= end) {
                    at = end; // nothing but a hole from here to the end
                    break;
                }
                stop = Math.min(end, seek(calls, start, FileRangeCalls.SEEK_HOLE));
            }
            long n = range.copy(start, to + (start - from), stop - start);
            at = start + n;
            if (n < stop - start) {
                end = at; // the source shrank
            }
        }
        long targetEnd = to + (end - from);
        if (holes) { // a source that ends in a hole: the copy gets its size all the same
            long r = out.withDescriptor(fd -> calls.ftruncate(fd, targetEnd));
            if (r < 0) {
                throw IoErrors.file("ftruncate", out.path(), (int) r);
            }
        }
        long sourceEnd = end;
        in.withDescriptor(fd -> calls.lseek(fd, sourceEnd, FileRangeCalls.SEEK_SET));
        out.withDescriptor(fd -> calls.lseek(fd, targetEnd, FileRangeCalls.SEEK_SET));
        copied = end - from;
        progress.accept(copied);
    }

    private static long position(FileRangeCalls calls, AsyncFile file) throws IOException {
        long p = file.withDescriptor(fd -> calls.lseek(fd, 0, FileRangeCalls.SEEK_CUR));
        if (p < 0) {
            throw IoErrors.file("lseek", file.path(), (int) p);
        }
        return p;
    }

    /** {@code SEEK_DATA}/{@code SEEK_HOLE} in the source; -1 for no data ahead (ENXIO). */
    private long seek(FileRangeCalls calls, long offset, int whence) throws IOException {
        long r = in.withDescriptor(fd -> calls.lseek(fd, offset, whence));
        if (r == -ENXIO) {
            return -1;
        }
        if (r < 0) {
            throw IoErrors.file("lseek", in.path(), (int) r);
        }
        return r;
    }

    /**
     * One range of the source to the same-sized range of the target, by {@code copy_file_range} as long as the kernel
     * does it for these files, else by splices; progress is told as the source offset reached past {@code base}.
     */
    private final class RangeCopy {
        private final ChunkedCopyFileRange kernelCopy;
        private final long base;
        private boolean spliceOnly;

        RangeCopy(FileRangeCalls calls, long base) {
            this.kernelCopy = new ChunkedCopyFileRange(calls, in.handle(), out.handle(), RANGE_CHUNK);
            this.base = base;
        }

        /** {@return bytes copied: {@code length}, or fewer if the source ended early} */
        long copy(long inAt, long outAt, long length) throws IOException {
            long done = 0;
            if (!spliceOnly) {
                done = kernelCopy.copy(inAt, outAt, length, n -> progress.accept(inAt + n - base));
                int errno = kernelCopy.errno();
                if (errno == 0) {
                    return done; // all of it, or the source ended
                }
                if (!refusesRange(errno)) {
                    throw failure("copy_file_range", errno);
                }
                spliceOnly = true; // these two files cannot: the rest by splicing
            }
            if (done < length) {
                long at = inAt + done;
                try {
                    done += SpliceCopy.copy(in, at, out, outAt + done, length - done,
                            moved -> progress.accept(at + moved - base));
                } catch (IOException e) {
                    if (errno(e) != EINVAL) {
                        throw e;
                    }
                    // A file system without splice (procfs, say): the rest read and written, from where splicing began.
                    done += readAndWriteRange(at, outAt + done, length - done, base);
                }
            }
            return done;
        }

        private static boolean refusesRange(int errno) {
            Errno e = Errno.of(errno);
            return e == Errno.EXDEV || e == Errno.EINVAL || e == Errno.EOPNOTSUPP || e == Errno.ENOSYS;
        }
    }

    /** A range by positional reads and writes through native memory; the bytes copied (fewer if the source ends). */
    private long readAndWriteRange(long inAt, long outAt, long length, long base) throws IOException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment buffer = arena.allocate(STREAM_CHUNK, 4096);
            long done = 0;
            while (done < length) {
                MemorySegment slice = buffer.asSlice(0, Math.min(STREAM_CHUNK, length - done));
                long n = in.readFully(slice, inAt + done);
                out.writeFully(slice.asSlice(0, n), outAt + done);
                done += n;
                progress.accept(inAt + done - base);
                if (n < slice.byteSize()) {
                    break; // the source ended early
                }
            }
            return done;
        }
    }

    /**
     * The exception for a call on both files: errors of a full, too small, closed or unwritable target name it, others
     * the source.
     */
    private IOException failure(String call, int errno) {
        boolean target = isTargetError(errno) || (errno == Errno.EBADF.number() && targetReadOnly);
        return IoErrors.file(call, target ? out.path() : in.path(), -errno);
    }

    /** Whether a failure with {@code errno} of a call on both files concerns the target. */
    static boolean isTargetError(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.ENOSPC || e == Errno.EDQUOT || e == Errno.EFBIG || e == Errno.EPIPE;
    }

    // ============================================================== a discarding device: sendfile

    /** The kernel's memory devices ({@code /dev/null}, {@code zero}, {@code full}, {@code urandom}, …: major 1). */
    private static final int MEMORY_DEVICES = 1;

    /**
     * Whether a write to {@code target} never waits for anyone: a character device of the kernel's memory driver
     * ({@code /dev/null} above all). A pipe, a socket or a terminal can make a writer wait as long as its reader
     * likes, which a direct system call on the calling thread must not do ({@link #streams} serves them).
     */
    private static boolean neverWaits(StatxResult target) {
        return target.type() == FileType.CHARACTER_DEVICE && target.rdevMajor() == MEMORY_DEVICES;
    }

    /**
     * A regular file's rest into a memory device ({@code /dev/null}): {@code sendfile(2)}, a direct system call on
     * the calling thread, {@link #RANGE_CHUNK} per call, from the source's position (which moves on). The kernel
     * splices page references through its own pipe into the device, which drops them: no byte is copied, and 300 MiB
     * take five calls. io_uring's way, {@code IORING_OP_SPLICE} file → pipe → device, did the same work in 600
     * requests, each run on an io-wq worker and each completed through the loop (BENCHMARKS.md, "Data path").
     * Where the kernel refuses ({@code EINVAL}, {@code ENOSYS}) before the first byte, the splices of {@link #streams}.
     */
    private void sendfile(FileRangeCalls calls) throws IOException {
        while (true) {
            long n = in.withDescriptors(out, (src, dst) -> calls.sendfile((int) dst, (int) src, RANGE_CHUNK));
            if (n == -EINTR) {
                continue;
            }
            if (n < 0 && copied == 0 && (n == -EINVAL || n == -FileRangeCalls.ENOSYS)) {
                streams(false);
                return;
            }
            if (n < 0) {
                throw failure("sendfile", (int) -n);
            }
            if (n == 0) {
                return;
            }
            copied += n;
            progress.accept(copied);
        }
    }

    // ============================================================== into a pipe: splice and poll

    /** The longest wait for room in a pipe before looking again whether either file was closed or we were interrupted. */
    private static final int POLL_MILLIS = 100;

    /**
     * A regular file's rest into a pipe: {@code splice(2)} with {@code SPLICE_F_NONBLOCK}, direct system calls on the
     * calling thread, from the source's position (which moves on) into as much room as the pipe has (its page
     * references, no copy); when the pipe is full, {@code ppoll(2)} for room. A reader that takes 128 KiB at a time
     * from a pipe of 64 KiB means a splice per 64 KiB and a poll now and then; io_uring's way
     * ({@code IORING_OP_SPLICE} on an io-wq worker, completed through the loop) cost several times the CPU of
     * {@code cat}'s reads and writes there (BENCHMARKS.md, "Data path"). Where the source cannot be spliced
     * ({@code EINVAL} before the first byte), reads and writes.
     */
    private void spliceIntoPipe(FileRangeCalls calls) throws IOException {
        PipeBurst burst = new PipeBurst(calls);
        while (true) {
            long r = in.withDescriptors(out, burst::run);
            copied += burst.moved;
            if (burst.moved > 0) {
                progress.accept(copied);
            }
            if (r > 0 || r == -EAGAIN || r == -EINTR) { // a burst's end: look at closes and interrupts, then go on
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("transfer from " + in.path() + " into " + out
                            + " interrupted after " + copied + " bytes");
                }
                continue;
            }
            if (r < 0 && copied == 0 && (r == -EINVAL || r == -FileRangeCalls.ENOSYS)) {
                readAndWrite();
                return;
            }
            if (r < 0) {
                throw failure(burst.failedCall, (int) -r);
            }
            return; // 0: the source's end
        }
    }

    /**
     * Splices into the pipe, waiting for room with {@code ppoll(2)} as needed, while both descriptors are held: until
     * {@link #RANGE_CHUNK} bytes have moved, a wait has lasted {@link #POLL_MILLIS}, either file is being closed, the
     * source ends or a call fails. (One hold for many calls: taking and giving back the two references per call cost
     * more than the splice.) A concurrent close waits for the burst, at most about {@link #POLL_MILLIS} or
     * {@link #RANGE_CHUNK} moved without waiting.
     */
    private final class PipeBurst {
        private final FileRangeCalls calls;
        long moved;
        String failedCall;

        PipeBurst(FileRangeCalls calls) {
            this.calls = calls;
        }

        /** {@return the last call's result: 0 at the source's end, {@code -errno}, or what ended the burst} */
        long run(long src, long dst) {
            moved = 0;
            while (true) {
                long n = calls.spliceIntoPipe((int) src, (int) dst, STREAM_CHUNK);
                if (n > 0) {
                    moved += n;
                    if (moved >= RANGE_CHUNK) {
                        return n;
                    }
                    continue;
                }
                if (n != -EAGAIN) {
                    failedCall = "splice";
                    return n;
                }
                long ready = calls.awaitWritable((int) dst, POLL_MILLIS); // room, or no reader left (then EPIPE)
                if (ready <= 0 || in.isClosed() || out.isClosed()) {
                    failedCall = "ppoll";
                    return ready == 0 ? -EAGAIN : ready;
                }
            }
        }
    }

    // ============================================================== streams: splices in order, else read and write

    /**
     * Splices driven by the loop ({@link SpliceStream}): straight from one file to the other when either is a pipe,
     * else through a pipe of our own; reads and writes where the kernel cannot splice the pair.
     */
    private void streams(boolean pipeSide) throws IOException {
        if (pipeSide) {
            SpliceStream.Outcome outcome = SpliceStream.copy(in, out, null, progress);
            copied = outcome.copied();
            if (outcome.refused()) {
                readAndWrite();
            }
            return;
        }
        int[] pipe;
        try {
            pipe = Pipes.open(STREAM_CHUNK);
        } catch (UringException e) {
            throw IoErrors.file(e.call(), in.path(), -e.errnoNumber());
        }
        try {
            SpliceStream.Outcome outcome = SpliceStream.copy(in, out, pipe, progress);
            copied = outcome.copied();
            if (outcome.refused()) {
                readAndWrite(pipe[0], outcome.leftInPipe()); // the target takes no splices: the pipe's bytes first
            }
        } finally {
            Pipes.close(pipe); // every splice on it has been released when SpliceStream returns
        }
    }

    private void readAndWrite() throws IOException {
        readAndWrite(-1, 0);
    }

    /**
     * Read and write through native memory, at the files' positions. {@code pending} bytes waiting in the pipe
     * {@code pipeRead} (if any) are read from it and written first.
     */
    private void readAndWrite(int pipeRead, int pending) throws IOException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment buffer = arena.allocate(STREAM_CHUNK, 4096);
            for (int n; pending > 0; pending -= n) {
                n = readInto(buffer.asSlice(0, pending), pipeRead);
                if (n == 0) {
                    throw new IOException("the pipe gave back less than the " + pending + " bytes spliced into it");
                }
                writeAll(buffer.asSlice(0, n));
            }
            while (true) {
                int n = readInto(buffer, -1);
                if (n == 0) {
                    return;
                }
                writeAll(buffer.asSlice(0, n));
            }
        }
    }

    /** One read from the source (or from {@code pipeRead} if not -1) at its position; 0 at its end. */
    private int readInto(MemorySegment buffer, int pipeRead) throws IOException {
        while (true) {
            try {
                return IoErrors.awaitStep(in.submitOnHandle(src -> new Read(pipeRead >= 0 ? pipeRead : src, buffer, -1)));
            } catch (IOException e) {
                if (errno(e) != EINTR) {
                    throw e;
                }
            }
        }
    }

    private void writeAll(MemorySegment bytes) throws IOException {
        long done = 0;
        while (done < bytes.byteSize()) {
            MemorySegment rest = bytes.asSlice(done);
            int n;
            try {
                n = IoErrors.awaitStep(out.submitOnHandle(dst -> new Write(dst, rest, -1)));
            } catch (IOException e) {
                if (errno(e) == EINTR) {
                    continue;
                }
                throw e;
            }
            if (n == 0) {
                throw TransferFuture.noProgress();
            }
            done += n;
        }
        copied += bytes.byteSize();
        progress.accept(copied);
    }

    /** The errno a failure of this package carries, itself or among its causes, or 0. */
    static int errno(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UringException u) {
                return u.errnoNumber();
            }
        }
        return 0;
    }
}
