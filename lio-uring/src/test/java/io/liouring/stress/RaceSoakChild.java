package io.liouring.stress;

import io.liouring.async.EventLoop;
import io.liouring.testing.NativeMemoryTracking;
import io.liouring.testing.ProcessResources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Run in a child JVM with {@code -XX:NativeMemoryTracking=summary} by {@link RaceSoak}: a warm-up race, then a
 * reading of what a leak would grow (descriptors, io_uring mappings, NMT's {@code Arena} memory and its count, NMT's
 * malloc total outside HotSpot's chunk pool, automatic-arena allocations), the measured race, and the same reading
 * after it; printed as {@code key=value} lines with the race's {@link Tally}.
 *
 * <p>{@code args}: {@code SOCKET} or {@code FILE}, lives, slots, the largest write, seed, guard in seconds.
 */
public final class RaceSoakChild {
    private RaceSoakChild() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int lives = Integer.parseInt(args[1]);
        int slots = Integer.parseInt(args[2]);
        int maxChunk = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        Duration guard = Duration.ofSeconds(Long.parseLong(args[5]));
        Path directory = RaceFiles.directory("lio-file-race-soak");
        try (EventLoop first = EventLoop.open(); EventLoop second = EventLoop.open()) {
            int warmUp = Math.max(200, lives / 50);
            Tally warm = race(kind, warmUp, slots, maxChunk, seed - 1, guard, directory, first, second).tally();
            if (warm.failureCount() > 0) {
                warm.print("warm.");
                System.out.println("result=warm-up failed");
                System.exit(1);
            }
            NativeMemoryTracking.read(); // starts the attach listener, which keeps a socket open, before counting
            ProcessResources.collectGarbage();
            long automaticBefore = ProcessResources.automaticArenaAllocations();
            long fdsBefore = print("before", automaticBefore);
            long start = System.nanoTime();
            Race race = race(kind, lives, slots, maxChunk, seed, guard, directory, first, second);
            System.out.println("millis=" + (System.nanoTime() - start) / 1_000_000L);
            List<String> left = Leftovers.after(fdsBefore, race.inodes(), guard, first, second);
            System.out.println("leftovers=" + left.size());
            for (String l : left) {
                System.out.println("leftover: " + l);
            }
            System.out.println("inFlight=" + (first.inFlight() + second.inFlight()));
            ProcessResources.collectGarbageUntil(automaticBefore);
            ProcessResources.collectGarbage();
            print("after", ProcessResources.automaticArenaAllocations());
            race.tally().print("");
        } finally {
            RaceFiles.delete(directory);
        }
        System.out.flush();
    }

    /** A finished race: what it counted and the sockets it opened. */
    private record Race(Tally tally, Set<Long> inodes) {
    }

    private static Race race(String kind, int lives, int slots, int maxChunk, long seed, Duration guard, Path directory,
                             EventLoop first, EventLoop second) throws InterruptedException {
        if (kind.equals("SOCKET")) {
            SocketRace race = new SocketRace(new SocketRace.Settings(lives, slots, maxChunk, 33, seed, guard), first,
                    second);
            race.run();
            return new Race(race.tally(), race.inodes());
        }
        FileRace race = new FileRace(new FileRace.Settings(lives, slots, maxChunk, 4 * maxChunk, 25, seed, guard),
                directory, first, second);
        race.run();
        return new Race(race.tally(), Set.of());
    }

    /** Prints a reading; returns its descriptor count. */
    private static long print(String when, long automaticArenaAllocations) {
        ProcessResources.Snapshot snapshot = ProcessResources.snapshot();
        NativeMemoryTracking.Summary nmt = NativeMemoryTracking.read();
        System.out.println(when + ".fds=" + snapshot.fds());
        System.out.println(when + ".ringMappings=" + snapshot.ringMappings());
        System.out.println(when + ".automaticArenaAllocations=" + automaticArenaAllocations);
        System.out.println(when + ".arenaKB=" + nmt.otherKB());
        System.out.println(when + ".arenaAllocations=" + nmt.otherAllocations());
        System.out.println(when + ".mallocKB=" + nmt.mallocOutsideChunkPoolKB());
        return snapshot.fds();
    }
}
