package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lio cp -r}, {@code -p}, {@code -a}, {@code -f} and {@code -P}: each copy is made by {@code cp} and by
 * {@code lio cp} from the same source, and the two copies are compared as {@code find} describes them (type,
 * mode, owner, link count, link target, content, and the times to the nanosecond where they are kept), with
 * the same exit status and messages.
 */
class CpOptionsTest {
    /** Type, mode, owner, link count, symbolic link target and size of every file under the starting point. */
    private static final String SHAPE = "%P %y %m %U:%G %n %l %s\\n";
    /** As {@link #SHAPE}, with the access and modification times (to the nanosecond). */
    private static final String SHAPE_AND_TIMES = "%P %y %m %U:%G %n %l %s %A@ %T@\\n";

    @TempDir
    Path dir;

    private String s(String name) {
        return dir.resolve(name).toString();
    }

    /**
     * src/ holds a file, a hard link to it, a symbolic link to it, a dangling link, an executable with the set-uid
     * bit, a file of another owner, an empty directory and a read-only directory with a file; times in the past.
     */
    @BeforeEach
    void sourceTree() throws IOException {
        Path src = Files.createDirectory(dir.resolve("src"));
        Files.writeString(src.resolve("file"), "content\n");
        Files.createLink(src.resolve("hard"), src.resolve("file"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("file"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("nowhere"));
        Files.write(src.resolve("tool"), CpCommandTest.randomBytes(300_000, 11));
        Files.writeString(src.resolve("theirs"), "not mine\n");
        Files.createDirectory(src.resolve("empty"));
        Path readOnly = Files.createDirectory(src.resolve("read-only"));
        Files.writeString(readOnly.resolve("inner"), "inner\n");
        shell("chmod 4755 src/tool && chown 1234:5678 src/theirs && chmod 555 src/read-only"
                + " && touch -h -d '2021-03-04 05:06:07.123456789' src/* src/read-only/inner src"
                + " && touch -a -h -d '2022-01-02 03:04:05.987654321' src/* src/read-only/inner src"
                // Under relatime a read moves the access time while it is not newer than the change time. The clock
                // that stamps access times is a tick coarser than the one that stamps change times, so one read may
                // leave it still older; read until a read no longer moves it, so that cp and lio cp see the same.
                + " && for i in $(seq 50); do"
                + "      before=$(find src -printf '%A@\\n');"
                + "      cat src/file src/tool src/theirs src/read-only/inner > /dev/null; ls -R src > /dev/null;"
                + "      readlink src/link src/dangling > /dev/null;"
                + "      [ \"$before\" = \"$(find src -printf '%A@\\n')\" ] && exit 0; sleep 0.01;"
                + "    done; echo 'access times never settled' >&2; exit 1");
    }

    private void shell(String command) {
        Run.Result r = Run.tool(dir, "bash", "-c", command);
        assertEquals(0, r.exit(), r.stderr());
    }

    private String describe(String tree, String shape) {
        return describe(tree, shape, 0);
    }

    /** The files under {@code tree} (itself too if {@code minDepth} is 0) in {@code shape}, then their sha256sums. */
    private String describe(String tree, String shape, int minDepth) {
        Run.Result r = Run.tool(dir, "bash", "-c", "find \"$1\" -mindepth " + minDepth + " -printf \"$2\" | LC_ALL=C sort; "
                + "find \"$1\" -type f -exec sha256sum {} + | sed \"s| $1| |\" | LC_ALL=C sort", "bash", s(tree), shape);
        assertEquals(0, r.exit(), r.stderr());
        return r.out();
    }

    /** Copies with {@code cp options src copy} and {@code lio cp options src copy}: same result, same messages. */
    private void assertCopiesLikeCp(String shape, String... options) {
        Run.Result cp = Run.tool(dir, Run.args("cp", concat(options, s("src"), s("by-cp"))));
        Run.Result lio = Run.lio(Run.args("cp", concat(options, s("src"), s("by-lio"))));

        assertEquals(cp.exit(), lio.exit(), lio.stderr());
        assertEquals(cp.stderr(), lio.stderr().replace("lio cp", "cp").replace("by-lio", "by-cp"));
        assertEquals(describe("by-cp", shape), describe("by-lio", shape));
    }

    private static String[] concat(String[] options, String... operands) {
        String[] all = new String[options.length + operands.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(operands, 0, all, options.length, operands.length);
        return all;
    }

    @Test
    void recursiveCopiesTheTreeWithLinksAsLinksLikeCpR() {
        assertCopiesLikeCp(SHAPE, "-r");

        assertTrue(Files.isSymbolicLink(dir.resolve("by-lio/dangling")));
        assertEquals("0555", Run.tool(dir, "stat", "-c", "%04a", s("by-lio/read-only")).out().trim());
    }

    @Test
    void recursiveIntoAnExistingDirectoryCopiesUnderItsNameLikeCp() throws IOException {
        Files.createDirectory(dir.resolve("by-cp"));
        Files.createDirectory(dir.resolve("by-lio"));

        assertCopiesLikeCp(SHAPE, "-R");

        assertTrue(Files.isRegularFile(dir.resolve("by-lio/src/read-only/inner")));
    }

    @Test
    void archiveKeepsModesOwnersTimesAndHardLinksLikeCpA() {
        assertCopiesLikeCp(SHAPE_AND_TIMES, "-a");

        assertEquals("2021-03-04 05:06:07.123456789", Run.tool(dir, "stat", "-c", "%y", s("by-lio/tool")).out()
                .substring(0, 29), "modification time to the nanosecond");
        assertEquals("4755\n", Run.tool(dir, "stat", "-c", "%a", s("by-lio/tool")).out());
        assertEquals("1234:5678\n", Run.tool(dir, "stat", "-c", "%u:%g", s("by-lio/theirs")).out());
    }

    @Test
    void preserveKeepsModeOwnerAndTimesOfFilesLikeCpP() throws IOException {
        Files.createDirectory(dir.resolve("by-cp"));
        Files.createDirectory(dir.resolve("by-lio"));

        Run.Result cp = Run.tool(dir, "cp", "-p", s("src/tool"), s("src/theirs"), s("by-cp"));
        Run.Result lio = Run.lio("cp", "-p", s("src/tool"), s("src/theirs"), s("by-lio"));

        assertEquals(0, cp.exit(), cp.stderr());
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals(Run.tool(dir, "stat", "-c", "%x", s("src/theirs")).out(),
                Run.tool(dir, "stat", "-c", "%x", s("by-lio/theirs")).out(), "access time to the nanosecond");
        assertEquals(describe("by-cp", SHAPE_AND_TIMES, 1), describe("by-lio", SHAPE_AND_TIMES, 1));
    }

    @Test
    void preserveTakesItsListOnlyAttachedLikeCp() {
        for (String option : List.of("--preserve", "--preserve=mode,timestamps", "--preserve=all")) {
            Run.Result cp = Run.tool(dir, "cp", option, s("src/tool"), s("cp-" + option));
            Run.Result lio = Run.lio("cp", option, s("src/tool"), s("lio-" + option));

            assertEquals(0, cp.exit(), cp.stderr());
            assertEquals(0, lio.exit(), option + ": " + lio.stderr());
            String shape = "%a %y";
            assertEquals(Run.tool(dir, "stat", "-c", shape, s("cp-" + option)).out(),
                    Run.tool(dir, "stat", "-c", shape, s("lio-" + option)).out(), option);
        }
    }

    @Test
    void withoutPreserveANewCopyHasTheCurrentTimeAndNoSetUidBitLikeCp() {
        Run.Result lio = Run.lio("cp", s("src/tool"), s("plain"));
        Run.Result cp = Run.tool(dir, "cp", s("src/tool"), s("plain-cp"));

        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals(0, cp.exit(), cp.stderr());
        assertEquals(Run.tool(dir, "stat", "-c", "%a", s("plain-cp")).out(), Run.tool(dir, "stat", "-c", "%a", s("plain")).out());
        assertFalse(Run.tool(dir, "stat", "-c", "%y", s("plain")).out().startsWith("2021"));
    }

    @Test
    void noDereferenceCopiesASymbolicLinkItselfLikeCpP() {
        Run.Result cp = Run.tool(dir, "cp", "-P", s("src/dangling"), s("cp-link"));
        Run.Result lio = Run.lio("cp", "-P", s("src/dangling"), s("lio-link"));
        Run.Result followed = Run.lio("cp", s("src/dangling"), s("lio-followed"));
        Run.Result cpFollowed = Run.tool(dir, "cp", s("src/dangling"), s("cp-followed"));

        assertEquals(0, cp.exit(), cp.stderr());
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals("nowhere", Run.tool(dir, "readlink", s("lio-link")).out().trim());
        Run.assertSameFailure(cpFollowed, followed, "cp");
    }

    @Test
    void directoryErrorsFailLikeCp() throws IOException {
        Files.writeString(dir.resolve("plain"), "x");
        for (String[] args : List.of(new String[] {"-r", s("src"), s("plain")},
                new String[] {"-r", s("src"), s("src/empty")},
                new String[] {s("src"), s("copy")},
                new String[] {"--preserve=bogus", s("src/file"), s("copy")})) {
            Run.Result cp = Run.tool(dir, Run.args("cp", args));
            Run.Result lio = Run.lio(Run.args("cp", args));
            assertEquals(cp.exit(), lio.exit(), lio.stderr());
            assertEquals(cp.stderr(), lio.stderr().replace("lio cp", "cp"));
        }
    }

    @Test
    void preserveTakesAnAbbreviatedAttributeAndRefusesAnAmbiguousOneLikeCp() {
        for (String option : List.of("--preserve=mo", "--preserve=t,o", "--preserve=al", "--preserve=", "--preserve=mode,",
                "--preserve=MODE")) {
            Run.Result cp = Run.tool(dir, "cp", option, s("src/tool"), s("cp" + option));
            Run.Result lio = Run.lio("cp", option, s("src/tool"), s("lio" + option));

            assertEquals(cp.exit(), lio.exit(), option + ": " + lio.stderr());
            assertEquals(cp.stderr(), lio.stderr().replace("lio cp", "cp"), option);
            assertEquals(Files.exists(dir.resolve("cp" + option)), Files.exists(dir.resolve("lio" + option)), option);
        }
    }

    @Test
    void aLinkCopiedOverTheFileItLeadsToIsTheSameFileLikeCp() throws IOException {
        Files.writeString(dir.resolve("target"), "kept\n");
        Files.createSymbolicLink(dir.resolve("to-target"), Path.of("target"));
        Files.createLink(dir.resolve("hard"), dir.resolve("target"));
        Files.createSymbolicLink(dir.resolve("other-link"), Path.of("target"));
        for (String[] args : List.of(new String[] {"-P", s("to-target"), s("target")},
                new String[] {"-d", s("to-target"), s("target")},
                new String[] {"-a", s("to-target"), s("target")},
                new String[] {"-P", s("to-target"), s("hard")},
                new String[] {"-P", s("to-target"), s("to-target")})) {
            Run.Result cp = Run.tool(dir, Run.args("cp", args));
            Run.Result lio = Run.lio(Run.args("cp", args));

            Run.assertSameFailure(cp, lio, "cp");
            assertEquals("kept\n", Files.readString(dir.resolve("target")), String.join(" ", args));
            assertFalse(Files.isSymbolicLink(dir.resolve("target")), String.join(" ", args));
        }
        Run.Result replaced = Run.lio("cp", "-P", s("to-target"), s("other-link"));
        assertEquals(0, replaced.exit(), replaced.stderr());
        assertTrue(Files.isSymbolicLink(dir.resolve("other-link")));
    }

    @Test
    void aDirectoryCopiedOntoItselfIsTheSameFileLikeCp() {
        for (String[] args : List.of(new String[] {"-r", s("src/empty"), s("src")},
                new String[] {"-r", s("src/empty/"), s("src")})) {
            Run.Result cp = Run.tool(dir, Run.args("cp", args));
            Run.Result lio = Run.lio(Run.args("cp", args));

            Run.assertSameFailure(cp, lio, "cp");
        }
    }

    @Test
    void forceReplacesADestinationThatCannotBeOpenedLikeCpF() throws IOException {
        Assumptions.assumeTrue(Run.canDropCapabilities(), "setpriv(1) is needed to run without root's capabilities");
        for (String name : List.of("cp-dst", "lio-dst")) {
            Files.writeString(dir.resolve(name), "old, longer content\n");
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("r--r--r--"));
        }

        Run.Result cp = Run.tool(dir, new byte[0], Run.WITHOUT_CAPABILITIES, "cp", "-f", "src/file", "cp-dst");
        Run.Result lio = Run.lioProcess(dir, new byte[0], Run.WITHOUT_CAPABILITIES, "cp", "-f", "src/file", "lio-dst");

        assertEquals(0, cp.exit(), cp.stderr());
        assertEquals(0, lio.exit(), lio.stderr());
        assertEquals("", lio.stderr());
        assertEquals("content\n", Files.readString(dir.resolve("lio-dst"), StandardCharsets.UTF_8));
        assertEquals(Run.tool(dir, "stat", "-c", "%a", "cp-dst").out(), Run.tool(dir, "stat", "-c", "%a", "lio-dst").out());
    }

    /**
     * Runs {@code cp args} in one copy of the test directory and {@code lio cp args} in another (relative names,
     * in their own processes), with {@code stdin}: the same output, messages, status and resulting files.
     */
    private void assertSameInTwinDirectories(String stdin, String... args) {
        shell("rm -rf cp-side lio-side && mkdir cp-side lio-side && cp -a src ex t cp-side/ && cp -a src ex t lio-side/");
        byte[] input = stdin.getBytes(StandardCharsets.UTF_8);
        Run.Result cp = Run.tool(dir.resolve("cp-side"), input, List.of(), Run.args("cp", args));
        Run.Result lio = Run.lioProcess(dir.resolve("lio-side"), input, List.of(), Run.args("cp", args));
        String what = "cp " + String.join(" ", args);
        assertEquals(cp.exit(), lio.exit(), what + ": " + lio.stderr());
        assertEquals(cp.out(), lio.out(), what);
        assertEquals(cp.stderr(), lio.stderr().replace("lio cp", "cp"), what);
        assertEquals(describe("cp-side", SHAPE), describe("lio-side", SHAPE), what);
    }

    @Test
    void verboseNoClobberUpdateInteractiveAndTargetDirectoryOptionsLikeCp() throws IOException {
        Files.writeString(dir.resolve("ex"), "existing\n");
        Files.createDirectory(dir.resolve("t"));
        shell("touch -d '2000-01-01' ex");

        assertSameInTwinDirectories("", "-rv", "src", "copy");
        assertSameInTwinDirectories("", "-rv", "src", "t");
        assertSameInTwinDirectories("", "-v", "src/file", "ex");
        assertSameInTwinDirectories("", "-nv", "src/file", "ex");
        assertSameInTwinDirectories("", "-uv", "src/file", "ex");
        assertSameInTwinDirectories("", "-uv", "ex", "src/file");
        assertSameInTwinDirectories("", "-v", "-t", "t", "src/file", "ex");
        assertSameInTwinDirectories("", "-t", "missing", "ex");
        assertSameInTwinDirectories("", "-vT", "ex", "t");
        assertSameInTwinDirectories("", "-rT", "src", "t");
        assertSameInTwinDirectories("", "-T", "ex", "t", "extra");
        assertSameInTwinDirectories("y\n", "-iv", "src/file", "ex");
        assertSameInTwinDirectories("n\n", "-iv", "src/file", "ex");
        assertSameInTwinDirectories("", "-i", "src/file", "ex");
    }
}
