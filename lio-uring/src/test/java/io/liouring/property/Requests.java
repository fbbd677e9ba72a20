package io.liouring.property;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The ledger of one random sequence's ring: pushes requests with what each is expected to post, reaps completions
 * (one by one or in batches, as the {@link RingShape} says) and checks each against its request. A completion for a
 * request never pushed, or one already complete (or that succeeded with {@code CQE_SKIP_SUCCESS}), is a failure; so
 * is a request the kernel does not complete within {@link #GUARD}. Failures name the ring's shape, the request and
 * the completion.
 */
final class Requests {
    /** How long to wait for a completion before declaring it lost: a guard against hangs, not a speed check. */
    static final Duration GUARD = Duration.ofSeconds(10);

    private final RingShape shape;
    private final LioUring ring;
    private final Map<Long, Expected> pending = new HashMap<>();
    private final Set<Long> done = new HashSet<>();
    private long nextUserData = 1;
    private long completions;
    private long faults;

    Requests(RingShape shape, LioUring ring) {
        this.shape = shape;
        this.ring = ring;
    }

    LioUring ring() {
        return ring;
    }

    /** How many completions the ring posted so far. */
    long completions() {
        return completions;
    }

    /** How many faults the steps caused on purpose. */
    long faults() {
        return faults;
    }

    /** Counts a fault a step causes on purpose: an injected error, a cancellation, a shutdown, a group run dry. */
    void fault() {
        faults++;
    }

    /** Whether some request is still in flight. */
    boolean inFlight() {
        return !pending.isEmpty();
    }

    long push(Operation op, Expected expected) {
        return push(op, SqeFlags.NONE, expected);
    }

    /** Pushes one request; {@code expected == null} means it must post nothing (a success with CQE_SKIP_SUCCESS). */
    long push(Operation op, SqeFlags flags, Expected expected) {
        long id = nextUserData++;
        makeRoom(1);
        ring.push(op, id, flags);
        if (expected == null) {
            done.add(id);
        } else {
            pending.put(id, expected);
        }
        return id;
    }

    /** Makes room for {@code n} entries in the submission queue: submits, and on SQPOLL rings waits for the poll thread. */
    void makeRoom(int n) {
        if (ring.sqSpaceLeft() >= n) {
            return;
        }
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (ring.sqSpaceLeft() < n) {
            ring.submit();
            if (System.nanoTime() > deadline) {
                throw failure("the kernel took no submission within " + GUARD);
            }
            if (ring.sqSpaceLeft() < n) {
                reapReady();
                Thread.onSpinWait();
            }
        }
    }

    /** Waits until none of {@code ids} is in flight any more. */
    void awaitAll(long... ids) {
        for (long id : ids) {
            while (pending.containsKey(id)) {
                reapSome();
            }
        }
    }

    void awaitAll(Collection<Long> ids) {
        awaitAll(ids.stream().mapToLong(Long::longValue).toArray());
    }

    /** Waits until nothing is in flight. */
    void settle() {
        while (!pending.isEmpty()) {
            reapSome();
        }
    }

    private void reapReady() {
        if (shape.batchReap()) {
            ring.forEachCompletion((userData, result, flags) -> dispatch(new Completion(userData, result, flags)));
        } else {
            ring.tryCompletion().ifPresent(this::dispatch);
        }
    }

    /** Reaps at least one completion, waiting (at most {@link #GUARD}) if none is ready. */
    private void reapSome() {
        if (shape.batchReap()
                && ring.forEachCompletion((userData, result, flags) -> dispatch(new Completion(userData, result, flags))) > 0) {
            return;
        }
        dispatch(ring.waitCompletion(GUARD).orElseThrow(() -> failure("no completion within " + GUARD
                + "; still in flight: " + pending.values().stream().map(e -> e.what).toList())));
    }

    private void dispatch(Completion c) {
        completions++;
        Expected expected = pending.get(c.userData());
        if (expected == null) {
            throw failure(done.contains(c.userData()) ? "a completion for a request that was already complete"
                    + " (or succeeded with CQE_SKIP_SUCCESS)" : "a completion for a request never pushed", c);
        }
        if (expected.accept(c)) {
            pending.remove(c.userData());
            done.add(c.userData());
        }
    }

    // ---------------------------------------------------------------- what requests are expected to post

    Expected once(String what, int result) {
        return once(what, r -> r == result);
    }

    Expected once(String what, IntPredicate result) {
        return check(what, c -> {
            if (!result.test(c.result())) {
                throw failure("unexpected result", c);
            }
        });
    }

    /** One completion, without F_MORE, checked by {@code check}. */
    Expected check(String what, Consumer<Completion> check) {
        return new Expected(what) {
            @Override
            boolean accept(Completion c) {
                if (c.hasMore()) {
                    throw failure("a single-shot request posted F_MORE", c);
                }
                check.accept(c);
                return true;
            }
        };
    }

    /**
     * A multishot request whose data lands in buffers of {@code group}: every completion with F_MORE carries data in
     * the buffer it names, which goes to {@code received} (and back to the group at once if {@code recycle}); the
     * last completion, without F_MORE, carries data too or a result {@code ending} accepts.
     */
    Expected multishotInto(String what, BufferRing group, boolean recycle, ByteArrayOutputStream received,
                           IntPredicate ending) {
        return new Expected(what) {
            @Override
            boolean accept(Completion c) {
                if (c.result() > 0) {
                    if (c.bufferId().isEmpty()) {
                        throw failure(what + ": a completion of " + c.result() + " bytes named no buffer", c);
                    }
                    BufferRing.Buffer buffer = group.take(c);
                    received.writeBytes(buffer.data().toArray(JAVA_BYTE));
                    if (recycle) {
                        group.recycle(buffer);
                    }
                } else if (c.hasMore()) {
                    throw failure(what + ": a completion with F_MORE must carry data", c);
                } else if (!ending.test(c.result())) {
                    throw failure(what + ": unexpected last result", c);
                }
                return !c.hasMore();
            }
        };
    }

    void requireResult(Completion c, int expected, String what) {
        if (c.result() != expected) {
            throw failure(what + ": expected result " + expected, c);
        }
    }

    void requireBytes(byte[] expected, byte[] actual, String where) {
        if (!Arrays.equals(expected, actual)) {
            throw failure("bytes in " + where + " differ from the model: expected " + hex(expected)
                    + ", got " + hex(actual));
        }
    }

    private static String hex(byte[] b) {
        String h = HexFormat.of().formatHex(b, 0, Math.min(b.length, 32));
        return b.length + " bytes " + h + (b.length > 32 ? "…" : "");
    }

    AssertionError failure(String why) {
        return new AssertionError(shape + ": " + why);
    }

    AssertionError failure(String why, Completion c) {
        Expected e = pending.get(c.userData());
        return failure(why + " — request " + c.userData() + (e == null ? "" : " (" + e.what + ")")
                + " completed with " + c);
    }
}
