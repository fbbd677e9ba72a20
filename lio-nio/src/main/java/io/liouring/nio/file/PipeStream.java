package io.liouring.nio.file;

import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.async.FdHandle;
import io.liouring.nio.internal.LendableMemory;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The reads and writes of a named pipe (or of the pipe behind {@code /dev/stdin}) of a {@link RingFile}: a pipe
 * refuses {@code RWF_NOWAIT} ({@code EOPNOTSUPP}), so the page-cache attempt of a regular file never serves it.
 * Instead its descriptor gets {@code O_NONBLOCK} (its own open file description: the channel's open made it) and
 * each call is a direct {@code read(2)}/{@code write(2)} that never waits; while the pipe is empty or full, a virtual
 * thread parks on the ring's {@code POLL_ADD}, which a close cancels, and a platform thread waits in {@code poll(2)}
 * ({@link WaitingCalls#awaitPipe}), in slices that let a close end the wait. Every call holds a reference to the
 * descriptor ({@link FdHandle#withDescriptor}) while it runs; none waits while holding it.
 */
final class PipeStream {
    /** The pipe's descriptor, owned by its {@link RingFile}. */
    private final FdHandle handle;
    /** The descriptor number, for the ring's poll. */
    private final int fd;
    /** The path it was opened by, for exceptions. */
    private final Path path;
    /** The open's status flags, to which {@code O_NONBLOCK} is added. */
    private final int flags;
    /** Whether the descriptor has {@code O_NONBLOCK} yet. */
    private volatile boolean nonblocking;

    /** The pipe of {@code handle} ({@code fd}), opened by {@code path} with {@code flags}. */
    PipeStream(FdHandle handle, int fd, Path path, int flags) {
        this.handle = handle;
        this.fd = fd;
        this.path = path;
        this.flags = flags;
    }

    /**
     * A read of a pipe, as {@code read(2)} of it: what the pipe holds, at most {@code dst}'s room, waiting only while
     * it holds nothing. The descriptor has {@code O_NONBLOCK} ({@link #nonblocking()}), so the read is a direct
     * call that never waits; while there is nothing to read, the caller waits for {@code POLLIN} ({@link #call}),
     * unless {@code wait} is false, when a pipe that holds nothing answers 0.
     *
     * @return bytes read, 0 if the pipe held nothing and {@code wait} is false, or -1 at the end (no writer left)
     */
    int read(ByteBuffer dst, boolean wait) throws IOException {
        nonblocking();
        MemorySegment memory = MemorySegment.ofBuffer(dst);
        boolean lent = dst.isDirect() && LendableMemory.isLendable(memory);
        if (!lent) {
            LendableMemory.checkUsable(memory);
        }
        IoScratch scratch = lent ? null : ScratchPool.take(dst.remaining());
        try {
            MemorySegment target = lent ? memory
                    : scratch.bounce.asSlice(0, Math.min(dst.remaining(), scratch.bounce.byteSize()));
            int n = (int) call(target, false, wait);
            if (n <= 0) {
                return n == 0 ? -1 : 0; // the end, or nothing now for a caller that does not wait
            }
            if (!lent) {
                scratch.copyReadInto(memory, 0, n);
            }
            dst.position(dst.position() + n);
            return n;
        } finally {
            if (scratch != null) {
                scratch.release();
            }
            Reference.reachabilityFence(dst);
        }
    }

    /**
     * A write of all of {@code src} to a pipe, as a blocking {@code write(2)} makes it: direct non-blocking writes,
     * and {@code POLLOUT} while the pipe is full ({@link #call}). The buffer's position moves with
     * each write, so what was written before a close or an error is accounted for.
     *
     * @return the number of bytes written, all of {@code src}
     */
    int write(ByteBuffer src) throws IOException {
        nonblocking();
        int wanted = src.remaining();
        MemorySegment memory = MemorySegment.ofBuffer(src);
        boolean lent = src.isDirect() && LendableMemory.isLendable(memory);
        IoScratch scratch = lent ? null : ScratchPool.take(wanted);
        try {
            int done = 0;
            while (done < wanted) {
                MemorySegment source;
                if (lent) {
                    source = memory.asSlice(done);
                } else {
                    int step = (int) Math.min(wanted - done, scratch.bounce.byteSize());
                    MemorySegment.copy(memory, done, scratch.bounce, 0, step);
                    source = scratch.bounce.asSlice(0, step);
                }
                for (long written = 0; written < source.byteSize(); ) {
                    long n = call(source.asSlice(written), true, true);
                    written += n;
                    done += (int) n;
                    src.position(src.position() + (int) n);
                }
            }
            return wanted;
        } finally {
            if (scratch != null) {
                scratch.release();
            }
            Reference.reachabilityFence(src);
        }
    }

    /**
     * One read or write of a pipe at once if it can be made, otherwise once a poll ({@code POLLIN} or
     * {@code POLLOUT}) says it can. A virtual thread parks on the ring's ({@code IORING_OP_POLL_ADD}), waited for
     * uninterruptibly, as {@code RingFile}'s ring calls does, so that an interrupt ends it only through the channel's
     * interruptor, whose close cancels the poll. A platform thread waits in {@code poll(2)} itself, as the JDK's
     * waits in {@code read(2)}, a slice of {@value WaitingCalls#PIPE_POLL_MILLIS} ms at a time
     * ({@link WaitingCalls#awaitPipe}): a ring round trip per empty pipe cost it 3–4 times the JDK's time on
     * {@code /dev/stdin}, and the slices let a close or interrupt end the wait without a signal.
     *
     * @return bytes moved: some for a write; for a read some, or 0 at the end; -1 if nothing could be moved at once
     *         and {@code wait} is false
     */
    private long call(MemorySegment memory, boolean write, boolean wait) throws IOException {
        while (true) {
            IoScratch slot = CallSlots.take();
            long r;
            try {
                handle.withDescriptor(write ? slot.streamWrite(memory) : slot.streamRead(memory));
                r = slot.result;
            } finally {
                slot.release();
            }
            if (r >= 0) {
                return r;
            }
            if (r == -NativeCalls.EINTR) {
                continue;
            }
            if (r != -NativeCalls.EAGAIN) {
                throw JdkFileErrors.ofIo(write ? "write" : "read", path, (int) r);
            }
            if (!wait) {
                return -1;
            }
            int events = write ? PollEvents.POLLOUT : PollEvents.POLLIN;
            if (Thread.currentThread().isVirtual()) {
                RequestWaits.awaitUninterruptibly(
                        handle.submit(new PollAdd(fd, events), SqeFlags.NONE, null, RequestWaits.RAW));
            } else {
                WaitingCalls.awaitPipe(handle, fd, events);
            }
        }
    }

    /**
     * Gives the pipe's descriptor {@code O_NONBLOCK} (its own open file description: this channel's open made it),
     * once, so that its direct reads and writes answer {@code EAGAIN} instead of waiting.
     */
    private void nonblocking() throws IOException {
        if (!nonblocking) {
            IoScratch slot = CallSlots.take();
            try {
                handle.withDescriptor(slot.statusFlags(flags | OpenFlags.O_NONBLOCK));
                if (slot.result < 0) {
                    throw JdkFileErrors.ofIo("fcntl", path, (int) slot.result);
                }
            } finally {
                slot.release();
            }
            nonblocking = true;
        }
    }
}
