package io.liouring.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lio command, run as a user runs it, with its output checked. */
class LioCommandTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStdout() {
        originalOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalOut);
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoWritesAndReadsHelloThroughTheRingAndShowsEachSection() {
        assertEquals(0, Lio.run("demo"));
        String out = output();
        assertTrue(out.contains("== 1. The seed example"), out);
        assertTrue(out.contains("Completion[userData=1, result=16, flags=0x0]"), out);
        assertTrue(out.contains("Completion[userData=2, result=16, flags=0x0]"), out);
        assertTrue(out.contains("read back: \"Hello, io_uring!\""), out);
        assertTrue(out.contains("== 2. What this kernel offers"), out);
        assertTrue(out.contains("io_uring usable"), out);
    }

    @Test
    void probeListsEveryOpcodeWithKernelSupportAndLibraryClass() {
        assertEquals(0, Lio.run("probe"));
        String out = output();
        assertTrue(out.matches("(?s).*\\n0 +NOP +5\\.1 +yes +Nop\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n22 +READ +5\\.6 +yes +Read, ReadSelect\\n.*"), out);
        assertTrue(out.contains("IORING_FEAT_NODROP"), out);
        long rows = out.lines().filter(l -> l.matches("\\d+ +[A-Z_0-9]+ +\\d+\\.\\d+ +(yes|no) .*")).count();
        assertEquals(io.liouring.Opcode.values().length, rows);
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, Lio.run("--help"));
        String out = output();
        assertTrue(out.contains("probe"), out);
        assertTrue(out.contains("demo"), out);
    }
}
