package io.liouring.testing;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.SqeFlags;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Test support, the one place for "push, submit, wait": runs a request and reaps completions with a generous guard
 * timeout, so that a request the kernel never completes fails the test instead of hanging it. The timeout is a
 * safety net, never an assertion about speed.
 */
public final class Roundtrip {
    /** How long to wait for a completion before declaring it missing. */
    public static final Duration PATIENCE = Duration.ofSeconds(5);
    /** The user data {@link #run} pushes with. */
    public static final long RUN_USER_DATA = 0xF5;

    private Roundtrip() {
    }

    /** Pushes {@code op} with {@link #RUN_USER_DATA}, submits, and returns its completion (which must be the next one). */
    public static Completion run(LioUring ring, Operation op) {
        return run(ring, op, SqeFlags.NONE);
    }

    /** {@link #run(LioUring, Operation)} with extra SQE flags. */
    public static Completion run(LioUring ring, Operation op, SqeFlags flags) {
        ring.push(op, RUN_USER_DATA, flags);
        ring.submit();
        Completion c = next(ring);
        if (c.userData() != RUN_USER_DATA) {
            throw new AssertionError("expected the completion of " + op + ", got another request's: " + c);
        }
        return c;
    }

    /** The next completion (submitting anything pushed first); fails the test if none comes within {@link #PATIENCE}. */
    public static Completion next(LioUring ring) {
        return ring.waitCompletion(PATIENCE)
                .orElseThrow(() -> new AssertionError("no completion within " + PATIENCE));
    }

    /** The next {@code count} completions, in the order the kernel posted them. */
    public static List<Completion> next(LioUring ring, int count) {
        List<Completion> completions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            completions.add(next(ring));
        }
        return completions;
    }

    /**
     * Fails if a completion comes within {@code quiet}: for what must not happen (a one-shot request firing
     * twice, a timeout before its count). Only absence is checked, never speed.
     */
    public static void assertNothingWithin(LioUring ring, Duration quiet) {
        ring.waitCompletion(quiet).ifPresent(c -> {
            throw new AssertionError("expected no completion within " + quiet + ", got " + c);
        });
    }

    /** The next completion with {@code userData}, skipping others (such as a helper request's). */
    public static Completion nextFor(LioUring ring, long userData) {
        while (true) {
            Completion c = next(ring);
            if (c.userData() == userData) {
                return c;
            }
        }
    }

    /** The next {@code count} completions by user_data; each user_data must complete exactly once. */
    public static Map<Long, Completion> byUserData(LioUring ring, int count) {
        Map<Long, Completion> byUserData = new HashMap<>();
        for (Completion c : next(ring, count)) {
            Completion previous = byUserData.put(c.userData(), c);
            if (previous != null) {
                throw new AssertionError("user_data " + c.userData() + " completed twice: " + previous + ", " + c);
            }
        }
        return byUserData;
    }

    /** The user data of the given completions, in order. */
    public static List<Long> userData(List<Completion> completions) {
        return completions.stream().map(Completion::userData).toList();
    }

    /** Skips the test, naming the kernel version needed, if the running kernel lacks {@code opcode}. */
    public static void assumeSupported(LioUring ring, Opcode opcode) {
        assumeTrue(ring.probe().isSupported(opcode),
                opcode.kernelName() + " needs Linux " + opcode.since() + "; this kernel does not support it");
    }
}
