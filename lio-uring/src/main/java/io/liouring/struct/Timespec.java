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

    /** A timespec in an automatic (garbage-collected) arena. */
    public static Timespec of(Duration duration) {
        return of(Arena.ofAuto(), duration);
    }

    public static Timespec of(Arena arena, Duration duration) {
        Timespec t = new Timespec(arena.allocate(SIZE, 8));
        t.set(duration);
        return t;
    }

    /** Sets the time; negative durations are refused (the kernel would return EINVAL). */
    public Timespec set(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        segment.set(JAVA_LONG, 0, duration.getSeconds());
        segment.set(JAVA_LONG, 8, duration.getNano());
        return this;
    }

    /** Sets seconds and nanoseconds directly (for absolute times on a given clock). */
    public Timespec set(long seconds, long nanos) {
        if (seconds < 0 || nanos < 0 || nanos >= 1_000_000_000L) {
            throw new IllegalArgumentException("need seconds >= 0 and 0 <= nanos < 1e9: " + seconds + "s " + nanos + "ns");
        }
        segment.set(JAVA_LONG, 0, seconds);
        segment.set(JAVA_LONG, 8, nanos);
        return this;
    }

    public Duration toDuration() {
        return Duration.ofSeconds(segment.get(JAVA_LONG, 0), segment.get(JAVA_LONG, 8));
    }

    /** The native struct. */
    public MemorySegment segment() {
        return segment;
    }
}
