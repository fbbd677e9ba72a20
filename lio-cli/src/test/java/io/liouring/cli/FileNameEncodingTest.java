package io.liouring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Arguments that Java cannot carry as the bytes they are: refused with one line naming them as coreutils quotes
 * them, and status 1, never a stack trace. (Under ./lio, the C locale is replaced by C.UTF-8 where it exists, so
 * that non-ASCII UTF-8 names work there.)
 */
class FileNameEncodingTest {
    @TempDir
    Path dir;

    private Run.Result lioIn(String locale, String shellArguments, String... args) {
        List<String> shell = List.of("bash", "-c", "LC_ALL=" + locale + " exec \"$@\" " + shellArguments, "bash");
        return Run.lioProcess(dir, new byte[0], shell, args);
    }

    @Test
    void aNameThatIsNotUtf8IsRefusedByName() {
        Run.Result lio = lioIn("C.UTF-8", "$'\\377x' other", "cat");

        assertEquals(1, lio.exit());
        assertEquals("lio cat: ''$'\\377''x': not a valid name in the file name encoding (UTF-8); lio cannot take it\n",
                lio.stderr());
        assertEquals("", lio.out());
    }

    @Test
    void aNonAsciiNameInTheCLocaleIsRefusedByName() {
        Run.Result lio = lioIn("C", "$'caf\\303\\251'", "stat");

        assertEquals(1, lio.exit());
        assertEquals("lio stat: 'caf'$'\\303\\251': not a valid name in the file name encoding (ANSI_X3.4-1968); "
                + "lio cannot take it\n", lio.stderr());
    }
}
