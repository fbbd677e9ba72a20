package io.liouring.async;

import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link FdHandle#withDescriptors}: the call gets both live descriptor numbers (a byte written to one end of a pipe
 * through them is read from the other by the ring); a close of either, begun during the call, closes the descriptor
 * only once the call has returned; once closing has begun the call does not run and no reference is left behind.
 */
class FdHandleWithDescriptorsTest {
    private static final long WAIT_SECONDS = 30;

    @Test
    void theCallGetsBothLiveDescriptorsInOrder() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open(); Arena arena = Arena.ofShared()) {
            FdHandle readEnd = FdHandle.of(loop, pipe[0]);
            FdHandle writeEnd = FdHandle.of(loop, pipe[1]);

            long written = readEnd.withDescriptors(writeEnd, (mine, theirs) -> {
                assertEquals(pipe[0], mine);
                assertEquals(pipe[1], theirs);
                return AsyncNative.write((int) theirs, new byte[] {42});
            });

            assertEquals(1, written);
            MemorySegment into = arena.allocate(1);
            assertEquals(1, readEnd.submitResult(new Read(pipe[0], into, -1)).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(42, into.get(JAVA_BYTE, 0));
            readEnd.close();
            writeEnd.close();
        }
    }

    @Test
    void aCloseBegunDuringTheCallClosesTheDescriptorOnlyAfterIt() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open(); Arena arena = Arena.ofShared()) {
            FdHandle readEnd = FdHandle.of(loop, pipe[0]);
            FdHandle writeEnd = FdHandle.of(loop, pipe[1]);
            CompletableFuture<?>[] closing = new CompletableFuture<?>[1];

            readEnd.withDescriptors(writeEnd, (mine, theirs) -> {
                closing[0] = CompletableFuture.runAsync(writeEnd::close);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertFalse(closing[0].isDone(), "the close waits for the call");
                return AsyncNative.write((int) theirs, new byte[] {1}); // still the pipe's write end
            });

            closing[0].get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertFalse(writeEnd.isOpen());
            MemorySegment into = arena.allocate(8);
            assertEquals(1, readEnd.submitResult(new Read(pipe[0], into, -1)).get(WAIT_SECONDS, TimeUnit.SECONDS),
                    "the byte written in the call");
            assertEquals(0, readEnd.submitResult(new Read(pipe[0], into, -1)).get(WAIT_SECONDS, TimeUnit.SECONDS),
                    "end of file: the write end was closed once the call returned");
            readEnd.close();
        }
    }

    @Test
    void onceEitherIsClosingTheCallDoesNotRunAndNoReferenceIsLeft() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open()) {
            FdHandle readEnd = FdHandle.of(loop, pipe[0]);
            FdHandle writeEnd = FdHandle.of(loop, pipe[1]);
            writeEnd.close();
            AtomicBoolean ran = new AtomicBoolean();

            assertThrows(ClosedChannelException.class, () -> readEnd.withDescriptors(writeEnd, (a, b) -> {
                ran.set(true);
                return 0;
            }));
            assertThrows(ClosedChannelException.class, () -> writeEnd.withDescriptors(readEnd, (a, b) -> {
                ran.set(true);
                return 0;
            }));

            assertFalse(ran.get());
            assertEquals(0, readEnd.inFlight(), "the reference taken on the open handle was given back");
            readEnd.close();
            assertFalse(readEnd.isOpen());
        }
    }
}
