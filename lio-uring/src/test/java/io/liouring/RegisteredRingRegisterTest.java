package io.liouring;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Register calls of a thread that registered the ring's fd name the ring by its registered index
 * ({@code IORING_REGISTER_USE_REGISTERED_RING}, Linux 6.3, {@code IORING_FEAT_REG_REG_RING}); other threads keep
 * the plain fd. The kernel refuses an index that is not the caller's, so a call that succeeds through it shows the
 * index was right.
 */
class RegisteredRingRegisterTest {
    @Test
    void theRegisteringThreadRegistersThroughItsIndex() throws Exception {
        try (var ring = new LioUring(4);
             var arena = Arena.ofConfined()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(ring.hasFeature(Feature.REG_REG_RING),
                    "IORING_REGISTER_USE_REGISTERED_RING needs Linux 6.3");
            ring.registerBuffers(arena.allocate(4096, 4096));
            assertEquals(0, ring.registeredRingRegisterCalls, "without a registered ring fd: the plain fd");
            ring.unregisterBuffers();

            ring.registerRingFd();
            ring.registerBuffers(arena.allocate(4096, 4096));
            ring.unregisterBuffers();
            assertEquals(2, ring.registeredRingRegisterCalls, "both calls went through the registered index");

            CompletableFuture.runAsync(() -> ring.registerFilesSparse(4)).get(30, TimeUnit.SECONDS);
            assertEquals(2, ring.registeredRingRegisterCalls, "another thread has no index and used the fd");
        }
    }
}
