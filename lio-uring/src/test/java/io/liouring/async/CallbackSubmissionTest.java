package io.liouring.async;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests submitted with a {@link RequestCallback} instead of a future: their effect in the kernel, the callback's
 * result, context and thread, follow-ups submitted from a callback, and what a handle's close and a loop's close do
 * to them. (That they allocate nothing is a benchmark figure: lio-bench's P6, {@code AsyncPathBenchmark.callback*}.)
 */
class CallbackSubmissionTest {
    private static final long PATIENCE_SECONDS = 10;
    private final EventLoop loop = EventLoop.open();
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd));
    }

    private static int create(Path file) {
        return Fd.open(file, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
    }

    /** What one callback saw. */
    private record Outcome(long context, int result, int flags, boolean onLoopThread) {
    }

    @Test
    void aCallbackWriteLandsInTheFileAndReportsItsCountAndContextOnTheLoopThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        int fd = create(file);
        try {
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, "written by a callback request".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            CompletableFuture<Outcome> seen = new CompletableFuture<>();
            loop.submitCallback(new Write(fd, data, 0),
                    (context, result, flags) -> seen.complete(new Outcome(context, result, flags, loop.inLoop())), 42L);

            Outcome o = seen.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertEquals(42L, o.context());
            assertEquals(data.byteSize(), o.result());
            assertTrue(o.onLoopThread(), "the callback runs on the loop thread");
            assertArrayEquals(data.toArray(JAVA_BYTE), Files.readAllBytes(file));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void threadsSubmittingAtOnceGetEachRequestsOwnCompletionExactlyOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        int fd = create(file);
        int threads = 4;
        int each = 2_000;
        int n = threads * each;
        int size = 8;
        try {
            MemorySegment data = arena.allocate((long) n * size);
            for (int i = 0; i < n; i++) {
                data.asSlice((long) i * size, size).fill((byte) (i * 31 + 7));
            }
            AtomicIntegerArray calls = new AtomicIntegerArray(n);
            AtomicInteger wrong = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            RequestCallback callback = (context, result, flags) -> {
                if (result != size || !loop.inLoop()) {
                    wrong.incrementAndGet();
                }
                calls.incrementAndGet((int) context);
                done.countDown();
            };
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * each;
                submitters.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = first; i < first + each; i++) {
                        long offset = (long) i * size;
                        loop.submitCallback(new Write(fd, data.asSlice(offset, size), offset), callback, i);
                    }
                }));
            }
            go.countDown();
            for (Thread t : submitters) {
                t.join();
            }
            assertTrue(done.await(PATIENCE_SECONDS * 3, TimeUnit.SECONDS), done.getCount() + " callbacks missing");
            for (int i = 0; i < n; i++) {
                assertEquals(1, calls.get(i), "callbacks of request " + i);
            }
            assertEquals(0, wrong.get(), "callbacks with a short write or off the loop thread");
            assertArrayEquals(data.toArray(JAVA_BYTE), Files.readAllBytes(file));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void aCallbackSubmitsItsFollowUpFromInsideTheCompletionPass(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        int fd = create(file);
        int steps = 100;
        try {
            MemorySegment data = arena.allocate(steps);
            for (int i = 0; i < steps; i++) {
                data.set(JAVA_BYTE, i, (byte) (i + 1));
            }
            CompletableFuture<Integer> last = new CompletableFuture<>();
            RequestCallback chain = new RequestCallback() {
                @Override
                public void completed(long step, int result, int flags) {
                    if (result != 1) {
                        last.completeExceptionally(new AssertionError("step " + step + " wrote " + result));
                    } else if (step + 1 == steps) {
                        last.complete((int) step);
                    } else {
                        long next = step + 1; // the next one-byte write, submitted on the loop thread
                        loop.submitCallback(new Write(fd, data.asSlice(next, 1), next), this, next);
                    }
                }
            };
            loop.submitCallback(new Write(fd, data.asSlice(0, 1), 0), chain, 0);

            assertEquals(steps - 1, last.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertArrayEquals(data.toArray(JAVA_BYTE), Files.readAllBytes(file));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void closingTheHandleCancelsAPendingReadAndClosesTheDescriptorOnlyAfterItsCallback() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            FdHandle handle = FdHandle.of(loop, pipe[0]);
            CompletableFuture<Outcome> seen = new CompletableFuture<>();
            CompletableFuture<Boolean> openDuringCallback = new CompletableFuture<>();
            handle.submitCallback(new Read(pipe[0], arena.allocate(16), -1), SqeFlags.NONE, (context, result, flags) -> {
                openDuringCallback.complete(isOpen(pipe[0]));
                seen.complete(new Outcome(context, result, flags, loop.inLoop()));
            }, 7L);
            awaitInKernel(1);
            assertEquals(1, handle.inFlight());

            CompletableFuture<Void> closed = handle.closeAsync();
            Outcome o = seen.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertEquals(7L, o.context());
            assertEquals(-Errno.ECANCELED.number(), o.result());
            assertTrue(openDuringCallback.get(), "the descriptor is still the handle's while the callback runs");
            closed.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertFalse(isOpen(pipe[0]), "closed once the last request was released");
            assertTrue(isOpen(pipe[1]));
        } finally {
            if (isOpen(pipe[0])) {
                Fd.close(pipe[0]);
            }
            Fd.close(pipe[1]);
        }
    }

    @Test
    void aSubmissionAfterTheHandleBeganClosingIsRefusedAndNeverCallsBack() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            FdHandle handle = FdHandle.of(loop, pipe[0]);
            handle.close();
            AtomicInteger calls = new AtomicInteger();
            assertThrows(ClosedChannelException.class, () -> handle.submitCallback(
                    new Read(pipe[0], arena.allocate(16), -1), SqeFlags.NONE, (c, r, f) -> calls.incrementAndGet(), 0));
            // The loop has handled what was handed over before this NOP: a refused read is not among it.
            CompletableFuture<Integer> after = new CompletableFuture<>();
            loop.submitCallback(new io.liouring.operation.Nop(), (c, r, f) -> after.complete(r), 0);
            assertEquals(0, after.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, calls.get());
            assertEquals(0, handle.inFlight());
        } finally {
            Fd.close(pipe[1]);
        }
    }

    @Test
    void closingTheLoopCompletesAPendingCallbackWithEcanceledAndRefusesNewOnes() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            EventLoop own = EventLoop.open();
            CompletableFuture<Integer> seen = new CompletableFuture<>();
            own.submitCallback(new Read(pipe[0], arena.allocate(16), -1), (context, result, flags) -> seen.complete(result),
                    0);
            while (own.inFlight() == 0) {
                Thread.onSpinWait();
            }
            own.close();

            assertEquals(-Errno.ECANCELED.number(), seen.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertThrows(EventLoopClosedException.class,
                    () -> own.submitCallback(new io.liouring.operation.Nop(), (c, r, f) -> { }, 0));
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void whatACallbackThrowsGoesToTheLoopThreadsHandlerAndTheLoopGoesOn() throws Exception {
        ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
        try (EventLoop own = EventLoop.builder().threadFactory(body -> {
            Thread t = new Thread(body, "callback-failure-loop");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            return t;
        }).build()) {
            IllegalStateException thrown = new IllegalStateException("thrown by a callback");
            own.submitCallback(new io.liouring.operation.Nop(), (c, r, f) -> {
                throw thrown;
            }, 0);
            CompletableFuture<Integer> next = new CompletableFuture<>();
            own.submitCallback(new io.liouring.operation.Nop().injectResult(5), (c, r, f) -> next.complete(r), 0);

            assertEquals(5, next.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of(thrown), List.copyOf(uncaught));
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        int[] pipe = AsyncNative.pipe();
        FdHandle handle = FdHandle.of(loop, pipe[0]);
        try {
            Read read = new Read(pipe[0], arena.allocate(16), -1);
            NullPointerException noCallback = assertThrows(NullPointerException.class,
                    () -> loop.submitCallback(read, null, 0));
            assertTrue(noCallback.getMessage().contains("callback"), noCallback.getMessage());
            IllegalArgumentException linked = assertThrows(IllegalArgumentException.class,
                    () -> loop.submitCallback(read, SqeFlags.IO_LINK, (c, r, f) -> { }, 0));
            assertTrue(linked.getMessage().contains("not allowed"), linked.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> handle.submitCallback(read, SqeFlags.FIXED_FILE, (c, r, f) -> { }, 0));
            assertEquals(0, handle.inFlight(), "a refused submission takes no reference");
        } finally {
            handle.close();
            Fd.close(pipe[1]);
        }
    }

    /** Waits until the loop has {@code n} requests in the kernel. */
    private void awaitInKernel(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (loop.inFlight() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(n, loop.inFlight(), "requests in the kernel");
    }
}
