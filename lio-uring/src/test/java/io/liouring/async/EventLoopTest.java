package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event loop: submission from other threads, futures, blocking calls, idle behaviour, ring setup. */
class EventLoopTest {
    private final EventLoop loop = EventLoop.open();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void writesAndReadsAFileThroughFuturesSubmittedFromAnotherThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        int fd = Fd.open(file, O_CREAT | O_RDWR, 0644);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = arena.allocateFrom("from a future", StandardCharsets.UTF_8);
            int written = loop.submitResult(new Write(fd, data.asSlice(0, 13), 0)).get(5, TimeUnit.SECONDS);
            assertEquals(13, written);
            assertEquals("from a future", Files.readString(file));

            MemorySegment back = arena.allocate(13);
            Completion read = loop.submit(new Read(fd, back, 0)).get(5, TimeUnit.SECONDS);
            assertEquals(13, read.result());
            assertEquals("from a future", new String(back.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void blockingCallReturnsTheResultOnAVirtualThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "virtual");
        int fd = Fd.openRead(file);
        try {
            MemorySegment buffer = Arena.ofAuto().allocate(7);
            CompletableFuture<Integer> n = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> n.complete(loop.callResult(new Read(fd, buffer, 0))));
            assertEquals(7, n.get(5, TimeUnit.SECONDS));
            assertEquals("virtual", new String(buffer.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void aFailedRequestIsACompletionWithItsErrnoOrANamedException() {
        MemorySegment buffer = Arena.ofAuto().allocate(8);
        Completion c = loop.call(new Read(-1, buffer, 0));
        assertEquals(Errno.EBADF, c.errno());

        UringException e = assertThrows(UringException.class, () -> loop.callResult(new Read(-1, buffer, 0)));
        assertEquals(Errno.EBADF, e.errno());
        assertTrue(e.getMessage().contains("Read"), e.getMessage());
    }

    @Test
    void ringIsSingleIssuerWithDeferredTaskRunAndARegisteredFd() {
        String flags = Params.describeFlags(loop.ringSetupFlags());
        assertTrue(flags.contains("SINGLE_ISSUER") && flags.contains("DEFER_TASKRUN"), flags);
        assertTrue(loop.isRingFdRegistered());
    }

    @Test
    void explicitParamsAreUsedAsGiven() {
        try (EventLoop plain = EventLoop.builder().params(Params.builder().build()).build()) {
            assertEquals(0, plain.ringSetupFlags() & ~(1 << 16), Params.describeFlags(plain.ringSetupFlags()));
            assertEquals(0, plain.callResult(new Nop()));
        }
    }

    @Test
    void aLoopCanDriveAnSqpollRing() throws Exception {
        try (EventLoop polled = EventLoop.builder().params(Params.builder().sqPoll(Duration.ofMillis(20)).build()).build()) {
            assertTrue(Params.describeFlags(polled.ringSetupFlags()).contains("SQPOLL"));
            assertEquals(5, polled.callResult(new Nop().injectResult(5)));
            Thread.sleep(100); // the SQPOLL thread goes to sleep; the next request must wake it
            assertEquals(6, polled.submitResult(new Nop().injectResult(6)).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anIdleLoopUsesNoCpu() throws Exception {
        loop.callResult(new Nop()); // the loop has run and is now waiting
        Thread.sleep(100);
        long before = AsyncNative.threadCpuNanos(loop.thread());
        Thread.sleep(2000);
        long used = AsyncNative.threadCpuNanos(loop.thread()) - before;
        assertTrue(used >= 0, "thread CPU time is measurable here");
        assertTrue(used < 20_000_000L, "an idle loop must sleep in the kernel, but used " + used / 1_000_000.0 + " ms of CPU in 2 s");
        // …and it still wakes up for new work after the idle period.
        assertEquals(0, loop.submitResult(new Nop()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void theLoopThreadAllocatesNothingPerRequest() throws Exception {
        Nop nop = new Nop();
        for (int i = 0; i < 20_000; i++) { // warm up: compile the loop's paths
            loop.submit(nop, SqeFlags.NONE, null, ResultMapper.SUCCESS).get(5, TimeUnit.SECONDS);
        }
        int requests = 50_000;
        long before = AsyncNative.threadAllocatedBytes(loop.thread());
        IoFuture<Void> last = null;
        for (int i = 0; i < requests; i++) {
            last = loop.submit(nop, SqeFlags.NONE, null, ResultMapper.SUCCESS);
            if (i % 64 == 63) {
                last.get(5, TimeUnit.SECONDS);
            }
        }
        last.get(5, TimeUnit.SECONDS);
        double perRequest = (AsyncNative.threadAllocatedBytes(loop.thread()) - before) / (double) requests;
        assertTrue(perRequest < 8, "the loop thread allocated " + perRequest + " bytes per request; the request's"
                + " IoFuture (allocated by the submitter) should be all a request costs");
    }

    @Test
    void blockingOnTheLoopThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        CompletableFuture<Integer> attempt = loop.runOnLoop(ring -> loop.callResult(new Nop()));
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> attempt.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    }

    @Test
    void runOnLoopRunsOnTheLoopThreadWithTheRingsRegistrationsOnly() throws Exception {
        String name = loop.runOnLoop(ring -> Thread.currentThread().getName() + ":" + ring.setupFlags())
                .get(5, TimeUnit.SECONDS);
        assertEquals(loop.name() + ":" + loop.ringSetupFlags(), name);

        // Registration works through the facade: a fixed buffer, which a READ_FIXED through the loop then fills.
        MemorySegment buffer = Arena.ofAuto().allocate(4096);
        assertEquals(0, loop.runOnLoop(ring -> ring.registerBuffers(buffer)).get(5, TimeUnit.SECONDS));
        int fd = Fd.openRead(java.nio.file.Path.of("/proc/self/status"));
        try {
            int n = loop.callResult(new io.liouring.operation.ReadFixed(fd, buffer.asSlice(0, 5), 0));
            assertEquals("Name:", new String(buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    StandardCharsets.US_ASCII));
        } finally {
            Fd.close(fd);
        }

        // A facade that leaks out of its task is refused on any other thread.
        LoopRing leaked = loop.runOnLoop(ring -> ring).get(5, TimeUnit.SECONDS);
        IllegalStateException e = assertThrows(IllegalStateException.class, leaked::probe);
        assertTrue(e.getMessage().contains("only on its thread"), e.getMessage());
    }

    @Test
    void flagsThatWouldBreakTheLoopsBookkeepingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> loop.submit(new Nop(), SqeFlags.IO_LINK));
        assertThrows(IllegalArgumentException.class, () -> loop.submit(new Nop(), SqeFlags.IO_HARDLINK));
        assertThrows(IllegalArgumentException.class, () -> loop.submit(new Nop(), SqeFlags.CQE_SKIP_SUCCESS));
        assertThrows(IllegalArgumentException.class, () -> loop.submit(new Nop(), Duration.ZERO));
        assertThrows(NullPointerException.class, () -> loop.submit(null));
    }

    @Test
    void aBadOperationFailsItsOwnFutureOnly() throws Exception {
        Arena arena = Arena.ofConfined();
        Read read = new Read(0, arena.allocate(8), 0);
        arena.close(); // the read now names freed memory: encoding it must fail, not reach the kernel
        IoFuture<Completion> bad = loop.submit(read);
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        assertEquals(null, bad.released().get(5, TimeUnit.SECONDS));
        assertEquals(0, loop.callResult(new Nop()));
    }

    @Test
    void theLoopGrowsItsRequestPoolBeyondOneChunk() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            int n = 1000; // records in several of the pool's chunks of 256, all in the kernel at once
            var futures = new java.util.ArrayList<IoFuture<Integer>>();
            for (int i = 0; i < n; i++) {
                futures.add(loop.submitResult(new Read(pipe[0], Arena.ofAuto().allocate(1), -1)));
            }
            while (loop.inFlight() < n) {
                Thread.sleep(5);
            }
            assertEquals(n, AsyncNative.write(pipe[1], new byte[n]));
            int total = 0;
            for (IoFuture<Integer> f : futures) {
                total += f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(n, total);
            assertEquals(0, loop.inFlight());
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void namesLoopsAfterTheBuilder() {
        try (EventLoop named = EventLoop.builder().name("my-loop").entries(8).build()) {
            assertEquals("my-loop", named.name());
            assertEquals("my-loop", named.thread().getName());
            assertNotEquals(loop.thread(), named.thread());
        }
    }

    @Test
    void requestsSubmittedWhileTheLoopIsBusyRunAfterwards() throws Exception {
        // A loop busy in a task still accepts submissions: they queue and run once it is free.
        CountDownLatch release = new CountDownLatch(1);
        loop.runOnLoop(ring -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        IoFuture<Integer> queued = loop.submitResult(new Nop().injectResult(42));
        Thread.sleep(50);
        assertTrue(!queued.isDone());
        release.countDown();
        assertEquals(42, queued.get(5, TimeUnit.SECONDS));
    }
}
