package io.liouring.bench.storage;

/**
 * The time line of one in-JVM run, in {@link System#nanoTime()}: reads completing before {@link #warmEnd} warm up,
 * reads completing in [{@code warmEnd}, {@code end}) are counted, and no read is started at or after {@code end}.
 */
record Window(long warmEnd, long end) {

    static Window startingNow(ReadSpec spec) {
        long warmEnd = System.nanoTime() + spec.warmup().toNanos();
        return new Window(warmEnd, warmEnd + spec.duration().toNanos());
    }

    boolean counts(long completedAt) {
        return completedAt >= warmEnd && completedAt < end;
    }

    boolean over(long now) {
        return now >= end;
    }

    double seconds() {
        return (end - warmEnd) / 1e9;
    }
}
