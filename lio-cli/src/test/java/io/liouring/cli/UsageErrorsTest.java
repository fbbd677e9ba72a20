package io.liouring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Usage errors of every lio command against those of the coreutils they imitate: message, hint, status 1. */
class UsageErrorsTest {
    @TempDir
    Path dir;

    private void assertSameUsageError(String command, String tool, String... args) {
        Run.Result coreutils = Run.tool(dir, Run.args(tool, args));
        Run.Result lio = Run.lio(Run.args(command, args));
        Run.assertSameFailure(coreutils, lio, command, tool);
    }

    @Test
    void anUnknownShortOptionIsAnInvalidOptionForEveryCommand() {
        assertSameUsageError("cat", "cat", "-j", "x");
        assertSameUsageError("stat", "stat", "-j", "x");
        assertSameUsageError("hash", "sha256sum", "-j", "x");
        assertSameUsageError("cp", "cp", "-j", "x", "y");
    }

    @Test
    void helpAndVersionAreLongOptionsOnlyAsInCoreutils() {
        for (String option : new String[] {"-h", "-V"}) {
            assertSameUsageError("cat", "cat", option, "x");
            assertSameUsageError("stat", "stat", option, "x");
            assertSameUsageError("hash", "sha256sum", option, "x");
            assertSameUsageError("cp", "cp", option, "x", "y");
        }
        assertSameUsageError("cat", "cat", "-nh", "x");
        assertEquals(0, Run.lio("stat", "--help").exit());
    }

    @Test
    void anUnknownLongOptionIsUnrecognized() {
        assertSameUsageError("cat", "cat", "--bogus");
        assertSameUsageError("hash", "sha256sum", "--bogus", "x");
        assertSameUsageError("cp", "cp", "--bogus=1", "x", "y");
    }

    @Test
    void anOptionWithoutItsArgumentIsReportedAsTyped() {
        assertSameUsageError("stat", "stat", "-c");
        assertSameUsageError("stat", "stat", "--format");
    }

    @Test
    void aFlagGivenAnArgumentIsRefused() {
        assertSameUsageError("cat", "cat", "--help=x");
        assertSameUsageError("stat", "stat", "--dereference=1", "x");
    }

    @Test
    void everyCommandAnswersVersion() {
        Run.Result lio = Run.lio("cat", "--version");

        assertEquals(0, lio.exit());
        assertEquals("lio 0.1.0\n", lio.out());
    }

}
