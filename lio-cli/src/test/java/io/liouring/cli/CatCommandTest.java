package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code lio cat}, run as its own process (it writes to fd 1 through the ring, here a pipe), compared byte for
 * byte and message for message with {@code cat}.
 */
class CatCommandTest {
    @TempDir
    Path dir;

    private void write(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }

    @Test
    void concatenatesFilesAndStandardInputLikeCat() throws IOException {
        write("small", "one line\n".getBytes(StandardCharsets.UTF_8));
        write("big", CpCommandTest.randomBytes(3 * 1024 * 1024 + 17, 5));
        write("empty", new byte[0]);
        byte[] stdin = CpCommandTest.randomBytes(200_000, 6);
        String[] args = {"small", "-", "empty", "big", "small"};

        Run.Result cat = Run.tool(dir, stdin, List.of(), Run.args("cat", args));
        Run.Result lio = Run.lioProcess(dir, stdin, List.of(), Run.args("cat", args));

        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals("", lio.stderr());
        assertArrayEquals(cat.stdout(), lio.stdout());
    }

    @Test
    void readsStandardInputWhenGivenNoFile() {
        byte[] stdin = CpCommandTest.randomBytes(1_000_000, 7);

        Run.Result lio = Run.lioProcess(dir, stdin, List.of(), "cat");

        assertEquals(0, lio.exit(), lio.stderr());
        assertArrayEquals(stdin, lio.stdout());
    }

    @Test
    void missingFilesAndDirectoriesFailLikeCatWhileTheOthersArePrinted() throws IOException {
        write("a", "first\n".getBytes(StandardCharsets.UTF_8));
        write("b", "second\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("sub"));
        String[] args = {"a", "missing", "sub", "b", "with space", "it's", "tab\there", "\tlead", "two\t\ttabs",
            "trail\n", "", "a/"};

        Run.Result cat = Run.tool(dir, Run.args("cat", args));
        Run.Result lio = Run.lioProcess(dir, Run.args("cat", args));

        Run.assertSameFailure(cat, lio, "cat");
    }

    @Test
    void anUnreadableFileFailsLikeCat() throws IOException {
        Assumptions.assumeTrue(Run.canDropCapabilities(), "setpriv(1) is needed to run without root's capabilities");
        write("secret", "x".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(dir.resolve("secret"), PosixFilePermissions.fromString("---------"));
        write("a", "readable\n".getBytes(StandardCharsets.UTF_8));

        Run.Result cat = Run.tool(dir, new byte[0], Run.WITHOUT_CAPABILITIES, "cat", "secret", "a");
        Run.Result lio = Run.lioProcess(dir, new byte[0], Run.WITHOUT_CAPABILITIES, "cat", "secret", "a");

        Run.assertSameFailure(cat, lio, "cat");
    }

    private void assertSameAsCat(String shellCommand) {
        List<String> shell = List.of("bash", "-c", shellCommand, "bash");
        Run.Result cat = Run.tool(dir, new byte[0], shell, "cat");
        Run.Result lio = Run.lioProcess(dir, new byte[0], shell, "cat");
        assertEquals(cat.exit(), lio.exit(), lio.stderr());
        assertEquals(cat.stderr(), lio.stderr().replace("lio cat", "cat"));
    }

    @Test
    void refusesToAppendAFileToItselfLikeCat() throws IOException {
        write("f", "content\n".getBytes(StandardCharsets.UTF_8));
        write("other", "other\n".getBytes(StandardCharsets.UTF_8));

        assertSameAsCat("\"$@\" f other - f >> f < f");
        assertSameAsCat("\"$@\" f 1<> f");

        assertEquals("content\nother\nother\n", Files.readString(dir.resolve("f")), "each appended other once");
    }

    @Test
    void appendsAFileToItselfWhenNothingIsLeftToReadLikeCat() throws IOException {
        write("empty", new byte[0]);

        assertSameAsCat("\"$@\" empty >> empty");
    }

    @Test
    void formattingOptionsGiveTheBytesThatCatGives() throws IOException {
        write("text", "first\r\n\n\n\ttabbed\u0001 \u007f\r\r\n\n\nlast without newline\r".getBytes(StandardCharsets.UTF_8));
        write("binary", CpCommandTest.randomBytes(700_000, 12)); // every byte value, over several reads
        byte[] stdin = "from stdin\n\n\n".getBytes(StandardCharsets.UTF_8);
        for (String options : List.of("-n", "-b", "-s", "-E", "-T", "-v", "-A", "-e", "-t", "-sn", "-bs", "-nb", "-u")) {
            String[] args = {options, "text", "-", "binary", "text"};

            Run.Result cat = Run.tool(dir, stdin, List.of(), Run.args("cat", args));
            Run.Result lio = Run.lioProcess(dir, stdin, List.of(), Run.args("cat", args));

            assertEquals(0, lio.exit(), lio.stderr());
            assertEquals("", lio.stderr());
            assertArrayEquals(cat.stdout(), lio.stdout(), "cat " + options);
        }
    }

    @Test
    void aProcfsFileIntoARegularFileIsReadToItsEndLikeCat() throws IOException {
        List<String> shell = List.of("bash", "-c", "\"$@\" /proc/version > out", "bash");

        Run.Result lio = Run.lioProcess(dir, new byte[0], shell, "cat");

        assertEquals(0, lio.exit(), lio.stderr());
        assertArrayEquals(Files.readAllBytes(Path.of("/proc/version")), Files.readAllBytes(dir.resolve("out")));
    }

    @Test
    void aFifoIsReadFromItsWriterEvenWhenTheWriterComesLaterLikeCat() {
        Run.Result mkfifo = Run.tool(dir, "mkfifo", "fifo");
        assertEquals(0, mkfifo.exit(), mkfifo.stderr());
        // No writer at all: cat waits in open(2) until timeout ends it (status 124); it does not see an empty input.
        List<String> alone = Run.onFifoWithoutWriter();
        assertEquals(124, Run.tool(dir, new byte[0], alone, "cat").exit());
        assertEquals(124, Run.lioProcess(dir, new byte[0], alone, "cat").exit());
        // A writer that comes later: what it writes is read.
        List<String> later = Run.onFifoWithLateWriter();
        Run.Result lio = Run.lioProcess(dir, new byte[0], later, "cat");
        assertEquals(0, lio.exit(), "the writer was read: " + lio.stderr());
        assertEquals("late\n", lio.out());
    }

    @Test
    void lineNumbersWiderThanSixDigitsGrowAsInCat() throws IOException {
        write("lines", "x\n".repeat(1_000_123).getBytes(StandardCharsets.UTF_8));

        Run.Result cat = Run.tool(dir, "cat", "-n", "lines");
        Run.Result lio = Run.lioProcess(dir, "cat", "-n", "lines");

        assertEquals(0, lio.exit(), lio.stderr());
        assertArrayEquals(cat.stdout(), lio.stdout());
    }

    @Test
    void numberedOutputToAFileGoesAtItsPositionAndAMissingInputFailsLikeCat() throws IOException {
        write("a", "one\ntwo\n".getBytes(StandardCharsets.UTF_8));
        List<String> shell = List.of("bash", "-c", "echo header > out; \"$@\" -n a missing a >> out; s=$?; cat out; exit $s",
                "bash");

        Run.Result cat = Run.tool(dir, new byte[0], shell, "cat");
        Run.Result lio = Run.lioProcess(dir, new byte[0], shell, "cat");

        Run.assertSameFailure(cat, lio, "cat");
    }
}
