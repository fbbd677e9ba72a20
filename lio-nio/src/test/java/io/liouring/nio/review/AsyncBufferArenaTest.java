package io.liouring.nio.review;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel never writes into the memory of a closed arena. While an asynchronous read into a buffer of a shared
 * {@link Arena} is pending, the JDK holds the arena acquired (internal API), so {@link Arena#close()} throws
 * {@link IllegalStateException}. No public API can do that, so lio-nio lends the kernel only memory nothing can free
 * meanwhile: an arena's buffer is read through pooled native memory instead, the close succeeds, and the read, which
 * cannot copy its bytes into the freed buffer, fails with {@link IllegalStateException}.
 */
class AsyncBufferArenaTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void theKernelNeverWritesIntoTheClosedArenaOfAPendingRead(String provider) throws Exception {
        try (ChannelUnderTest under = ChannelUnderTest.open(provider);
             ChannelUnderTest.Pair pair = under.connect()) {
            Arena arena = Arena.ofShared();
            ByteBuffer dst = arena.allocate(65536).asByteBuffer();
            Future<Integer> read = pair.channel().read(dst);
            boolean closedWhilePending;
            try {
                arena.close();
                closedWhilePending = true;
            } catch (IllegalStateException heldByTheRead) {
                closedWhilePending = false;
            }
            assertFalse(read.isDone(), "the read completed without data");
            pair.peer().write(ByteBuffer.wrap(new byte[] {42}));
            if (closedWhilePending) {
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> read.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, failed.getCause(), provider);
            } else {
                assertEquals(1, read.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
                assertEquals(42, dst.get(0));
                closeOnceReleased(arena);
            }
        }
    }

    /**
     * A confined arena's buffer cannot be given to lio-nio's asynchronous channels: its bytes would be copied on the
     * loop's thread, which may not touch them, and its owner could close it meanwhile. lio-nio refuses it up front with
     * {@link IllegalArgumentException}, for reads and writes. The JDK 25 provider accepts the call (a deviation of
     * ours, on the safe side), so this runs for lio-nio only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void aConfinedArenaBufferIsRefused(String provider) throws Exception {
        assumeTrue(provider.equals("LIO"), "the JDK's provider accepts a confined arena's buffer");
        try (ChannelUnderTest under = ChannelUnderTest.open(provider);
             ChannelUnderTest.Pair pair = under.connect();
             Arena arena = Arena.ofConfined()) {
            ByteBuffer buffer = arena.allocate(64).asByteBuffer();
            assertThrows(IllegalArgumentException.class, () -> pair.channel().read(buffer), provider);
            assertThrows(IllegalArgumentException.class, () -> pair.channel().write(buffer), provider);
        }
    }

    /** The JDK releases the arena just after the read's future completes: retry until then. */
    private static void closeOnceReleased(Arena arena) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChannelUnderTest.WAIT_SECONDS);
        while (true) {
            try {
                arena.close();
                return;
            } catch (IllegalStateException stillAcquired) {
                if (System.nanoTime() > deadline) {
                    throw stillAcquired;
                }
                Thread.sleep(10);
            }
        }
    }
}
