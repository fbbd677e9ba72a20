package io.liouring.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Test support: an endless byte stream, one random block of a prime length ({@link #PERIOD} bytes) repeated, so a
 * piece lost, repeated or moved shows up wherever it lands (a loss of a whole number of periods shows in the count).
 * The block lives in native memory twice over, so any {@link #PERIOD}-long window of the stream is one slice.
 */
final class StreamPattern implements AutoCloseable {
    static final int PERIOD = 1_048_573;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment twice = arena.allocate(2L * PERIOD + Long.BYTES);

    StreamPattern(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < PERIOD; i += Long.BYTES) {
            twice.set(JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        MemorySegment.copy(twice, 0, twice, PERIOD, PERIOD);
    }

    /** The stream from {@code position}: {@code length} bytes, at most {@link #PERIOD}. */
    MemorySegment at(long position, long length) {
        if (length > PERIOD) {
            throw new IllegalArgumentException("length must be at most " + PERIOD + ": " + length);
        }
        return twice.asSlice(position % PERIOD, length);
    }

    /** A receiver that checks each piece it is given continues the stream where the previous one ended. */
    Check check() {
        return new Check();
    }

    /** Frees the block: only once nothing (no send in the kernel) reads it any more. */
    @Override
    public void close() {
        arena.close();
    }

    /** Checks received pieces against the stream, in order, and counts them; any thread, one at a time. */
    final class Check implements Consumer<MemorySegment> {
        private final AtomicLong received = new AtomicLong();

        @Override
        public void accept(MemorySegment piece) {
            long at = received.get();
            for (long done = 0; done < piece.byteSize(); ) {
                long n = Math.min(PERIOD, piece.byteSize() - done);
                long mismatch = MemorySegment.mismatch(piece, done, done + n, at(at + done, n), 0, n);
                if (mismatch != -1) {
                    throw new AssertionError("byte " + (at + done + mismatch) + " of the stream differs");
                }
                done += n;
            }
            received.set(at + piece.byteSize());
        }

        /** Bytes received so far, all of them checked. */
        long received() {
            return received.get();
        }
    }
}
