package io.liouring.stress;

import io.liouring.async.EventLoop;
import io.liouring.testing.ProcessResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Test support: what a race run may have left behind — descriptors, requests in the loops, sockets still held by
 * the kernel — read after giving the loops and the kernel up to a guard to finish what they were doing (a loop
 * updates {@code inFlight()} after each pass; TCP sockets linger in the kernel a moment after their last close).
 */
final class Leftovers {
    private Leftovers() {
    }

    /**
     * Waits (at most {@code guard}) until nothing is left, then says what is: an empty list if nothing.
     *
     * @param fdsBefore {@link ProcessResources#openFds()} before the run (with the loops already open)
     * @param inodes    sockets the run opened (empty for none): none may still be held
     */
    static List<String> after(long fdsBefore, Collection<Long> inodes, Duration guard, EventLoop... loops) {
        long deadline = System.nanoTime() + guard.toNanos();
        while (true) {
            List<String> left = new ArrayList<>();
            long fds = ProcessResources.openFds();
            // More is a leak of the run's; fewer is another part of the JVM closing a descriptor of its own meanwhile
            // (a lazily opened JDK file, an earlier test's asynchronous close), which says nothing about the run.
            if (fds > fdsBefore) {
                left.add("descriptors: " + fdsBefore + " before, " + fds + " after");
            }
            for (EventLoop loop : loops) {
                if (loop.inFlight() != 0) {
                    left.add(loop + ": " + loop.inFlight() + " requests still in flight");
                }
            }
            if (!inodes.isEmpty()) {
                Set<Long> live = ProcessResources.liveSocketInodes();
                List<Long> held = inodes.stream().filter(live::contains).limit(10).toList();
                if (!held.isEmpty()) {
                    left.add("sockets still held by the kernel after every descriptor was closed: inodes " + held);
                }
            }
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            LockSupport.parkNanos(20_000_000);
        }
    }
}
