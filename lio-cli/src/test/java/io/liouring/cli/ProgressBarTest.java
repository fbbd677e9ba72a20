package io.liouring.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The copy progress bar: only on a terminal, only after a second, cleared at the end. */
class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1 << 20;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    private ProgressBar bar(boolean terminal) {
        return new ProgressBar(new PrintStream(screen, true, StandardCharsets.UTF_8), terminal, now::get, "big.iso",
                100 * MIB);
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void drawsNothingDuringTheFirstSecond() {
        ProgressBar bar = bar(true);
        now.addAndGet(SECOND - 1);
        bar.update(40 * MIB);
        bar.finish();
        assertEquals("", screen());
    }

    @Test
    void drawsNothingWhenStderrIsNotATerminal() {
        ProgressBar bar = bar(false);
        now.addAndGet(10 * SECOND);
        bar.update(40 * MIB);
        bar.finish();
        assertEquals("", screen());
    }

    @Test
    void showsNamePercentageBytesAndRateAfterASecond() {
        ProgressBar bar = bar(true);
        now.addAndGet(2 * SECOND);
        bar.update(50 * MIB);
        assertEquals("\rbig.iso [###############...............]  50%  50.0 MiB / 100.0 MiB  25.0 MiB/s", screen());
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        ProgressBar bar = bar(true);
        now.addAndGet(2 * SECOND);
        bar.update(10 * MIB);
        now.addAndGet(SECOND / 20);
        bar.update(20 * MIB);
        assertEquals(1, screen().chars().filter(c -> c == '\r').count(), screen());
        now.addAndGet(SECOND / 10);
        bar.update(30 * MIB);
        assertEquals(2, screen().chars().filter(c -> c == '\r').count(), screen());
    }

    @Test
    void anInterruptionEndsTheLineItDrewWithANewline() {
        ProgressBar bar = bar(true);
        now.addAndGet(2 * SECOND);
        bar.update(50 * MIB);
        screen.reset();

        bar.interrupt();
        bar.interrupt();

        assertEquals("\n", screen());
    }

    @Test
    void anInterruptionAfterFinishAddsNothing() {
        ProgressBar bar = bar(true);
        now.addAndGet(2 * SECOND);
        bar.update(50 * MIB);
        bar.finish();
        screen.reset();

        bar.interrupt();

        assertEquals("", screen());
    }

    @Test
    void finishClearsTheLineItDrew() {
        ProgressBar bar = bar(true);
        now.addAndGet(2 * SECOND);
        bar.update(50 * MIB);
        int drawn = screen().length() - 1;
        screen.reset();
        bar.finish();
        assertEquals("\r" + " ".repeat(drawn) + "\r", screen());
    }

    @Test
    void writesSizesInBinaryUnits() {
        assertEquals("512 B", ProgressBar.bytes(512));
        assertEquals("1.5 KiB", ProgressBar.bytes(1536));
        assertEquals("2.0 GiB", ProgressBar.bytes(2L << 30));
        assertTrue(ProgressBar.bytes(Long.MAX_VALUE).endsWith("EiB"));
    }
}
