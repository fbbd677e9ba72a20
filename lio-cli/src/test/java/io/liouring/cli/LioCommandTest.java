package io.liouring.cli;

import io.liouring.Opcode;
import io.liouring.RegisterOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The lio command itself, its demo and its probe, run as a user runs them, with their output checked. */
class LioCommandTest {
    @Test
    void demoRunsEverySectionAgainstTheKernelAndExitsZero() {
        Run.Result r = Run.lio("demo");

        assertEquals(0, r.exit(), r.stderr());
        String out = r.out();
        assertTrue(out.contains("== 1. The seed example"), out);
        assertTrue(out.contains("Completion[userData=1, result=16, flags=0x0]"), out);
        assertTrue(out.contains("read back: \"Hello, io_uring!\""), out);
        assertTrue(out.contains("== 2. A linked chain: open -> write -> fsync -> close"), out);
        assertTrue(out.contains("submit() -> 4 entries"), out);
        assertTrue(out.contains("the file now holds: written by a linked chain"), out);
        assertTrue(out.contains("== 3. A file copy by the library's copy engine, verified by SHA-256"), out);
        assertTrue(out.contains("equal: the copy is exact"), out);
        assertTrue(out.contains("== 4. A quick comparison with FileChannel"), out);
        assertTrue(out.contains("FileChannel time / lio-uring time: "), out);
        assertTrue(out.contains("== 5. An echo round trip over loopback"), out);
        assertTrue(out.contains("each echo checked: all equal"), out);
        assertTrue(out.contains("== 6. What this kernel offers"), out);
        assertTrue(out.contains("io_uring usable"), out);
    }

    @Test
    void probeListsEveryOpcodeWithKernelSupportAndLibraryClass() {
        Run.Result r = Run.lio("probe");

        assertEquals(0, r.exit(), r.stderr());
        String out = r.out();
        assertTrue(out.matches("(?s).*\\n0 +NOP +5\\.1 +yes +Nop\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n22 +READ +5\\.6 +yes +Read, ReadSelect\\n.*"), out);
        assertTrue(out.contains("IORING_FEAT_NODROP"), out);
        long rows = out.lines().filter(l -> l.matches("\\d+ +[A-Z_0-9]+ +\\d+\\.\\d+ +(yes|no) .*")).count();
        assertEquals(Opcode.values().length, rows);
    }

    @Test
    void probeTriesEverySetupFlagOnTheKernel() {
        String out = Run.lio("probe").out();

        assertTrue(out.contains("Setup flags accepted by this kernel"), out);
        for (String flag : new String[] {"IOPOLL", "SQPOLL", "SQ_AFF", "CQSIZE", "CLAMP", "ATTACH_WQ", "R_DISABLED",
                "SUBMIT_ALL", "COOP_TASKRUN", "TASKRUN_FLAG", "SQE128", "CQE32", "SINGLE_ISSUER", "DEFER_TASKRUN",
                "NO_MMAP", "NO_SQARRAY", "HYBRID_IOPOLL", "CQE_MIXED"}) {
            String row = "(?s).*\\n  IORING_SETUP_" + flag + " +\\(\\d+\\.\\d+\\) +(accepted|refused: E[A-Z]+ \\(\\d+\\)).*";
            assertTrue(out.matches(row), flag + " in:\n" + out);
        }
        // This kernel (the tests need 6.1 or later) takes these; a refusal would mean the probe is wrong.
        assertTrue(out.matches("(?s).*IORING_SETUP_SQPOLL +\\(5\\.1\\) +accepted.*"), out);
        assertTrue(out.matches("(?s).*IORING_SETUP_DEFER_TASKRUN +\\(6\\.1\\) +accepted.*"), out);
    }

    @Test
    void probeListsRegistrationsAndEnterFlagsFromTheKernelsQuery() {
        String out = Run.lio("probe").out();

        assumeFalse(out.contains("has no IORING_REGISTER_QUERY"), "before Linux 6.18 the kernel cannot list them");
        assertTrue(out.contains("Registrations this kernel has"), out);
        for (RegisterOp op : RegisterOp.values()) {
            assertTrue(out.matches("(?s).*\\n  IORING_" + op.name() + " +\\(\\d+\\.\\d+\\) +(yes|no)\\n.*"), op + " in:\n" + out);
        }
        // the query itself is a registration, so a kernel that answered has it
        assertTrue(out.matches("(?s).*IORING_REGISTER_QUERY +\\(6\\.18\\) +yes.*"), out);
        assertTrue(out.matches("(?s).*IORING_ENTER_GETEVENTS +\\(5\\.1\\) +yes.*"), out);
        assertTrue(out.matches("(?s).*IORING_ENTER_NO_IOWAIT +\\(6\\.15\\) +(yes|no).*"), out);
    }

    @Test
    void probeReportsTheRingLimitsAndTheSysctl() {
        String out = Run.lio("probe").out();

        assertTrue(out.contains("entries=32768 (the largest without CLAMP): accepted: sq 32768, cq 65536"), out);
        assertTrue(out.contains("entries=65536 with CLAMP: accepted: sq 32768"), out);
        assertTrue(out.contains("cqSize=1048576 with CLAMP: accepted: sq 4, cq 65536"), out);
        assertTrue(out.contains("locked memory (ulimit -l): "), out);
        assertTrue(out.contains("kernel.io_uring_disabled: "), out);
    }

    @Test
    void helpListsEveryCommand() {
        Run.Result r = Run.lio("--help");

        assertEquals(0, r.exit());
        var commands = Lio.commandLine().getSubcommands().keySet(); // lio with every command
        assertTrue(commands.containsAll(List.of("probe", "demo", "cp", "cat", "stat", "hash",
                "echo-server", "echo-client")), commands.toString());
        for (String command : commands) {
            assertTrue(r.out().matches("(?s).*\\n  " + command + " .*"), command + " in:\n" + r.out());
        }
    }
}
