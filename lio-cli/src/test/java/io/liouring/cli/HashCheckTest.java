package io.liouring.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lio hash -c} and sha256sum's other options against {@code sha256sum}: the same lines on stdout, the same
 * messages and warnings on stderr, the same exit status. The lists name files by absolute path, so that both
 * read the same files wherever they run.
 */
class HashCheckTest {
    private static final String ZEROS = "0".repeat(64);

    @TempDir
    Path dir;

    private String a;
    private String b;
    private String newline;
    private String backslash;

    @BeforeEach
    void files() throws IOException {
        a = write("a", "a\n");
        b = write("b", "b\n");
        newline = write("new\nline", "x");
        backslash = write("back\\slash", "y");
        Files.createDirectory(dir.resolve("sub"));
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    /** sha256sum's own output for these files. */
    private String sums(String... files) {
        Run.Result r = Run.tool(dir, Run.args("sha256sum", files));
        assertEquals(0, r.exit(), r.stderr());
        return r.out();
    }

    private String hex(String file) {
        return sums(file).substring(0, 64);
    }

    private void assertSameAsSha256sum(byte[] stdin, String... args) {
        Run.Result sha256sum = Run.tool(dir, stdin, List.of(), Run.args("sha256sum", args));
        Run.Result lio = stdin.length == 0 ? Run.lio(Run.args("hash", args))
                : Run.lioProcess(dir, stdin, List.of(), Run.args("hash", args));
        String what = "hash " + String.join(" ", args);
        assertEquals(sha256sum.exit(), lio.exit(), what + ": " + lio.stderr());
        assertEquals(sha256sum.out(), lio.out(), what);
        assertEquals(sha256sum.stderr(), lio.stderr().replace("lio hash", "sha256sum"), what);
    }

    private void assertSameAsSha256sum(String... args) {
        assertSameAsSha256sum(new byte[0], args);
    }

    @Test
    void aNameEndsAtANulByteLikeSha256sum() throws IOException {
        Run.Result zeroTerminated = Run.tool(dir, "sha256sum", "-z", a, b);
        assertEquals(0, zeroTerminated.exit(), zeroTerminated.stderr());
        String list = Files.write(dir.resolve("list"), zeroTerminated.stdout()).toString();
        String tagged = write("tagged", "SHA256 (" + a + "\0junk) = " + hex(a) + "\n");
        String empty = write("empty-name", hex(a) + "  \0junk\n");

        assertSameAsSha256sum("-c", list);
        assertSameAsSha256sum("-c", tagged);
        assertSameAsSha256sum("-c", empty);
    }

    @Test
    void checksItsOwnOutputLikeSha256sum() throws IOException {
        String list = write("list", sums(a, b, newline, backslash));

        assertSameAsSha256sum("-c", list);
        assertSameAsSha256sum("--check", "--quiet", list);
    }

    @Test
    void reportsMismatchesUnreadableFilesAndBadLinesLikeSha256sum() throws IOException {
        String list = write("list", sums(a, b, newline) + "not a checksum line\n# a comment\n\n"
                + hex(b) + "  " + path("missing") + "\n" + hex(a) + "  " + path("sub") + "\n"
                + ZEROS + "  " + a + "\n");
        Files.writeString(dir.resolve("b"), "changed\n");

        for (List<String> options : List.of(List.of("-c"), List.of("-c", "--quiet"), List.of("-c", "--status"),
                List.of("-c", "-w"), List.of("-c", "--strict"), List.of("-c", "--ignore-missing"),
                List.of("-c", "--status", "-w"), List.of("-c", "-w", "--quiet"))) {
            List<String> args = new ArrayList<>(options);
            args.add(list);
            assertSameAsSha256sum(args.toArray(String[]::new));
        }
    }

    @Test
    void readsEveryFormOfChecksumLineThatSha256sumReads() throws IOException {
        String h = hex(a);
        String list = write("forms", "SHA256 (" + a + ") = " + h + "\n"
                + h.toUpperCase() + "  " + a + "\n"
                + h + " *" + a + "\n"
                + "  " + h + "  " + a + "\n"
                + h + " " + a + "\n" // the reversed BSD form, refused after GNU lines
                + h + "\t" + a + "\n"
                + h + "  " + a + "\r\n"
                + h + "  " + a + " \n"
                + "SHA256 (" + a + ")= " + h + "\n"
                + "sha256 (" + a + ") = " + h + "\n"
                + h + "0  " + a + "\n"
                + "\\" + h + "  " + a + "\\q\n"
                + h + "  \n"
                + "\\" + h + "  " + backslash.replace("\\", "\\\\") + "\n"
                + h + "  " + a);
        String reversed = write("reversed", h + " " + a + "\n" + h + "  " + a + "\n");

        assertSameAsSha256sum("-c", "-w", list);
        assertSameAsSha256sum("-c", reversed);
    }

    @Test
    void listsWithoutAnyChecksumOrThatCannotBeReadFailLikeSha256sum() throws IOException {
        String junk = write("junk", "junk\n");
        String list = write("list", sums(a));

        assertSameAsSha256sum("-c", junk, path("no-list"), path("sub"), list);
        assertSameAsSha256sum("-c", "--ignore-missing", write("all-missing", hex(a) + "  " + path("gone") + "\n"));
    }

    @Test
    void readsTheListFromStandardInputLikeSha256sum() {
        byte[] list = (sums(a, b) + "junk\n").getBytes(StandardCharsets.UTF_8);

        assertSameAsSha256sum(list, "-c");
        assertSameAsSha256sum(list, "-c", "-");
        assertSameAsSha256sum("junk\n".getBytes(StandardCharsets.UTF_8), "-c", "-w");
    }

    @Test
    void printsTheBsdTagBinaryAndNulTerminatedFormsLikeSha256sum() {
        assertSameAsSha256sum("--tag", a, newline, backslash);
        assertSameAsSha256sum("-b", a, newline);
        assertSameAsSha256sum("-z", a, newline, backslash);
        assertSameAsSha256sum("--tag", "-b", a);
    }

    @Test
    void refusesOptionsThatDoNotGoTogetherLikeSha256sum() throws IOException {
        String list = write("list", sums(a));
        for (String[] args : List.of(new String[] {"--quiet", a}, new String[] {"--status", a},
                new String[] {"-w", a}, new String[] {"--strict", a}, new String[] {"--ignore-missing", a},
                new String[] {"-c", "--tag", list}, new String[] {"-c", "-b", list}, new String[] {"-c", "-z", list},
                new String[] {"--tag", "-t", a})) {
            Run.Result sha256sum = Run.tool(dir, Run.args("sha256sum", args));
            Run.Result lio = Run.lio(Run.args("hash", args));
            assertTrue(sha256sum.exit() != 0);
            Run.assertSameFailure(sha256sum, lio, "hash", "sha256sum");
        }
    }
}
