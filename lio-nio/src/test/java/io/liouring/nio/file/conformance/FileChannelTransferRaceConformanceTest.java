package io.liouring.nio.file.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code transferTo} between two file channels while another thread closes either channel or interrupts the
 * transferring thread, many times over with varying delays: each call ends as the Javadoc allows, the channel that
 * was not closed stays open, and the target holds exactly a prefix of the source's bytes — never bytes from
 * elsewhere, such as from a file that took over a closed descriptor number.
 */
class FileChannelTransferRaceConformanceTest extends FileSystemConformance {
    /** Trials per case: the delays spread over the first part of a copy. */
    private static final int TRIALS = 12;
    /** The source's size: a copy of a few tens of milliseconds from the page cache. */
    private static final int SIZE = 48 << 20;

    /** The source: tagged bytes, each 8-byte word its own offset. */
    private byte[] source(Path file) throws IOException {
        byte[] data = FileChannelTransferConformanceTest.tagged(SIZE, 0x5A5A_0000_0000L);
        Files.write(file, data);
        return data;
    }

    /** The target holds a prefix of {@code data}, of {@code expectedSize} bytes if not negative. */
    private static void assertPrefix(byte[] data, Path target, long expectedSize, String trial) throws IOException {
        byte[] copied = Files.readAllBytes(target);
        if (expectedSize >= 0) {
            assertEquals(expectedSize, copied.length, trial + ": the target's size is the count returned");
        }
        assertTrue(copied.length <= data.length, trial);
        assertArrayEquals(Arrays.copyOf(data, copied.length), copied, trial + ": the target is a prefix of the data");
    }

    @ParameterizedTest(name = "close {0}, virtual={1}")
    @CsvSource({"source, false", "source, true", "target, false", "target, true"})
    void aCloseDuringATransferToEndsItAsTheJavadocSays(String closed, boolean virtual) throws Exception {
        // transferTo: AsynchronousCloseException "If another thread closes either channel while the transfer is in
        // progress"; ClosedChannelException "If either this channel or the target channel is closed" (the close came
        // first); or the transfer completed before the close (it may stop short: "possibly zero" bytes). Right after
        // the close, another file is opened and may get the closed descriptor's number: no byte of the transfer may
        // go to it or come from it.
        Path sourceFile = path("source");
        byte[] data = source(sourceFile);
        Path targetFile = path("target");
        Random random = new Random(42);
        int caughtInFlight = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            String name = "trial " + trial;
            Path victimFile = path("victim" + trial);
            Files.write(victimFile, ascii("victim"));
            FileChannel victim = null;
            Throwable failure = null;
            long count = -1;
            try (var from = FileChannel.open(sourceFile, READ);
                 var to = FileChannel.open(targetFile, WRITE, CREATE, TRUNCATE_EXISTING);
                 var call = Blocked.start(virtual, () -> from.transferTo(0, SIZE, to))) {
                Thread.sleep(random.nextInt(25));
                FileChannel closing = closed.equals("source") ? from : to;
                FileChannel other = closing == from ? to : from;
                closing.close();
                victim = FileChannel.open(victimFile, READ, WRITE);
                try {
                    count = call.result();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure = e.getCause();
                }
                assertFalse(call.interruptStatusAtEnd(), name + ": a close does not interrupt");
                assertTrue(other.isOpen(), name + ": the other channel stays open");
            } finally {
                if (victim != null) victim.close();
            }
            if (failure != null) {
                assertInstanceOf(ClosedChannelException.class, failure, name);
                assertFalse(failure instanceof ClosedByInterruptException, name + ": " + failure);
                if (failure instanceof AsynchronousCloseException) caughtInFlight++;
                assertPrefix(data, targetFile, -1, name);
            } else {
                assertTrue(count >= 0 && count <= SIZE, name + ": " + count);
                assertPrefix(data, targetFile, count, name);
            }
            assertEquals("victim", Files.readString(victimFile), name + ": the file opened after the close is intact");
        }
        // the JDK's channel waits for its copy_file_range(2) and returns its count; ours ends at the next chunk
        if (!target.isJdk() && caughtInFlight == 0) {
            fail("no close of " + TRIALS + " caught a transfer in flight");
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anInterruptDuringATransferToClosesBothChannels(boolean virtual) throws Exception {
        // transferTo: ClosedByInterruptException "If another thread interrupts the current thread while the transfer
        // is in progress, thereby closing both channels and setting the current thread's interrupt status"; or the
        // transfer completed first (its thread may have looked at its interrupt status before the interrupt came)
        Path sourceFile = path("source");
        byte[] data = source(sourceFile);
        Path targetFile = path("target");
        Random random = new Random(7);
        for (int trial = 0; trial < TRIALS; trial++) {
            String name = "trial " + trial;
            Throwable failure = null;
            long count = -1;
            try (var from = FileChannel.open(sourceFile, READ);
                 var to = FileChannel.open(targetFile, WRITE, CREATE, TRUNCATE_EXISTING);
                 var call = Blocked.start(virtual, () -> from.transferTo(0, SIZE, to))) {
                Thread.sleep(random.nextInt(25));
                call.interrupt();
                try {
                    count = call.result();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure = e.getCause();
                }
                if (failure != null) {
                    assertTrue(call.interruptStatusAtEnd(), name + ": the interrupt status is set");
                    assertSame(ClosedByInterruptException.class, failure.getClass(), name + ": " + failure);
                    assertFalse(from.isOpen(), name + ": the source is closed");
                    assertFalse(to.isOpen(), name + ": the target is closed");
                } else {
                    assertEquals(SIZE, count, name);
                }
            }
            assertPrefix(data, targetFile, failure == null ? SIZE : -1, name);
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void transfersStartedInterruptedCloseBothFileChannels(boolean virtual) throws Exception {
        // AbstractInterruptibleChannel: an interrupt status set before the call acts as an interrupt during it; the
        // transfer's Javadoc: both channels are closed. Between two file channels, both ways.
        Path sourceFile = file("source", "abcdef");
        for (boolean to : new boolean[] {true, false}) {
            var from = FileChannel.open(sourceFile, READ);
            var dest = FileChannel.open(path("dest-" + to), WRITE, CREATE_NEW);
            try (var call = Blocked.start(virtual, () -> {
                Thread.currentThread().interrupt();
                return to ? from.transferTo(0, 6, dest) : dest.transferFrom(from, 0, 6);
            })) {
                assertSame(ClosedByInterruptException.class, call.failure().getClass());
                assertTrue(call.interruptStatusAtEnd());
                assertFalse(from.isOpen(), "the source is closed");
                assertFalse(dest.isOpen(), "the target is closed");
            }
            assertEquals(0, Files.size(path("dest-" + to)));
        }
    }
}
