package io.liouring.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lio stat} against {@code stat}: {@code -c} field by field, the default output, failures. */
class StatCommandTest {
    /** Every directive lio stat supports, with a separator that none of the values contains. */
    private static final List<String> DIRECTIVES = List.of("%n", "%N", "%s", "%b", "%B", "%o", "%f", "%a", "%A", "%F",
            "%h", "%i", "%u", "%U", "%g", "%G", "%d", "%D", "%r", "%R", "%t", "%T", "%Hd", "%Ld", "%Hr", "%Lr",
            "%x", "%y", "%z", "%w", "%X", "%Y", "%Z", "%W");
    /** Flags, widths and precisions as stat takes them, and what it does with unknown directives. */
    private static final List<String> FORMATTED = List.of("%-8s", "%08s", "%+s", "% s", "%.6s", "%08.3s", "%#a",
            "%#5a", "%04a", "%#f", "%-#8f", "%#D", "%10.10A", "%5U", "%-8G", "%.2n", "%.3Y", "%.Y", "%.12X",
            "%15.3Z", "%015.3Y", "%+Y", "%+i", "%k", "%Hx", "%%", "100%");
    private static final String SEPARATOR = "\u0001";

    @TempDir
    Path dir;
    private List<String> files;

    @BeforeEach
    void someFilesOfEachType() throws IOException {
        Path regular = Files.writeString(dir.resolve("regular"), "some content\n");
        assertEquals(0, Run.tool(dir, "chmod", "5750", regular.toString()).exit()); // rwsr-x--T: set-uid, sticky
        Path empty = Files.write(dir.resolve("empty file"), new byte[0]);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), regular.getFileName());
        Path fifo = dir.resolve("fifo");
        assertEquals(0, Run.tool(dir, "mkfifo", fifo.toString()).exit());
        files = List.of(regular.toString(), empty.toString(), sub.toString(), link.toString(), fifo.toString(),
                "/dev/null", "/");
        // The first readlink of a new symbolic link (stat does one for %N) sets its access time (relatime);
        // do it now, so that the link's atime is the same for both commands compared.
        assertEquals(0, Run.tool(dir, Run.args("stat", files.toArray(String[]::new))).exit());
    }

    private void assertFieldByField(List<String> directives, String... options) {
        String format = String.join(SEPARATOR, directives);
        for (String file : files) {
            List<String> args = new ArrayList<>(List.of(options));
            args.addAll(List.of("-c", format, file));
            Run.Result stat = Run.tool(dir, Run.args("stat", args.toArray(String[]::new)));
            Run.Result lio = Run.lio(Run.args("stat", args.toArray(String[]::new)));
            assertEquals(0, stat.exit(), stat.stderr());
            assertEquals(0, lio.exit(), lio.stderr());
            String[] expected = stat.out().split(SEPARATOR, -1);
            String[] actual = lio.out().split(SEPARATOR, -1);
            assertEquals(directives.size(), actual.length, lio.out());
            for (int i = 0; i < directives.size(); i++) {
                assertEquals(expected[i], actual[i], directives.get(i) + " of " + file);
            }
        }
    }

    @Test
    void everyDirectiveMatchesStatFieldByField() {
        assertFieldByField(DIRECTIVES);
    }

    @Test
    void flagsWidthsAndPrecisionsMatchStat() {
        assertFieldByField(FORMATTED);
    }

    @Test
    void dereferenceFollowsSymbolicLinksLikeStat() {
        assertFieldByField(DIRECTIVES, "-L");
    }

    @Test
    void theDefaultOutputMatchesStat() {
        Run.Result stat = Run.tool(dir, Run.args("stat", files.toArray(String[]::new)));
        Run.Result lio = Run.lio(Run.args("stat", files.toArray(String[]::new)));
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals(stat.out(), lio.out());
    }

    @Test
    void aMissingFileFailsLikeStatWhileTheOthersAreShown() {
        String[] args = {"-c", "%n %s", files.get(0), dir.resolve("missing").toString(), files.get(1)};
        Run.assertSameFailure(Run.tool(dir, Run.args("stat", args)), Run.lio(Run.args("stat", args)), "stat");
    }

    @Test
    void noOperandFailsLikeStat() {
        Run.assertSameFailure(Run.tool(dir, "stat"), Run.lio("stat"), "stat");
    }

    @Test
    void refusesTheMountPointDirectiveItCannotPrint() {
        Run.Result lio = Run.lio("stat", "-c", "%n %m", files.get(0));
        assertEquals(1, lio.exit());
        assertEquals("", lio.out());
        assertTrue(lio.stderr().contains("%m (mount point) is not supported"), lio.stderr());
    }

    @Test
    void printsTheFilesOfOneRunInTheOrderGiven() {
        List<String> args = new ArrayList<>(List.of("stat", "-c", "%n"));
        args.addAll(files);
        Run.Result lio = Run.lio(args.toArray(String[]::new));
        assertEquals(String.join("\n", files) + "\n", lio.out());
    }

    @Test
    void aDashStatsStandardInputLikeStat() {
        List<String> fromFile = List.of("bash", "-c", "exec \"$@\" < regular", "bash");
        String[] args = {"-c", "%n %N %s %F %i %h %a", "-"};

        Run.Result stat = Run.tool(dir, new byte[0], fromFile, Run.args("stat", args));
        Run.Result lio = Run.lioProcess(dir, new byte[0], fromFile, Run.args("stat", args));

        assertEquals(0, stat.exit(), stat.stderr());
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals(stat.out(), lio.out());
    }
}
