package io.liouring.file;

import io.liouring.internal.IoErrors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File copy through the ring: {@link AsyncFile#COPY_LANES} lanes, each taking the next chunk, reading it
 * fully into its own buffer and writing it fully at the same offset, so reads and writes of different
 * chunks overlap in the kernel.
 */
final class Copy {
    private Copy() {
    }

    static long pipelined(AsyncFile in, AsyncFile out, long size) throws IOException {
        AtomicLong cursor = new AtomicLong();
        AtomicLong copied = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (Arena arena = Arena.ofShared()) {
            CompletableFuture<?>[] lanes = new CompletableFuture<?>[AsyncFile.COPY_LANES];
            for (int i = 0; i < lanes.length; i++) {
                MemorySegment buffer = arena.allocate(AsyncFile.COPY_CHUNK, AsyncFile.DIRECT_ALIGNMENT);
                lanes[i] = new Lane(in, out, buffer, size, cursor, copied, stop).run();
            }
            // allOf completes only when every lane has: no request still uses the buffers when the arena closes.
            try {
                CompletableFuture.allOf(lanes).join();
            } catch (CompletionException e) {
                throw IoErrors.onCallerThread(e);
            }
        }
        return copied.get();
    }

    private static final class Lane {
        private final AsyncFile in;
        private final AsyncFile out;
        private final MemorySegment buffer;
        private final long size;
        private final AtomicLong cursor;
        private final AtomicLong copied;
        private final AtomicBoolean stop;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Lane(AsyncFile in, AsyncFile out, MemorySegment buffer, long size, AtomicLong cursor, AtomicLong copied,
             AtomicBoolean stop) {
            this.in = in;
            this.out = out;
            this.buffer = buffer;
            this.size = size;
            this.cursor = cursor;
            this.copied = copied;
            this.stop = stop;
        }

        CompletableFuture<Void> run() {
            next();
            return done;
        }

        private void next() {
            long at = cursor.getAndAdd(buffer.byteSize());
            if (stop.get() || at >= size) {
                done.complete(null);
                return;
            }
            int length = (int) Math.min(buffer.byteSize(), size - at);
            TransferFuture read = in.readFullyAsync(buffer.asSlice(0, length), at);
            whenReleased(read, n -> {
                if (n < length) {
                    stop.set(true); // the file ended early (it shrank): copy what there is
                }
                whenReleased(out.writeFullyAsync(buffer.asSlice(0, n), at), written -> {
                    copied.addAndGet(written);
                    next();
                });
            });
        }

        /**
         * Goes on with {@code then} once {@code transfer} has succeeded and the kernel is done with the lane's
         * buffer; a failure ends the lane, also only once the buffer is free (the arena closes after every lane).
         */
        private void whenReleased(TransferFuture transfer, java.util.function.LongConsumer then) {
            transfer.whenComplete((n, error) -> transfer.released().whenComplete((ignored, alsoIgnored) -> {
                if (error != null) {
                    stop.set(true);
                    done.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                } else {
                    then.accept(n);
                }
            }));
        }
    }
}
