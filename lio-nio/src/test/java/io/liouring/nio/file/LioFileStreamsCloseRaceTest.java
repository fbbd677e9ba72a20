package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream of lio-nio's provider closed by another thread while {@code available()} runs: the uninterruptible
 * channel behind {@code Files.newInputStream} answers {@code size()} and {@code position()}, which
 * {@code available()} calls, with a count, with {@code ClosedChannelException} when the channel was closed before
 * the call, or with {@code AsynchronousCloseException} when the close came during it ("received by a thread when
 * another thread closes the channel ... upon which it is blocked in an I/O operation"), never with a negative count.
 * Not a conformance test run on the JDK's provider too: JDK 25's channel returns -1 from {@code size()} when the close
 * wins the race, so {@code available()} goes negative (JDK bug 8361495, whose test this follows).
 */
class LioFileStreamsCloseRaceTest {
    /** Enough races for several closes to land inside a call (about 20 in 0.4 s on 2 CPUs). */
    private static final long RACE_SECONDS = 20;
    private static final int CLOSES_DURING_A_CALL = 5;

    @TempDir
    Path dir;

    @Test
    void availableRacingACloseIsNeverNegativeAndACloseDuringItIsAnAsynchronousClose() throws Exception {
        Path file = LioFileSystems.lio(Files.write(dir.resolve("data"), new byte[1000]));
        ExecutorService closer = Executors.newSingleThreadExecutor();
        int duringACall = 0;
        int beforeACall = 0;
        int trials = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RACE_SECONDS);
        try {
            while (duringACall < CLOSES_DURING_A_CALL && System.nanoTime() < deadline) {
                trials++;
                InputStream in = Files.newInputStream(file);
                Future<?> close = closer.submit(() -> {
                    in.close();
                    return null;
                });
                try {
                    while (true) {
                        int available = in.available();
                        assertTrue(available >= 0 && available <= 1000, "available() = " + available);
                    }
                } catch (AsynchronousCloseException e) {
                    duringACall++;
                } catch (ClosedChannelException e) {
                    beforeACall++;
                } catch (IOException e) {
                    assertEquals("Stream closed", e.getMessage(), "a closed stream's own refusal, or the channel's");
                    beforeACall++;
                }
                close.get(10, TimeUnit.SECONDS);
            }
        } finally {
            closer.shutdownNow();
        }
        assertEquals(CLOSES_DURING_A_CALL, duringACall, "closes that landed inside available() in " + trials
                + " races (" + beforeACall + " came before a call)");
    }
}
