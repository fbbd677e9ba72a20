package io.liouring;

import io.liouring.internal.OperationCatalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs after every other test (its own surefire execution): each opcode the running kernel supports must
 * have an operation class in {@link OperationCatalog} and must have been pushed by at least one passing test.
 * Skipped when {@code -Dtest=...} selected a subset (the pom passes the selection in {@code lio.selectedTests}).
 */
class OpcodeCoverageCheck {
    @Test
    void everySupportedOpcodeHasAClassAndAPassingLiveTest() throws IOException {
        String selected = System.getProperty("lio.selectedTests", "");
        assumeTrue(selected.isEmpty() || selected.equals("${test}"),
                "-Dtest=" + selected + " ran a subset of the tests: coverage is judged on a full run only");
        BitSet exercised = new BitSet(256);
        for (String line : Files.readAllLines(OpcodeCoverageExtension.REPORT)) {
            exercised.set(Integer.parseInt(line.substring(0, line.indexOf(' '))));
        }
        List<String> noClass = new ArrayList<>();
        List<String> noTest = new ArrayList<>();
        try (LioUring ring = new LioUring(2)) {
            Probe probe = ring.probe();
            for (Opcode op : probe.supportedOpcodes()) {
                if (OperationCatalog.classesFor(op).isEmpty()) {
                    noClass.add(op.name());
                }
                if (!exercised.get(op.code())) {
                    noTest.add(op.name());
                }
            }
        }
        assertTrue(noClass.isEmpty(), "supported opcodes without an operation class: " + noClass);
        assertTrue(noTest.isEmpty(), "supported opcodes no passing test pushed: " + noTest);
    }
}
