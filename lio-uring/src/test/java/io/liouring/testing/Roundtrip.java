package io.liouring.testing;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Operation;
import io.liouring.Opcode;
import io.liouring.SqeFlags;

import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test support: push one operation, submit, and wait (at most 5 s, to avoid hangs) for a completion. */
public final class Roundtrip {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private Roundtrip() {
    }

    /** Pushes {@code op} with user_data 1 and returns its completion. */
    public static Completion run(LioUring ring, Operation op) {
        return run(ring, op, SqeFlags.NONE);
    }

    public static Completion run(LioUring ring, Operation op, SqeFlags flags) {
        ring.push(op, 1, flags);
        ring.submit();
        return next(ring);
    }

    /** The next completion; fails the test if none comes within 5 s. */
    public static Completion next(LioUring ring) {
        return ring.waitCompletion(PATIENCE)
                .orElseThrow(() -> new AssertionError("no completion within " + PATIENCE));
    }

    /** Skips the test, naming the kernel version needed, if the running kernel lacks {@code opcode}. */
    public static void assumeSupported(LioUring ring, Opcode opcode) {
        assumeTrue(ring.probe().isSupported(opcode),
                opcode.kernelName() + " needs Linux " + opcode.since() + "; this kernel does not support it");
    }
}
