package io.liouring.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for transfers that take longer than a second. It draws nothing unless
 * stderr is a terminal, nothing during the first second, and then at most ten times a second; {@link #finish}
 * clears the line, so that what stays on the screen is what coreutils would print. A bar on stderr that is still
 * drawn when the JVM shuts down (Ctrl-C during a copy) is ended with a newline by {@link #interrupt}, from a
 * shutdown hook, so that the shell's prompt starts on a line of its own.
 */
final class ProgressBar {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;
    private static final int LABEL_WIDTH = 24;

    private final PrintStream out;
    private final boolean enabled;
    private final LongSupplier clock;
    private final String label;
    private final long total;
    private final long start;
    private long lastDrawn;
    private int drawnWidth;

    /**
     * @param total the expected number of bytes, or 0 if unknown (then no bar, only bytes and rate)
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    ProgressBar(PrintStream out, boolean terminal, LongSupplier clock, String label, long total) {
        this.out = out;
        this.enabled = terminal;
        this.clock = clock;
        this.label = label.length() > LABEL_WIDTH ? "…" + label.substring(label.length() - LABEL_WIDTH + 1) : label;
        this.total = total;
        this.start = clock.getAsLong();
    }

    /** A bar on this process's stderr, drawn only if stderr is a terminal, and ended by a shutdown hook if need be. */
    static ProgressBar onStderr(String label, long total) {
        boolean terminal = Posix.isTerminal(2);
        ProgressBar bar = new ProgressBar(System.err, terminal, System::nanoTime, label, total);
        if (terminal) {
            Runtime.getRuntime().addShutdownHook(new Thread(bar::interrupt, "lio-progress-bar"));
        }
        return bar;
    }

    /** Reports {@code done} bytes so far. */
    synchronized void update(long done) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (now - start < DELAY_NANOS || (drawnWidth > 0 && now - lastDrawn < INTERVAL_NANOS)) {
            return;
        }
        lastDrawn = now;
        String line = render(done, now - start);
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    /** Ends the line of a bar still drawn, leaving it on the screen as it stands when the process is stopped. */
    synchronized void interrupt() {
        if (drawnWidth > 0) {
            out.println();
            out.flush();
            drawnWidth = 0;
        }
    }

    /** Clears the bar if one was drawn. */
    synchronized void finish() {
        if (drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
            drawnWidth = 0;
        }
    }

    String render(long done, long elapsedNanos) {
        double rate = done / (elapsedNanos / 1e9);
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) (fraction * BAR_WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  ", (int) (fraction * 100)))
                    .append(bytes(done)).append(" / ").append(bytes(total));
        } else {
            line.append(bytes(done));
        }
        return line.append("  ").append(bytes((long) rate)).append("/s").toString();
    }

    /** Bytes in binary units: "512 B", "1.5 MiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }
}
