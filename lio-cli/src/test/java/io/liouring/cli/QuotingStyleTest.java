package io.liouring.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code QUOTING_STYLE} as {@code stat}'s {@code %N} honours it, against GNU stat, for names with spaces, quotes,
 * backslashes, tabs, newlines, control characters, non-ASCII text and bytes that are not text, in a UTF-8 locale
 * and in the C locale; an unknown style is warned about once and the default used.
 */
class QuotingStyleTest {
    private static final List<String> STYLES = List.of("literal", "shell", "shell-always", "shell-escape",
            "shell-escape-always", "c", "c-maybe", "escape", "locale", "clocale", "lit", "c-m", "s", "bogus", "");

    @TempDir
    Path dir;

    @BeforeEach
    void awkwardNames() {
        Run.Result made = Run.tool(dir, "bash", "-c", "touch 'a b' 'q\"x' 'back\\s' $'t\\tab' $'n\\nl' $'\\x01c' "
                + "$'caf\\303\\251' \"it's\" plain '$x' $'r\\342\\200\\231q' $'\\377\\376-x' && ln -s \"it's\" link");
        assertEquals(0, made.exit(), made.stderr());
    }

    private void assertSameAsStat(String locale, String style) {
        List<String> shell = List.of("bash", "-c", "export LC_ALL=" + locale + " QUOTING_STYLE='" + style + "';"
                + " exec \"$@\" *", "bash");
        Run.Result stat = Run.tool(dir, new byte[0], shell, "stat", "-c", "%N|%n");
        Run.Result lio = Run.lioProcess(dir, new byte[0], shell, "stat", "-c", "%N|%n");
        String what = locale + ", QUOTING_STYLE=" + style;
        assertEquals(stat.exit(), lio.exit(), what + ": " + lio.stderr());
        assertArrayEquals(stat.stdout(), lio.stdout(), what + ": " + lio.out());
        assertEquals(stat.stderr(), lio.stderr().replace("lio stat", "stat"), what);
    }

    @Test
    void everyStyleQuotesAsStatDoesInAUtf8Locale() {
        STYLES.forEach(style -> assertSameAsStat("C.UTF-8", style));
    }

    @Test
    void theStylesThatDependOnTheLocaleQuoteAsStatDoesInTheCLocale() {
        List.of("c", "c-maybe", "escape", "locale", "clocale", "shell-escape", "bogus")
                .forEach(style -> assertSameAsStat("C", style));
    }
}
