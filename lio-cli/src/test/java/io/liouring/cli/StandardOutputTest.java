package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What lio cat, stat and hash do when standard output fails, against the coreutils: a full device
 * ({@code >/dev/full}), a closed stdout ({@code >&-}), a reader that went away (EPIPE).
 */
class StandardOutputTest {
    private static final List<String> TO_DEV_FULL = List.of("bash", "-c", "exec \"$@\" >/dev/full", "bash");
    private static final List<String> CLOSED = List.of("bash", "-c", "exec \"$@\" >&-", "bash");

    @TempDir
    Path dir;

    private void assertSameFailure(List<String> redirect, String command, String tool, String... args) {
        Run.Result coreutils = Run.tool(dir, new byte[0], redirect, Run.args(tool, args));
        Run.Result lio = Run.lioProcess(dir, new byte[0], redirect, Run.args(command, args));
        Run.assertSameFailure(coreutils, lio, command, tool);
    }

    private void someFile() throws IOException {
        Files.writeString(dir.resolve("f"), "some content\n");
    }

    @Test
    void aFullDeviceIsAWriteErrorForCatAndStat() throws IOException {
        someFile();
        assertSameFailure(TO_DEV_FULL, "cat", "cat", "f");
        assertSameFailure(TO_DEV_FULL, "stat", "stat", "f");
    }

    /** sha256sum 9.1 prints "sha256sum: write error" alone here; lio gives the reason, as GNU stat and cat do. */
    @Test
    void aFullDeviceIsAWriteErrorForHash() throws IOException {
        someFile();
        Run.Result lio = Run.lioProcess(dir, new byte[0], TO_DEV_FULL, "hash", "f");

        assertEquals(1, lio.exit());
        assertEquals("lio hash: write error: No space left on device\n", lio.stderr());
    }

    /** For cat, see {@link ClosedStreamsTest}: it fails before writing, as GNU cat does. */
    @Test
    void aClosedStandardOutputIsAWriteErrorForStatAndHash() throws IOException {
        someFile();
        assertSameFailure(CLOSED, "stat", "stat", "f");
        assertSameFailure(CLOSED, "hash", "sha256sum", "f");
    }

    @Test
    void aReaderThatGoesAwayEndsCatSilentlyWithTheStatusOfSigpipe() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/head")) || Files.isExecutable(Path.of("/bin/head")),
                "head(1) is needed");
        Files.write(dir.resolve("big"), CpCommandTest.randomBytes(8 * 1024 * 1024, 11));
        List<String> toHead = List.of("bash", "-c", "\"$@\" | head -c1 >/dev/null; exit ${PIPESTATUS[0]}", "bash");

        Run.Result coreutils = Run.tool(dir, new byte[0], toHead, "cat", "big");
        Run.Result lio = Run.lioProcess(dir, new byte[0], toHead, "cat", "big");

        assertEquals(141, coreutils.exit(), coreutils.stderr());
        assertEquals(coreutils.exit(), lio.exit(), lio.stderr());
        assertEquals("", lio.stderr());
    }
}
