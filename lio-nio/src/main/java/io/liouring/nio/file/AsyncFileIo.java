package io.liouring.nio.file;

import io.liouring.async.IoFuture;
import io.liouring.nio.internal.LendableMemory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * The reads and writes of an {@link LioAsynchronousFileChannel} on its {@link RingFile}: each one call that may be
 * short, started from any thread and never waited for. The page cache is tried first, without blocking
 * ({@link RingFile#cachedRead}); only what must wait for the device becomes a ring request, whose outcome reaches the
 * callback on the loop thread. A heap buffer, or a direct one whose memory another thread could free, travels
 * through a bounce buffer of the {@link ScratchPool}, given back only once the kernel is done with it.
 */
final class AsyncFileIo {
    /** The open file read and written. */
    private final RingFile file;

    AsyncFileIo(RingFile file) {
        this.file = file;
    }

    /**
     * Starts one read into {@code dst} at {@code position} (it may be short); {@code done} gets the count (-1 at end
     * of file, 0 if {@code dst} has no room), after the buffer's position has moved, or the failure — on this
     * thread if the page cache answered at once, otherwise on the loop thread. A heap buffer reads at most one
     * bounce buffer's worth.
     *
     * @return the ring request, to cancel, or {@code null} if {@code done} has already run
     */
    IoFuture<Integer> read(ByteBuffer dst, long position, BiConsumer<Integer, Throwable> done) {
        int wanted = dst.remaining();
        if (wanted == 0) {
            done.accept(0, null);
            return null;
        }
        MemorySegment memory = MemorySegment.ofBuffer(dst);
        boolean direct = dst.isDirect() && LendableMemory.isLendable(memory);
        if (!direct) {
            LendableMemory.checkUsable(memory);
        }
        IoScratch scratch = ScratchPool.take(direct ? 0 : wanted);
        MemorySegment target = direct ? memory
                : scratch.bounce.asSlice(0, Math.min(wanted, scratch.bounce.byteSize()));
        long r;
        try {
            r = file.cachedRead(scratch, target.address(), target.byteSize(), position);
            // A partial page-cache hit goes to the ring whole, so the read is as full as pread(2)'s would be.
            if (r > 0 && r == target.byteSize() && !direct) {
                scratch.copyReadInto(memory, 0, (int) r);
            }
        } catch (ClosedChannelException | IllegalStateException e) {
            return failed(scratch, e, done);
        }
        if (r == 0 || r == target.byteSize()) {
            scratch.release();
            Reference.reachabilityFence(dst);
            finishRead(dst, (int) r, done);
            return null;
        }
        IoFuture<Integer> request;
        try {
            request = file.submitRead(scratch, target, position);
        } catch (IOException e) {
            return failed(scratch, e, done);
        }
        if (direct) {
            scratch.release(); // the kernel uses the caller's buffer, which the request keeps reachable
        }
        request.whenComplete((n, failure) -> {
            Throwable outcome = failure;
            if (!direct) {
                if (failure == null && n > 0) {
                    try {
                        scratch.copyReadInto(memory, 0, n);
                    } catch (IllegalStateException e) {
                        outcome = e;
                    }
                }
                // Only now, after the copy, and once the kernel is done with it (at once after a result, later
                // after a cancel), may the bounce buffer go back to the pool.
                request.released().thenRun(scratch::release);
            }
            if (outcome != null) {
                done.accept(null, unwrap(outcome));
            } else {
                finishRead(dst, n, done);
            }
        });
        return request;
    }

    /**
     * Starts one write of {@code src} at {@code position} (it may be short); {@code done} gets the count, after the
     * buffer's position has moved, or the failure. A heap buffer writes at most one bounce buffer's worth.
     *
     * @return the ring request, to cancel, or {@code null} if {@code done} has already run
     */
    IoFuture<Integer> write(ByteBuffer src, long position, BiConsumer<Integer, Throwable> done) {
        int wanted = src.remaining();
        if (wanted == 0) {
            done.accept(0, null);
            return null;
        }
        MemorySegment memory = MemorySegment.ofBuffer(src);
        boolean direct = src.isDirect() && LendableMemory.isLendable(memory);
        IoScratch scratch = ScratchPool.take(direct ? 0 : wanted);
        MemorySegment source;
        if (direct) {
            source = memory;
        } else {
            int step = (int) Math.min(wanted, scratch.bounce.byteSize());
            source = scratch.bounce.asSlice(0, step);
            try {
                MemorySegment.copy(memory, 0, scratch.bounce, 0, step);
            } catch (RuntimeException e) {
                scratch.release();
                throw e;
            }
        }
        long r;
        try {
            r = file.cachedWrite(scratch, source.address(), source.byteSize(), position);
        } catch (ClosedChannelException e) {
            return failed(scratch, e, done);
        }
        if (r > 0) {
            scratch.release();
            Reference.reachabilityFence(src);
            src.position(src.position() + (int) r);
            done.accept((int) r, null);
            return null;
        }
        IoFuture<Integer> request;
        try {
            request = file.submitWrite(scratch, source, position);
        } catch (IOException e) {
            return failed(scratch, e, done);
        }
        if (direct) {
            scratch.release();
        } else {
            request.released().thenRun(scratch::release);
        }
        request.whenComplete((n, failure) -> {
            if (failure != null) {
                done.accept(null, unwrap(failure));
                return;
            }
            src.position(src.position() + n);
            done.accept(n, null);
        });
        return request;
    }

    /** Gives {@code scratch} back and hands {@code failure} to {@code done}, before any request was submitted. */
    private static IoFuture<Integer> failed(IoScratch scratch, Exception failure, BiConsumer<Integer, Throwable> done) {
        scratch.release();
        done.accept(null, failure);
        return null;
    }

    /** Hands a read's outcome over: -1 for 0 bytes (end of file), else the count after moving the buffer. */
    private static void finishRead(ByteBuffer dst, int n, BiConsumer<Integer, Throwable> done) {
        if (n == 0) {
            done.accept(-1, null);
            return;
        }
        dst.position(dst.position() + n);
        done.accept(n, null);
    }

    /** The failure inside a {@code CompletionException}. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
