package io.liouring.net;

import io.liouring.testing.NativeMemoryTracking;
import io.liouring.testing.ProcessResources;

import java.time.Duration;

/**
 * Run in a child JVM by {@link EchoSoak}, with Native Memory Tracking and a heap that is fixed and touched up front,
 * so the resident memory sampled here moves only with native memory, thread stacks, compiled code and metadata.
 * {@code args}: connections, seconds, seed. Runs an {@link EchoLoad}, samples resident memory and the FFM
 * {@code Arena} memory NMT counts after a warm-up (a quarter of the run, at most 30 s) and every 10 s until the
 * clients stop, and prints what it saw as {@code key=value} lines, the last one a summary for the README.
 */
public final class EchoSoakChild {
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration WARM_UP_AT_MOST = Duration.ofSeconds(30);
    /**
     * Samples count only if they end before the clients stop, while every connection is still busy; reading NMT
     * (a {@code jcmd}) takes seconds on a loaded machine, so the last one starts this long, plus twice what the
     * warm-up sample took, before the end.
     */
    private static final Duration LAST_SAMPLE_MARGIN = Duration.ofSeconds(1);

    /** Resident memory and {@code Arena} memory at one moment. */
    private record Sample(long resident, NativeMemoryTracking.Summary nmt) {
        static Sample now() {
            return new Sample(ProcessResources.residentBytes(), NativeMemoryTracking.read());
        }
    }

    private EchoSoakChild() {
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[1]));
        long seed = Long.parseLong(args[2]);
        Duration warmUp = duration.dividedBy(4).compareTo(WARM_UP_AT_MOST) < 0 ? duration.dividedBy(4) : WARM_UP_AT_MOST;
        NativeMemoryTracking.read(); // the first jcmd starts the JVM's attach listener, which keeps a socket open
        long fdsBefore = ProcessResources.openFds();
        Sample warm;
        Sample last;
        long peakResident;
        int samples = 1;
        EchoLoad.Result result;
        try (EchoLoad load = EchoLoad.start(connections, duration, seed)) {
            Thread.sleep(warmUp);
            long sampling = System.nanoTime();
            warm = Sample.now();
            sampling = System.nanoTime() - sampling;
            last = warm;
            peakResident = warm.resident();
            long lastSampleAt = load.deadline() - LAST_SAMPLE_MARGIN.toNanos() - 2 * sampling;
            for (long left; (left = lastSampleAt - System.nanoTime()) > 0; ) {
                Thread.sleep(Duration.ofNanos(Math.min(left, SAMPLE_EVERY.toNanos())));
                Sample sample = Sample.now();
                if (System.nanoTime() < load.deadline()) {
                    last = sample;
                    peakResident = Math.max(peakResident, sample.resident());
                    samples++;
                }
            }
            result = load.await();
        }
        long fdsAfter = ProcessResources.openFds();
        for (Throwable error : result.errors()) {
            error.printStackTrace(System.out);
        }
        print("connections", connections);
        print("seconds", duration.toSeconds());
        print("seed", seed);
        print("bytesEchoed", result.bytesEchoed());
        print("errors", result.errors().size());
        print("samples", samples);
        print("warm.resident", warm.resident());
        print("end.resident", last.resident());
        print("peak.resident", peakResident);
        print("warm.arenaKB", warm.nmt().otherKB());
        print("end.arenaKB", last.nmt().otherKB());
        print("warm.arenaAllocations", warm.nmt().otherAllocations());
        print("end.arenaAllocations", last.nmt().otherAllocations());
        print("fds.before", fdsBefore);
        print("fds.after", fdsAfter);
        System.out.printf("summary=%d connections, %d s (seed %d): %,d bytes echoed and checked, %d errors;"
                        + " RSS %d MiB after %d s warm-up -> %d MiB at end (peak %d MiB, %d samples);"
                        + " Arena memory %d KB in %d allocations -> %d KB in %d; fds %d -> %d%n",
                connections, duration.toSeconds(), seed, result.bytesEchoed(), result.errors().size(),
                warm.resident() >> 20, warmUp.toSeconds(), last.resident() >> 20, peakResident >> 20, samples,
                warm.nmt().otherKB(), warm.nmt().otherAllocations(), last.nmt().otherKB(),
                last.nmt().otherAllocations(), fdsBefore, fdsAfter);
        System.out.flush();
    }

    private static void print(String key, long value) {
        System.out.println(key + "=" + value);
    }
}
