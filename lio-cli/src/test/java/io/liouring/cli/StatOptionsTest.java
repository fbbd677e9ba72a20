package io.liouring.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code lio stat -t}, {@code -f} and {@code --printf} against {@code stat}: the same bytes, messages and exit
 * status. The file system tests use proc, sysfs and devpts, whose numbers do not change while both run.
 */
class StatOptionsTest {
    /** File systems whose counts stay still. */
    private static final List<String> STILL_FILE_SYSTEMS = List.of("/proc", "/sys", "/dev/pts");

    @TempDir
    Path dir;
    private String regular;
    private String link;

    @BeforeEach
    void files() throws IOException {
        regular = Files.writeString(dir.resolve("regular"), "some content\n").toString();
        link = Files.createSymbolicLink(dir.resolve("link"), Path.of("regular")).toString();
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(0, Run.tool(dir, "stat", regular, link).exit()); // the first readlink sets the link's atime
    }

    private void assertSameAsStat(String... args) {
        Run.Result stat = Run.tool(dir, Run.args("stat", args));
        Run.Result lio = Run.lio(Run.args("stat", args));
        String what = "stat " + String.join(" ", args);
        assertEquals(stat.exit(), lio.exit(), what + ": " + lio.stderr());
        assertArrayEquals(stat.stdout(), lio.stdout(), what + ": " + lio.out());
        assertEquals(stat.stderr(), lio.stderr().replace("lio stat", "stat"), what);
    }

    @Test
    void terseFormLikeStatT() {
        assertSameAsStat("-t", regular, link, dir.resolve("sub").toString(), "/dev/null", "/");
        assertSameAsStat("-t", "-L", link);
        assertSameAsStat("-t", "-c", "%s", regular); // a format wins over -t
    }

    @Test
    void fileSystemStatusLikeStatF() {
        List<String> args = new ArrayList<>(List.of("-f"));
        args.addAll(STILL_FILE_SYSTEMS);
        assertSameAsStat(args.toArray(String[]::new));
        args.set(0, "-tf");
        assertSameAsStat(args.toArray(String[]::new));
        assertSameAsStat("-f", "-c", "%n|%i|%l|%t|%T|%s|%S|%b|%f|%a|%c|%d|%#x|%-12T|%+b|%Hd|%m|%C|%", "/proc", "/sys");
    }

    @Test
    void fileSystemFieldsThatDoNotMoveOnABusyDiskLikeStatF() {
        assertSameAsStat("-f", "-c", "%n %i %l %t %T %s %S %b %c", dir.toString(), regular);
    }

    @Test
    void fileSystemFailuresLikeStatF() {
        assertSameAsStat("-f", "-", "/proc");
        assertSameAsStat("-f", dir.resolve("missing").toString(), "/proc");
    }

    @Test
    void printfInterpretsEscapesAndAddsNoNewlineLikeStat() {
        assertSameAsStat("--printf", "%n\\t%s\\n\\101\\x41\\x4g\\e\\\"\\q\\0\\377\\1234 \\a\\b\\f\\r\\v\\\\ %% \\x\\xz|",
                regular, link);
        assertSameAsStat("--printf", "%s\\", regular);
        assertSameAsStat("--printf", "%", regular);
        assertSameAsStat("-f", "--printf", "%T\\t%l\\n", "/proc");
    }

    @Test
    void theLastOfFormatAndPrintfWinsLikeStat() {
        assertSameAsStat("-c", "%s", "--printf", "%n\\n", regular);
        assertSameAsStat("--printf", "%n\\n", "-c", "%s", regular);
        assertSameAsStat("-c", "%", regular);
    }
}
