package io.liouring.bench.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    private static Options parse(String... args) {
        return Options.parse(args, "out", "rounds", "jvm-arg", "depths", "warmup", "perf");
    }

    @Test
    void absentOptionsTakeTheirFallback() {
        Options o = parse();
        assertEquals(Path.of("bench-results"), o.path("out", "bench-results"));
        assertEquals(3, o.positiveInt("rounds", 3));
        assertEquals(List.of(), o.all("jvm-arg"));
        assertEquals(List.of(1, 32), o.positiveInts("depths", "1,32"));
    }

    @Test
    void theLastValueOfARepeatedOptionCountsAndAllKeepsEveryOne() {
        Options o = parse("--jvm-arg", "-Xmx1g", "--rounds", "2", "--jvm-arg", "-Xms1g", "--rounds", "5");
        assertEquals(5, o.positiveInt("rounds", 1));
        assertEquals(List.of("-Xmx1g", "-Xms1g"), o.all("jvm-arg"));
    }

    @Test
    void anUnknownOptionIsRefusedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("--round", "2"));
        assertTrue(e.getMessage().contains("--round") && e.getMessage().contains("--rounds"), e.getMessage());
    }

    @Test
    void anOptionWithoutAValueIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("--out"));
        assertEquals("--out needs a value", e.getMessage());
    }

    @Test
    void numbersOutOfRangeOrMalformedAreRefusedNamingTheOption() {
        assertThrows(IllegalArgumentException.class, () -> parse("--rounds", "0").positiveInt("rounds", 1));
        assertThrows(IllegalArgumentException.class, () -> parse("--warmup", "-1").nonNegativeDouble("warmup", 1));
        var e = assertThrows(IllegalArgumentException.class, () -> parse("--rounds", "two").positiveInt("rounds", 1));
        assertTrue(e.getMessage().startsWith("--rounds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--depths", "1,0").positiveInts("depths", "1"));
        assertThrows(IllegalArgumentException.class, () -> parse("--perf", "yes").bool("perf", true));
    }

    @Test
    void noneIsAnEmptyList() {
        assertEquals(List.of(), parse("--depths", "none").positiveInts("depths", "1"));
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse().required("out"));
        assertEquals("--out is required", e.getMessage());
    }
}
