package io.liouring.testing;

import io.liouring.Completion;
import io.liouring.LioUring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: reaps completions with a generous guard timeout, so that a request the kernel never completes
 * fails the test instead of hanging it. The timeout is a safety net, never an assertion about speed.
 */
public final class Reap {
    /** How long to wait for a completion before declaring it missing. */
    public static final Duration GUARD = Duration.ofSeconds(5);

    private Reap() {
    }

    /** The next completion (submitting anything pushed first). */
    public static Completion next(LioUring ring) {
        return ring.waitCompletion(GUARD)
                .orElseThrow(() -> new AssertionError("no completion within " + GUARD));
    }

    /** The next {@code count} completions, in the order they were posted. */
    public static List<Completion> next(LioUring ring, int count) {
        List<Completion> completions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            completions.add(next(ring));
        }
        return completions;
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
}
