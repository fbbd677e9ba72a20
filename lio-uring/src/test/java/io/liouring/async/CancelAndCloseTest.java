package io.liouring.async;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.UringException;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventLoop#cancelAndClose(int)}: requests waiting on the descriptor fail with ECANCELED, then it is closed. */
class CancelAndCloseTest {
    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd));
    }

    @Test
    void aReadWaitingOnThePipeFailsWithEcanceledAndTheDescriptorIsClosed() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open()) {
            IoFuture<Integer> read = loop.submitResult(new Read(pipe[0], Arena.ofAuto().allocate(8), -1));
            while (loop.inFlight() < 1) {
                Thread.sleep(1);
            }

            loop.cancelAndClose(pipe[0]);

            ExecutionException failure = assertThrows(ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
            assertEquals(Errno.ECANCELED, assertInstanceOf(UringException.class, failure.getCause()).errno());
            assertFalse(isOpen(pipe[0]), "the read end is closed");
            assertTrue(isOpen(pipe[1]), "the other end is untouched");
        } finally {
            Fd.close(pipe[1]);
        }
    }

    @Test
    void aDescriptorAlreadyClosedIsNotAnError() {
        try (EventLoop loop = EventLoop.open()) {
            int[] pipe = AsyncNative.pipe();
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);

            assertDoesNotThrow(() -> loop.cancelAndClose(pipe[0]));
            assertDoesNotThrow(() -> loop.cancelAndClose(pipe[1]));
        }
    }

    @Test
    void onAClosedLoopTheDescriptorIsClosedDirectly() throws Exception {
        int[] pipe = AsyncNative.pipe();
        EventLoop loop = EventLoop.open();
        loop.close();

        loop.cancelAndClose(pipe[0]);

        assertFalse(isOpen(pipe[0]));
        Fd.close(pipe[1]);
    }

    @Test
    void aNegativeDescriptorIsRefusedByName() {
        try (EventLoop loop = EventLoop.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.cancelAndClose(-1));
            assertTrue(e.getMessage().contains("fd"), e.getMessage());
        }
    }
}
