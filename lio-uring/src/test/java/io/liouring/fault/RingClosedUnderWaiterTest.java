package io.liouring.fault;

import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.testing.FaultNative;
import io.liouring.testing.ProcessResources;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@link LioUring#close()} called while another thread is blocked in one of the ring's waits: the waiter wakes and
 * throws an {@link IllegalStateException} that says the ring was closed under it; it never hangs, never sees FFM's
 * bare "Already closed", and the JVM does not crash. {@code close()} itself returns normally, and once the waiter
 * has left, the ring's descriptor and memory are gone. The waiter is the thread that created the ring, so the
 * {@code SINGLE_ISSUER | DEFER_TASKRUN} variant waits as its issuer.
 */
class RingClosedUnderWaiterTest {
    private static final long SYS_IO_URING_ENTER = 426;
    /** A hang guard, not a speed check: the waiter is woken at once. */
    private static final long PATIENCE_SECONDS = 10;

    /** Ring set-ups, each created on the waiting thread. */
    enum Mode {
        PLAIN(true, () -> new LioUring(8)),
        REGISTERED_RING_FD(true, () -> {
            LioUring ring = new LioUring(8);
            ring.registerRingFd(); // the waiter enters through the registered index; close() cannot drop it
            return ring;
        }),
        DEFER_TASKRUN(true, () -> new LioUring(8, Params.builder().singleIssuer().deferTaskrun().build())),
        SQPOLL(true, () -> new LioUring(8, Params.builder().sqPoll(Duration.ofMillis(1)).build())),
        /** A wait on an IOPOLL ring polls: the kernel returns at once and the waiter enters again and again. */
        IOPOLL(false, () -> new LioUring(8, Params.builder().iopoll().build()));

        /** Whether a waiter sleeps in the kernel (else it spins through it, and is closed on after a moment). */
        final boolean sleeps;
        final Supplier<LioUring> create;

        Mode(boolean sleeps, Supplier<LioUring> create) {
            this.sleeps = sleeps;
            this.create = create;
        }
    }

    /** The ways to block on a ring with nothing in flight. */
    enum Wait {
        WAIT_COMPLETION(LioUring::waitCompletion),
        TIMED_WAIT_COMPLETION(ring -> ring.waitCompletion(Duration.ofMinutes(10))),
        TIMED_BATCH_WAIT(ring -> ring.waitCompletion(4, Duration.ZERO, Duration.ofMinutes(10))),
        SUBMIT_AND_WAIT_ONE(ring -> ring.submitAndWait(1)),
        SUBMIT_AND_WAIT_MANY(ring -> ring.submitAndWait(5)),
        TIMED_SUBMIT_AND_WAIT(ring -> ring.submitAndWait(1, TimeUnit.MINUTES.toNanos(10)));

        final Consumer<LioUring> block;

        Wait(Consumer<LioUring> block) {
            this.block = block;
        }
    }

    static Stream<Arguments> everyWaitOnEveryRing() {
        return Arrays.stream(Mode.values()).flatMap(m -> Arrays.stream(Wait.values()).map(w -> Arguments.of(m, w)));
    }

    @ParameterizedTest(name = "{1} on a {0} ring")
    @MethodSource("everyWaitOnEveryRing")
    void theWaiterWakesWithAClearException(Mode mode, Wait wait) throws Exception {
        closeUnderWaiter(mode, wait);
    }

    @Test
    void closingUnderWaitersLeavesNoDescriptorOrMappingBehind() throws Exception {
        closeUnderWaiter(Mode.PLAIN, Wait.WAIT_COMPLETION); // warm-up: threads and classes
        ProcessResources.Snapshot before = ProcessResources.snapshot();
        for (int i = 0; i < 20; i++) {
            closeUnderWaiter(Mode.values()[i % Mode.values().length], Wait.values()[i % Wait.values().length]);
        }
        assertEquals(before, ProcessResources.snapshot());
    }

    @Test
    void closingAtAnyMomentAroundAWaitNeverHangsNorLeaks() throws Exception {
        closeUnderWaiter(Mode.PLAIN, Wait.WAIT_COMPLETION); // warm-up
        ProcessResources.Snapshot before = ProcessResources.snapshot();
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200; i++) {
            Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
            Wait wait = Wait.values()[random.nextInt(Wait.values().length)];
            // closed before, while or after the waiter announces its wait and enters the kernel
            IllegalStateException e = closeDuringWait(mode, wait, () -> LockSupport.parkNanos(random.nextLong(300_000)));
            assertTrue(e.getMessage().equals("ring is closed")
                    || e.getMessage().startsWith("ring closed by another thread while waiting"), e.getMessage());
        }
        assertEquals(before, ProcessResources.snapshot());
    }

    /** Starts a waiter on a new ring, closes the ring once the waiter is blocked in io_uring_enter, checks how it ends. */
    private static void closeUnderWaiter(Mode mode, Wait wait) throws Exception {
        IllegalStateException e = closeDuringWait(mode, wait, null);
        // a spinning waiter is closed on after a moment, not at a known point: it may not have begun its wait yet
        assertTrue(e.getMessage().startsWith("ring closed by another thread while waiting")
                || !mode.sleeps && e.getMessage().equals("ring is closed"), e.getMessage());
    }

    /**
     * Starts a waiter on a new ring and closes the ring from this thread, once the waiter is blocked in
     * io_uring_enter or, with {@code delay}, after that delay; returns what the waiter threw.
     */
    private static IllegalStateException closeDuringWait(Mode mode, Wait wait, Runnable delay) throws Exception {
        CompletableFuture<LioUring> created = new CompletableFuture<>();
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().daemon().name("waiter-" + mode + "-" + wait).start(() -> {
            LioUring ring;
            try {
                ring = mode.create.get();
            } catch (Throwable t) {
                created.completeExceptionally(t);
                return;
            }
            tid.complete(ResourcesNative.gettid());
            created.complete(ring);
            try {
                wait.block.accept(ring);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        LioUring ring;
        try {
            ring = created.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assumeFalse(mode == Mode.IOPOLL && e.getCause() instanceof UringException,
                    "the kernel refuses IOPOLL rings here: " + e.getCause());
            throw e;
        }
        if (delay != null) {
            delay.run();
        } else if (mode.sleeps) {
            awaitBlockedInEnter(tid.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        } else {
            Thread.sleep(20); // let it spin through a few enters (if it has not begun yet, see closeUnderWaiter)
        }

        ring.close(); // from this thread, while the waiter is inside io_uring_enter
        assertTrue(ring.isClosed());

        Throwable thrown;
        try {
            thrown = outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(wait + " on a " + mode + " ring never woke after close()");
        }
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown,
                wait + " returned or failed otherwise: " + thrown);
        waiter.join(PATIENCE_SECONDS * 1000);
        ring.close(); // still idempotent
        return e;
    }

    private static void awaitBlockedInEnter(int tid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (FaultNative.blockedInSyscall(tid) != SYS_IO_URING_ENTER) {
            if (System.nanoTime() > deadline) {
                fail("thread " + tid + " never blocked in io_uring_enter");
            }
            Thread.sleep(1);
        }
    }
}
