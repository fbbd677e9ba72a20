package io.liouring.resources;

import io.liouring.LioUring;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registered ring fd: per thread, unregistered explicitly or by close. */
class RegisteredRingFdTest {
    @Test
    void unregisteringGoesBackToThePlainFd() {
        try (var ring = new LioUring(4)) {
            ring.registerRingFd();
            ring.unregisterRingFd();
            assertFalse(ring.isRingFdRegistered());
            ring.push(new Nop(), 3);
            assertEquals(1, ring.submitAndWait(1));
            assertEquals(3, ring.waitCompletion().userData());
            ring.unregisterRingFd(); // nothing registered: no-op
        }
    }

    @Test
    void closeDropsTheRegistrationSoAThreadNeverRunsOutOfSlots() {
        // a thread can hold 16 registered ring fds; without close unregistering, the 17th ring would fail
        for (int i = 0; i < 100; i++) {
            try (var ring = new LioUring(2)) {
                ring.registerRingFd();
                ring.push(new Nop(), i);
                assertEquals(i, ring.waitCompletion().userData());
            }
        }
    }

    @Test
    void anotherThreadEntersThroughThePlainFd() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (var ring = new LioUring(4)) {
            ring.registerRingFd();
            long userData = CompletableFuture.supplyAsync(() -> {
                ring.push(new Nop(), 9);
                ring.submitAndWait(1);
                return next(ring).userData();
            }, other).get(10, TimeUnit.SECONDS);
            assertEquals(9, userData);
            assertTrue(ring.isRingFdRegistered());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rethrow(CompletableFuture.runAsync(ring::unregisterRingFd, other)));
            assertTrue(e.getMessage().contains("only that thread"), e.getMessage());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aVirtualThreadMayNotRegister() throws Exception {
        try (var ring = new LioUring(4)) {
            var thrown = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread.ofVirtual().start(() -> {
                try {
                    ring.registerRingFd();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }).join();
            assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
            assertFalse(ring.isRingFdRegistered());
        }
    }

    private static void rethrow(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
