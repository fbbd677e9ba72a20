package io.liouring.cli;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * What {@code cat(1)}'s formatting options do to the bytes: {@code -n} numbers every line, {@code -b} the
 * non-blank ones ({@code "%6d\t"} before the line), {@code -s} prints one empty line for a run of them,
 * {@code -E} shows {@code $} at each line end, {@code -T} shows a tab as {@code ^I}, {@code -v} shows control
 * characters as {@code ^X} and bytes above 127 as {@code M-x}. With {@code -E}, a carriage return before a line
 * end shows as {@code ^M$}, as in coreutils 9.1. The state (line number, where a line starts, how
 * many empty lines in a row) carries over from one chunk and one file to the next, as it does in cat.
 */
final class CatFormat {
    private final boolean numberLines;
    private final boolean numberNonBlank;
    private final boolean squeezeBlank;
    private final boolean showEnds;
    private final boolean showTabs;
    private final boolean showNonPrinting;

    private long lineNumber;
    /** Newlines in a row at the start of a line: 0 at the start of one, -1 within one (cat's own counter). */
    private int newlines;
    /** With {@code -E}: a carriage return held back until the next byte says whether it ends a line. */
    private boolean carriageReturn;

    CatFormat(boolean numberLines, boolean numberNonBlank, boolean squeezeBlank, boolean showEnds, boolean showTabs,
              boolean showNonPrinting) {
        this.numberLines = numberLines || numberNonBlank;
        this.numberNonBlank = numberNonBlank;
        this.squeezeBlank = squeezeBlank;
        this.showEnds = showEnds;
        this.showTabs = showTabs;
        this.showNonPrinting = showNonPrinting;
    }

    /** Whether the bytes go out unchanged (no formatting option given): then cat copies them as they are. */
    boolean isIdentity() {
        return !numberLines && !squeezeBlank && !showEnds && !showTabs && !showNonPrinting;
    }

    /** Appends {@code chunk}, formatted, to {@code out}. */
    void apply(MemorySegment chunk, ByteArrayOutputStream out) {
        for (long i = 0; i < chunk.byteSize(); i++) {
            int c = chunk.get(ValueLayout.JAVA_BYTE, i) & 0xff;
            if (carriageReturn) {
                carriageReturn = false;
                if (c == '\n') {
                    out.write('^');
                    out.write('M');
                } else {
                    character('\r', out);
                }
            }
            if (c == '\n') {
                endOfLine(out);
            } else {
                if (newlines >= 0 && numberLines) {
                    number(out);
                }
                newlines = -1;
                if (c == '\r' && showEnds) {
                    carriageReturn = true;
                } else {
                    character(c, out);
                }
            }
        }
    }

    /** Appends what is held back at the end of the last input. */
    void finish(ByteArrayOutputStream out) {
        if (carriageReturn) {
            carriageReturn = false;
            character('\r', out);
        }
    }

    private void endOfLine(ByteArrayOutputStream out) {
        if (newlines >= 0) { // an empty line
            newlines = Math.min(newlines + 1, 2);
            if (newlines == 2 && squeezeBlank) {
                return;
            }
            if (numberLines && !numberNonBlank) {
                number(out);
            }
        } else {
            newlines = 0;
        }
        if (showEnds) {
            out.write('$');
        }
        out.write('\n');
    }

    private void number(ByteArrayOutputStream out) {
        out.writeBytes(String.format("%6d\t", ++lineNumber).getBytes(StandardCharsets.US_ASCII));
    }

    private void character(int c, ByteArrayOutputStream out) {
        if (c == '\t') {
            if (showTabs) {
                out.write('^');
                out.write('I');
            } else {
                out.write(c);
            }
            return;
        }
        if (!showNonPrinting) {
            out.write(c);
            return;
        }
        if (c >= 128) {
            out.write('M');
            out.write('-');
            c -= 128;
        }
        if (c < 32) {
            out.write('^');
            out.write(c + 64);
        } else if (c == 127) {
            out.write('^');
            out.write('?');
        } else {
            out.write(c);
        }
    }
}
