package io.liouring.stress;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Test support: what a race run counted, and the failures it met (each a sentence naming the life, the stream and
 * what went wrong). Any thread may add to it.
 */
final class Tally {
    /** What is counted. */
    enum Count {
        /** Lives run: a connection pair or a file, from its creation to its last check. */
        LIVES,
        TCP_LIVES,
        UNIX_LIVES,
        FILE_LIVES,
        PIPE_LIVES,
        /** Bytes received (or read back) and checked against their stream. */
        BYTES_CHECKED,
        /** Closes issued while the handle's requests were running, by another thread than the one doing I/O. */
        CLOSES_RACED,
        /** ... of which on the loop thread (from a task on the loop: {@code close()} there only starts it). */
        LOOP_THREAD_CLOSES,
        /** Cancels of a request's future, issued by another thread, that took effect ({@code cancel} returned true). */
        CANCELS_RACED,
        /** New descriptors whose number an earlier handle of the run had owned and given back. */
        FDS_REUSED,
        WRITES_COMPLETED,
        WRITES_CLOSED,
        WRITES_ASYNC_CLOSE,
        WRITES_PEER_GONE,
        WRITES_CANCELLED,
        READS_CLOSED,
        READS_ASYNC_CLOSE,
        READS_PEER_GONE,
        READS_CANCELLED,
        /** Bytes a cancelled request had moved all the same, as its {@code released()} completion reported. */
        BYTES_OF_CANCELLED_REQUESTS,
        /** Futures (requests and transfers) created; each was checked complete and released. */
        FUTURES,
        /** Transfers ({@code TransferFuture}) cancelled or closed before their last request. */
        TRANSFERS_CUT
    }

    private static final int MAX_FAILURES = 40;

    private final AtomicLongArray counts = new AtomicLongArray(Count.values().length);
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failureCount = new AtomicInteger();

    void add(Count c) {
        counts.incrementAndGet(c.ordinal());
    }

    void add(Count c, long n) {
        counts.addAndGet(c.ordinal(), n);
    }

    long get(Count c) {
        return counts.get(c.ordinal());
    }

    void fail(String what) {
        if (failureCount.incrementAndGet() <= MAX_FAILURES) {
            failures.add(what);
        }
    }

    int failureCount() {
        return failureCount.get();
    }

    List<String> failures() {
        List<String> all = new ArrayList<>(failures);
        if (failureCount.get() > MAX_FAILURES) {
            all.add("... and " + (failureCount.get() - MAX_FAILURES) + " more");
        }
        return all;
    }

    Map<Count, Long> snapshot() {
        Map<Count, Long> m = new EnumMap<>(Count.class);
        for (Count c : Count.values()) {
            if (get(c) != 0) {
                m.put(c, get(c));
            }
        }
        return m;
    }

    /** {@code key=value} lines, for a child JVM to print. */
    void print(String prefix) {
        for (Count c : Count.values()) {
            System.out.println(prefix + c.name() + "=" + get(c));
        }
        System.out.println(prefix + "FAILURES=" + failureCount());
        for (String f : failures()) {
            System.out.println(prefix + "failure: " + f);
        }
    }
}
