package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A native {@code struct __kernel_timespec} (seconds and nanoseconds, 16 bytes), as timeouts take it.
 * Mutable so that a reused timeout operation can change its time without allocating.
 */
public final class Timespec {
    /** {@code sizeof(struct __kernel_timespec)}. */
    public static final long SIZE = 16;

    private final MemorySegment segment;

    private Timespec(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return a timespec in an automatic (garbage-collected) arena}
     *
     * @param duration not negative; seconds and nanoseconds go to {@code tv_sec} and {@code tv_nsec}
     */
    public static Timespec of(Duration duration) {
        return of(Arena.ofAuto(), duration);
    }

    /**
     * {@return a timespec holding {@code duration}, in {@code arena}}
     *
     * @param arena where the struct lives; it must stay open until the request has completed
     * @param duration not negative
     */
    public static Timespec of(Arena arena, Duration duration) {
        Timespec t = new Timespec(arena.allocate(SIZE, 8));
        t.set(duration);
        return t;
    }

    /**
     * Sets the time; negative durations are refused (the kernel would return EINVAL).
     *
     * @param duration not negative
     * @return this timespec
     */
    public Timespec set(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        segment.set(JAVA_LONG, 0, duration.getSeconds());
        segment.set(JAVA_LONG, 8, duration.getNano());
        return this;
    }

    /**
     * Sets seconds and nanoseconds directly (for absolute times on a given clock).
     *
     * @param seconds {@code tv_sec}, not negative
     * @param nanos {@code tv_nsec}, 0 to 999 999 999
     * @return this timespec
     */
    public Timespec set(long seconds, long nanos) {
        if (seconds < 0 || nanos < 0 || nanos >= 1_000_000_000L) {
            throw new IllegalArgumentException("need seconds >= 0 and 0 <= nanos < 1e9: " + seconds + "s " + nanos + "ns");
        }
        segment.set(JAVA_LONG, 0, seconds);
        segment.set(JAVA_LONG, 8, nanos);
        return this;
    }

    /** {@return the time held, as a duration} */
    public Duration toDuration() {
        return Duration.ofSeconds(segment.get(JAVA_LONG, 0), segment.get(JAVA_LONG, 8));
    }

    /** {@return the native struct} */
    public MemorySegment segment() {
        return segment;
    }
}
