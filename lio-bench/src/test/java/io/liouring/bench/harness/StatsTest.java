package io.liouring.bench.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(3.0, Stats.median(9, 3, 1));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(4, 1, 2, 3));
    }

    @Test
    void meanOfAList() {
        assertEquals(2.0, Stats.mean(List.of(1.0, 2.0, 3.0)));
    }

    @Test
    void relativeStandardDeviationIsTheSampleDeviationInPercentOfTheMean() {
        assertEquals(50.0, Stats.relStdevPercent(1, 2, 3), 1e-9); // mean 2, sample standard deviation 1
    }

    @Test
    void oneValueHasNoSpreadAndNoValuesHaveNoMean() {
        assertEquals(0.0, Stats.relStdevPercent(7));
        assertTrue(Double.isNaN(Stats.mean()));
        assertTrue(Double.isNaN(Stats.median()));
    }
}
