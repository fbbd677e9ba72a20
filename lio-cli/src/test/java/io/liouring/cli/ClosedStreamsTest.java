package io.liouring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * lio started with standard input or output closed ({@code <&-}, {@code >&-}), against the coreutils. The JVM
 * is started here as ./lio starts it in that case: with {@code -Dlio.closed-streams} naming the closed fds.
 */
class ClosedStreamsTest {
    @TempDir
    Path dir;

    /** Runs the command with {@code redirection} applied and the launcher's property for {@code closed}. */
    private static List<String> launched(String closed, String redirection) {
        return List.of("bash", "-c", "java=$1; shift; exec \"$java\" -Dlio.closed-streams=" + closed + " \"$@\" "
                + redirection, "bash");
    }

    private void assertSameFailure(String closed, String redirection, String command, String tool, String... args)
            throws IOException {
        Files.writeString(dir.resolve("f"), "some content\n");
        List<String> shell = List.of("bash", "-c", "exec \"$@\" " + redirection, "bash");
        Run.Result coreutils = Run.tool(dir, new byte[0], shell, Run.args(tool, args));
        Run.Result lio = Run.lioProcess(dir, new byte[0], launched(closed, redirection), Run.args(command, args));
        Run.assertSameFailure(coreutils, lio, command, tool);
    }

    @Test
    void aClosedStandardInputIsABadDescriptorForEveryCommand() throws IOException {
        assertSameFailure("0", "<&-", "cat", "cat", "f", "-", "f");
        assertSameFailure("0", "<&-", "cat", "cat");
        assertSameFailure("0", "<&-", "hash", "sha256sum", "f", "-");
        assertSameFailure("0", "<&-", "stat", "stat", "-c", "%n", "-", "f");
    }

    @Test
    void catRefusesAClosedStandardOutputBeforeReading() throws IOException {
        assertSameFailure("1", ">&-", "cat", "cat", "f");
        assertSameFailure("01", "<&- >&-", "cat", "cat");
    }
}
