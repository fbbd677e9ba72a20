package io.liouring.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * File names are bytes: a name that is not UTF-8 ({@code \377\376-x}), or not ASCII under {@code LC_ALL=C}, is
 * opened, hashed, copied and shown exactly as coreutils do it, with coreutils' quoting in messages
 * ({@code ''$'\377\376''-x'}), in the C locale and in a UTF-8 one. (Run here with {@code java} directly;
 * {@code scripts/test-launcher.sh} checks the same through {@code ./lio}, which leaves the locale as it is.)
 */
class FileNameEncodingTest {
    /** Operands in the shell's words: a name that is not UTF-8, a UTF-8 one, and missing ones like them. */
    private static final String NAMES = "$'\\377\\376-x' $'caf\\303\\251' $'nope-\\303\\251' $'nope-\\377' 'a b'";

    @TempDir
    Path dir;

    @BeforeEach
    void filesNamedByTheShell() {
        Run.Result made = Run.tool(dir, "bash", "-c", "printf abc > $'\\377\\376-x' && printf 'caf' > $'caf\\303\\251'"
                + " && printf 'space' > 'a b' && mkdir tree && cp $'\\377\\376-x' $'caf\\303\\251' tree/"
                + " && ln -s $'\\377\\376-x' link");
        assertEquals(0, made.exit(), made.stderr());
    }

    /** {@code command} run by the shell under {@code locale}: the coreutils tool, and lio as {@code lio tool}. */
    private void assertSameAsCoreutils(String locale, String tool, String lioCommand, String arguments) {
        List<String> shell = List.of("bash", "-c", "LC_ALL=" + locale + " exec \"$@\" " + arguments, "bash");
        String[] toolWords = tool.split(" ");
        String[] lioWords = lioCommand.split(" ");
        Run.Result coreutils = Run.tool(dir, new byte[0], shell, toolWords);
        Run.Result lio = Run.lioProcess(dir, new byte[0], shell, lioWords);
        String what = locale + ": " + lioCommand + " " + arguments;
        assertEquals(coreutils.exit(), lio.exit(), what + ": " + lio.stderr());
        assertArrayEquals(coreutils.stdout(), lio.stdout(), what + ": " + lio.out());
        assertEquals(coreutils.stderr(), lio.stderr().replace("lio " + lioWords[0], toolWords[0]), what);
    }

    @Test
    void namesAreUsedAndShownAsTheirBytesInAUtf8Locale() {
        assertSameAsCoreutils("C.UTF-8", "stat -c %n|%N|%s", "stat -c %n|%N|%s", NAMES + " link");
        assertSameAsCoreutils("C.UTF-8", "cat", "cat", NAMES);
        assertSameAsCoreutils("C.UTF-8", "sha256sum", "hash", NAMES);
    }

    @Test
    void namesAreUsedAndShownAsTheirBytesInTheCLocale() {
        assertSameAsCoreutils("C", "stat -c %n|%N|%s", "stat -c %n|%N|%s", NAMES + " link");
        assertSameAsCoreutils("C", "cat", "cat", NAMES);
        assertSameAsCoreutils("C", "sha256sum", "hash", NAMES);
    }

    @Test
    void aChecksumListWithSuchNamesIsCheckedLikeSha256sum() {
        Run.Result list = Run.tool(dir, "bash", "-c", "sha256sum $'\\377\\376-x' $'caf\\303\\251' > list");
        assertEquals(0, list.exit(), list.stderr());

        assertSameAsCoreutils("C", "sha256sum -c", "hash -c", "list");
        assertSameAsCoreutils("C.UTF-8", "sha256sum -c", "hash -c", "list");
    }

    @Test
    void aTreeWithSuchNamesIsCopiedByteForByte() {
        for (String locale : List.of("C", "C.UTF-8")) {
            String copy = "copy-" + locale;
            List<String> shell = List.of("bash", "-c", "LC_ALL=" + locale + " exec \"$@\" tree " + copy, "bash");
            Run.Result lio = Run.lioProcess(dir, new byte[0], shell, "cp", "-r");
            assertEquals(0, lio.exit(), lio.stderr());
            Run.Result same = Run.tool(dir, "diff", "-r", "tree", copy);
            assertEquals(0, same.exit(), same.out() + same.stderr());
        }
    }
}
