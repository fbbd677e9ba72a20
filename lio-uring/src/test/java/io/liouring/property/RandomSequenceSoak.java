package io.liouring.property;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.List;

/**
 * The long run of {@link RandomSequencePropertiesTest}: 10 000 sequences of up to 60 steps from a fresh random seed
 * each time (jqwik prints it, and replays a failing sample first on the next run). Not part of {@code mvn test}:
 * {@code mvn -B test -pl lio-uring -Plong -Dtest=RandomSequenceSoak}.
 */
class RandomSequenceSoak {
    @Property(tries = 10_000, shrinking = ShrinkingMode.FULL)
    void tenThousandRandomSequences(@ForAll("shapes") RingShape shape, @ForAll("sequences") List<Step> steps) {
        RandomSequencePropertiesTest.check(shape, steps);
    }

    @AfterContainer
    static void report() {
        HandleSteps.closeLoop();
        var t = RandomSequencePropertiesTest.TALLY;
        System.out.printf("random sequences: %d passed, %d steps, %d completions checked, %d faults caused,"
                + " %d sockets opened and checked released, %d handle calls raced by closes and cancels from other"
                + " threads%n", t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5));
    }

    @Provide
    Arbitrary<RingShape> shapes() {
        return Sequences.shapes();
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        return Sequences.steps(60);
    }
}
