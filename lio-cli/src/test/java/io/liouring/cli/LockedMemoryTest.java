package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tools under a small locked-memory limit ({@code ulimit -l}), run without CAP_IPC_LOCK: with room for a
 * small ring they work as usual; with no room at all, the one-line reason and hint, no stack trace.
 */
class LockedMemoryTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsSetpriv() throws IOException {
        Assumptions.assumeTrue(Run.canDropCapabilities(), "setpriv(1) is needed to run without CAP_IPC_LOCK");
        Files.writeString(dir.resolve("file"), "line one\nline two\n");
    }

    /** {@code lio args} in a new JVM under {@code ulimit -l kib}, without capabilities. */
    private Run.Result lioWithLockedMemory(int kib, String... args) {
        List<String> prefix = new ArrayList<>(List.of("bash", "-c", "ulimit -l " + kib + " && exec \"$@\"", "bash"));
        prefix.addAll(Run.WITHOUT_CAPABILITIES);
        return Run.lioProcess(dir, new byte[0], prefix, args);
    }

    @Test
    void withRoomForASmallRingTheToolsWork() {
        for (String[] args : List.of(new String[] {"cat", "file"}, new String[] {"cat", "-n", "file"},
                new String[] {"hash", "file"}, new String[] {"cp", "file", "copy"}, new String[] {"stat", "-c", "%s", "file"})) {
            Run.Result lio = lioWithLockedMemory(16, args);
            assertEquals(0, lio.exit(), String.join(" ", args) + ": " + lio.stderr());
            assertEquals("", lio.stderr(), String.join(" ", args));
        }
        assertEquals(Run.tool(dir, "cat", "-n", "file").out(), lioWithLockedMemory(16, "cat", "-n", "file").out());
        Run.Result copy = lioWithLockedMemory(16, "cat", "copy");
        assertEquals("line one\nline two\n", copy.out(), copy.stderr());
    }

    @Test
    void withoutRoomForARingTheReasonIsOneMessageNotAStackTrace() {
        Run.Result lio = lioWithLockedMemory(0, "cat", "file");

        assertEquals(1, lio.exit());
        assertTrue(lio.stderr().startsWith("lio cat: io_uring is not usable here: io_uring_setup failed: ENOMEM"),
                lio.stderr());
        assertTrue(lio.stderr().contains("ulimit -l"), lio.stderr());
        assertFalse(lio.stderr().contains("\tat "), lio.stderr());
    }
}
