package io.liouring;

import io.liouring.internal.IoUringSys;
import io.liouring.internal.Libc;
import io.liouring.operation.Read;
import io.liouring.testing.FaultNative;
import io.liouring.testing.PipeNative;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signal delivered to a thread waiting in {@code io_uring_enter} makes the kernel return {@code EINTR}; the waits
 * of {@link LioUring} retry and still return the completion. The signal is SIGPIPE, which HotSpot handles by doing
 * nothing, so the JVM survives it (see {@link FaultNative}).
 */
class InterruptedWaitTest {
    private static final int ENTER_GETEVENTS = 1;
    private static final long SYS_IO_URING_ENTER = 426;
    private static final int SIGNALS = 20;

    /** The waiting thread: its pthread handle for signals, its tid to see where it is blocked. */
    private record Waiter(long pthread, int tid) {
        static Waiter current() {
            return new Waiter(FaultNative.pthreadSelf(), ResourcesNative.gettid());
        }

        /** Waits (at most 5 s) until the thread is blocked in io_uring_enter, then signals it. */
        void interruptWait() throws InterruptedException {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (FaultNative.blockedInSyscall(tid) != SYS_IO_URING_ENTER) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("thread " + tid + " never blocked in io_uring_enter");
                }
                Thread.sleep(1);
            }
            FaultNative.pthreadKill(pthread, FaultNative.SIGPIPE);
            Thread.sleep(2); // let it take the signal before the next look
        }
    }

    /** The ways to wait for one completion. */
    enum Wait {
        WAIT_COMPLETION(LioUring::waitCompletion),
        TIMED_WAIT_COMPLETION(ring -> ring.waitCompletion(Duration.ofSeconds(30)).orElseThrow()),
        SUBMIT_AND_WAIT(ring -> {
            ring.submitAndWait(1);
            return ring.tryCompletion().orElseThrow();
        });

        final Function<LioUring, Completion> wait;

        Wait(Function<LioUring, Completion> wait) {
            this.wait = wait;
        }
    }

    @Test
    void aSignalMakesTheKernelWaitReturnEintr() throws Exception {
        try (var ring = new LioUring(4)) {
            CompletableFuture<Waiter> thread = new CompletableFuture<>();
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                thread.complete(Waiter.current());
                try (Arena arena = Arena.ofConfined()) {
                    // nothing in flight: only a signal can end this wait
                    result.complete(IoUringSys.enter(Libc.newErrnoState(arena), ring.fd(), 0, 1, ENTER_GETEVENTS, 0, 0));
                }
            });
            thread.get(5, TimeUnit.SECONDS).interruptWait();
            assertEquals(-Errno.EINTR.number(), result.get(5, TimeUnit.SECONDS));
            waiter.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Wait.class)
    void aWaitInterruptedBySignalsRetriesAndReturnsTheCompletion(Wait wait) throws Exception {
        try (var pipe = PipeNative.pipe(); var arena = Arena.ofShared()) {
            MemorySegment buffer = arena.allocate(16);
            CompletableFuture<Waiter> thread = new CompletableFuture<>();
            CompletableFuture<Completion> completion = new CompletableFuture<>();
            long[] enters = new long[1];
            Thread waiter = Thread.ofPlatform().start(() -> {
                try (var ring = new LioUring(4, Params.builder().singleIssuer().deferTaskrun().build())) {
                    ring.push(new Read(pipe.readFd(), buffer, -1), 7);
                    thread.complete(Waiter.current());
                    completion.complete(wait.wait.apply(ring));
                    enters[0] = ring.enterCalls;
                } catch (Throwable t) {
                    completion.completeExceptionally(t);
                }
            });
            Waiter target = thread.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < SIGNALS; i++) {
                target.interruptWait(); // each time it is back in the kernel, waiting again
            }
            PipeNative.writeFully(pipe.writeFd(), "after the storm".getBytes());
            Completion c = completion.get(10, TimeUnit.SECONDS);
            waiter.join();
            assertEquals(7, c.userData());
            assertEquals(15, c.result());
            assertArrayEquals("after the storm".getBytes(), buffer.asSlice(0, 15).toArray(JAVA_BYTE));
            // at least the first signal hit the thread while it was blocked in io_uring_enter
            assertTrue(enters[0] > 1, "the wait was interrupted and entered the kernel again: " + enters[0] + " enters");
        }
    }
}
