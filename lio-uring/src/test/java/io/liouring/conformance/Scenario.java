package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.LioUring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small helpers the conformance scenarios share: bounded waits (never a hang) and batch reaping. */
final class Scenario {
    static final Duration WAIT = Duration.ofSeconds(5);

    private Scenario() {
    }

    /** The next completion, failing the test instead of hanging if none comes within {@link #WAIT}. */
    static Completion next(LioUring ring) {
        return ring.waitCompletion(WAIT).orElseThrow(() -> new AssertionError("no completion within " + WAIT));
    }

    /** The next {@code n} completions, in the order the kernel posted them. */
    static List<Completion> next(LioUring ring, int n) {
        List<Completion> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(next(ring));
        }
        return all;
    }

    /** The user data of the given completions, in order. */
    static List<Long> userData(List<Completion> completions) {
        return completions.stream().map(Completion::userData).toList();
    }
}
