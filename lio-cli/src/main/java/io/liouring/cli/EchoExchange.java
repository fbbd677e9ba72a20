package io.liouring.cli;

import io.liouring.async.EventLoop;
import io.liouring.net.Connection;
import io.liouring.struct.SockAddr;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The client side of {@code lio echo-client} and the demo: sends messages over one connection, reads each
 * echo back in full, checks it byte for byte and times the round trips.
 */
final class EchoExchange {
    /** What a run of round trips measured. */
    record Result(int roundTrips, int messageSize, long[] latenciesNanos, long elapsedNanos, boolean allEqual) {
        double perSecond() {
            return roundTrips * 1e9 / Math.max(1, elapsedNanos);
        }

        /** The latency at quantile {@code q} (0..1), in microseconds. */
        double latencyMicros(double q) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
            return sorted[index] / 1e3;
        }
    }

    private EchoExchange() {
    }

    /** Runs {@code count} round trips of {@code size} random bytes against an echo server at {@code address}. */
    static Result run(EventLoop loop, SockAddr address, int count, int size, Duration connectTimeout)
            throws IOException {
        try (Connection connection = Connection.connect(loop, address, connectTimeout);
             Arena arena = Arena.ofConfined()) {
            connection.setNoDelay(true);
            MemorySegment sent = arena.allocate(size);
            MemorySegment received = arena.allocate(size);
            long[] latencies = new long[count];
            boolean allEqual = true;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                fillRandom(sent);
                long t0 = System.nanoTime();
                connection.writeFully(sent);
                long got = connection.readFully(received);
                latencies[i] = System.nanoTime() - t0;
                allEqual &= got == size && MemorySegment.mismatch(sent, 0, size, received, 0, size) == -1;
            }
            return new Result(count, size, latencies, System.nanoTime() - start, allEqual);
        }
    }

    private static void fillRandom(MemorySegment segment) {
        byte[] bytes = new byte[(int) segment.byteSize()];
        ThreadLocalRandom.current().nextBytes(bytes);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
    }
}
