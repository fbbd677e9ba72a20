package io.liouring.nio.file;

import io.liouring.Fd;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.async.ResultMapper;
import io.liouring.internal.Pipes;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.AsynchronousCloseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeviceQueue} on the read end of a pipe, whose reads stay in the kernel until bytes are written: at most its
 * depth of requests in the kernel, every waiting call submitted as a place frees, each caller with its own result, and
 * a close that wakes every waiting caller.
 */
class DeviceQueueTest {
    private static final long WAIT_SECONDS = 30;

    private EventLoop loop;
    private int[] pipe;
    private FdHandle readEnd;
    private Arena arena;

    @BeforeEach
    void openPipe() {
        loop = EventLoop.open();
        pipe = Pipes.open(4096);
        readEnd = FdHandle.of(loop, pipe[0]);
        arena = Arena.ofShared();
    }

    @AfterEach
    void closeAll() {
        readEnd.close();
        Fd.close(pipe[1]);
        loop.close();
        arena.close();
    }

    @Test
    void keepsAtMostItsDepthInTheKernelAndSubmitsEachWaitingCallAsAPlaceFrees() throws Exception {
        DeviceQueue queue = new DeviceQueue(readEnd, 2);
        List<CompletableFuture<Byte>> reads = startReaders(queue, 5);
        awaitTrue(() -> queue.queued() == 5 && readEnd.inFlight() == 2, "2 reads in the kernel, 3 waiting");
        Thread.sleep(100); // time for a third request to reach the kernel, were it let through
        assertEquals(2, readEnd.inFlight(), "requests in the kernel");

        write((byte) 1);
        awaitTrue(() -> reads.stream().filter(CompletableFuture::isDone).count() == 1, "one read done");
        awaitTrue(() -> queue.queued() == 4 && readEnd.inFlight() == 2, "a waiting read took the free place");

        for (byte b = 2; b <= 5; b++) {
            write(b);
        }
        List<Byte> got = new ArrayList<>();
        for (CompletableFuture<Byte> read : reads) {
            got.add(read.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        got.sort(null);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5), got, "each byte read once");
        // a reader wakes as its request completes, before the loop gives the place back: the count settles after
        awaitTrue(() -> queue.queued() == 0 && readEnd.inFlight() == 0, "every place given back");
    }

    @Test
    void aCloseWakesEveryWaitingCallWithAsynchronousCloseException() throws Exception {
        DeviceQueue queue = new DeviceQueue(readEnd, 1);
        List<CompletableFuture<Byte>> reads = startReaders(queue, 4);
        awaitTrue(() -> queue.queued() == 4 && readEnd.inFlight() == 1, "1 read in the kernel, 3 waiting");

        readEnd.close();

        for (CompletableFuture<Byte> read : reads) {
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> read.get(WAIT_SECONDS, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(AsynchronousCloseException.class, failure);
        }
        assertEquals(0, queue.queued());
    }

    @Test
    void aCallAfterTheCloseFailsWithAsynchronousCloseExceptionAndLeavesNothingQueued() {
        DeviceQueue queue = new DeviceQueue(readEnd, 1);
        readEnd.close();
        MemorySegment one = arena.allocate(1);
        assertThrows(AsynchronousCloseException.class,
                () -> queue.call(new Read(readEnd.fd(), one, -1), ResultMapper.RESULT));
        assertEquals(0, queue.queued());
    }

    @Test
    void refusesADepthBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceQueue(readEnd, 0));
    }

    /** Starts {@code count} virtual threads, each reading one byte of the pipe through {@code queue}. */
    private List<CompletableFuture<Byte>> startReaders(DeviceQueue queue, int count) {
        List<CompletableFuture<Byte>> reads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<Byte> read = new CompletableFuture<>();
            MemorySegment one = arena.allocate(1);
            Thread.ofVirtual().start(() -> {
                try {
                    int n = queue.call(new Read(readEnd.fd(), one, -1), ResultMapper.RESULT);
                    assertEquals(1, n);
                    read.complete(one.get(ValueLayout.JAVA_BYTE, 0));
                } catch (Throwable t) {
                    read.completeExceptionally(t);
                }
            });
            reads.add(read);
        }
        return reads;
    }

    private void write(byte b) {
        MemorySegment one = arena.allocate(1);
        one.set(ValueLayout.JAVA_BYTE, 0, b);
        assertEquals(1, loop.callResult(new Write(pipe[1], one, -1)));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(2);
        }
    }
}
