package io.liouring.property;

import io.liouring.testing.ProcessResources;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Random sequences of file, pipe, socket, timeout, link, cancel, multishot, buffer-ring, shutdown and close requests
 * on rings of random shape, each checked against a model ({@link SequenceRunner}), mixed with calls on event-loop
 * handles raced by closes and cancels from other threads ({@link HandleSteps}); afterwards every socket opened is
 * gone from the kernel and the process has exactly the descriptors and io_uring mappings it had before. A fixed seed keeps {@code mvn test} repeatable; the long run
 * with random seeds is {@link RandomSequenceSoak}.
 */
class RandomSequencePropertiesTest {
    @Property(tries = 400, seed = "20250601", shrinking = net.jqwik.api.ShrinkingMode.FULL)
    void everyRequestCompletesAsDocumentedAndMatchesTheModel(@ForAll("shapes") RingShape shape,
                                                            @ForAll("sequences") List<Step> steps) {
        check(shape, steps);
    }

    @AfterContainer
    static void closeHandleLoop() {
        HandleSteps.closeLoop();
        System.out.printf("random sequences: %d passed, %d steps, %d completions checked, %d faults caused, %d sockets"
                + " opened and checked released, %d handle calls raced by closes and cancels from other threads%n",
                TALLY.get(0), TALLY.get(1), TALLY.get(2), TALLY.get(3), TALLY.get(4), TALLY.get(5));
    }

    /**
     * Sequences, steps, completions checked, faults caused, sockets checked released and handle races, over every
     * sequence run in this JVM.
     */
    static final AtomicLongArray TALLY = new AtomicLongArray(6);

    /** Runs one sequence and checks that it left no descriptor or ring mapping behind. */
    static void check(RingShape shape, List<Step> steps) {
        HandleSteps.loop(); // opened before counting: every sequence's handles share it
        ProcessResources.Snapshot before = ProcessResources.snapshot();
        try (SequenceRunner runner = new SequenceRunner(shape)) {
            runner.run(steps);
            TALLY.incrementAndGet(0);
            TALLY.addAndGet(1, steps.size());
            TALLY.addAndGet(2, runner.completions());
            TALLY.addAndGet(3, runner.faults());
            TALLY.addAndGet(4, runner.sockets());
            TALLY.addAndGet(5, runner.handleRaces());
        }
        ProcessResources.Snapshot after = ProcessResources.snapshot();
        if (!after.equals(before)) {
            throw new AssertionError(shape + ": resources before " + before + ", after " + after);
        }
    }

    @Provide
    Arbitrary<RingShape> shapes() {
        return Sequences.shapes();
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        return Sequences.steps(30);
    }
}
