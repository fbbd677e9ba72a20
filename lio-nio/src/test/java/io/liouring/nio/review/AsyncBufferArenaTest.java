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

/**
 * The kernel never writes into the memory of a closed arena. While an asynchronous read into a buffer of a shared
 * {@link Arena} is pending, the JDK holds the arena acquired (internal API), so {@link Arena#close()} throws
 * {@link IllegalStateException}. No public API can do that, so lio-nio lends the kernel only memory nothing can free
 * meanwhile: an arena's buffer is read through pooled native memory instead, the close succeeds, and the read, which
 * cannot copy its bytes into the freed buffer, fails with {@link IllegalStateException} (its {@link Future}, as the
 * JDK's futures report a failure that is not an {@code IOException}, with an {@code IOException} caused by it).
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
                assertInstanceOf(java.io.IOException.class, failed.getCause(), provider);
                assertInstanceOf(IllegalStateException.class, failed.getCause().getCause(), provider);
            } else {
                assertEquals(1, read.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
                assertEquals(42, dst.get(0));
                closeOnceReleased(arena);
            }
        }
    }

    /**
     * A confined arena's buffer cannot be used by asynchronous channels: the I/O is finished by other threads, which
     * may not touch it, and its owner could close it meanwhile. As the JDK's channels, lio-nio's fail the read or
     * write: its {@link Future} throws an {@link ExecutionException} caused by an {@code IOException} caused by
     * {@code IllegalStateException("Confined session not supported")}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void aConfinedArenaBufferFailsTheOperation(String provider) throws Exception {
        try (ChannelUnderTest under = ChannelUnderTest.open(provider);
             ChannelUnderTest.Pair pair = under.connect();
             Arena arena = Arena.ofConfined()) {
            ByteBuffer buffer = arena.allocate(64).asByteBuffer();
            for (Future<Integer> operation : java.util.List.of(pair.channel().read(buffer),
                    pair.channel().write(buffer))) {
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> operation.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
                assertInstanceOf(java.io.IOException.class, failed.getCause(), provider);
                assertEquals("Confined session not supported", assertInstanceOf(IllegalStateException.class,
                        failed.getCause().getCause(), provider).getMessage());
            }
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
