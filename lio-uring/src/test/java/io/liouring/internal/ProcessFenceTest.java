package io.liouring.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProcessFence}: the process-wide barrier that lets the ring's close-under-waiter handshake put its whole cost
 * on {@code close()}. The kernel this project runs on (Linux 4.14 and later) has {@code membarrier(2)}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessFenceTest {
    private static final VarHandle FREQUENT;

    static {
        try {
            FREQUENT = MethodHandles.lookup().findVarHandle(Flags.class, "frequent", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The two flags of one round of the handshake, as LioUring's waitingFor and closed. */
    static final class Flags {
        volatile int frequent;
        volatile int rare;
    }

    @Test
    void isAvailableOnThisKernelAndReturns() {
        assertTrue(ProcessFence.AVAILABLE, "membarrier(2) with MEMBARRIER_CMD_GLOBAL or PRIVATE_EXPEDITED");
        ProcessFence.serialize(); // the first call registers the process, later ones do not
        ProcessFence.serialize();
    }

    /**
     * Dekker's handshake, as the ring's waiter and {@code close()} run it: one thread stores its flag opaque (no fence)
     * and reads the other's; the other stores its flag volatile, calls {@link ProcessFence#serialize()} and reads the
     * first one's. In no round may both read 0 (each miss the other's store): that would be a waiter entering a ring
     * that {@code close()} released.
     */
    @Test
    void neitherSideMissesTheOthersStoreInAnyRound() throws Exception {
        int rounds = 5_000;
        Flags[] flags = new Flags[rounds];
        for (int i = 0; i < rounds; i++) {
            flags[i] = new Flags();
        }
        int[] frequentSaw = new int[rounds];
        int[] rareSaw = new int[rounds];
        AtomicInteger started = new AtomicInteger(); // both sides start round i once it reaches 2 * i + 2
        Thread frequent = Thread.ofPlatform().name("frequent-side").start(() -> {
            for (int i = 0; i < rounds; i++) {
                started.incrementAndGet();
                while (started.get() < 2 * i + 2) {
                    Thread.yield(); // the machine may have fewer free CPUs than the two sides
                }
                FREQUENT.setOpaque(flags[i], 1);
                frequentSaw[i] = flags[i].rare;
            }
        });
        for (int i = 0; i < rounds; i++) {
            started.incrementAndGet();
            while (started.get() < 2 * i + 2) {
                Thread.yield();
            }
            flags[i].rare = 1;
            ProcessFence.serialize();
            rareSaw[i] = flags[i].frequent;
        }
        frequent.join();
        int bothMissed = 0;
        for (int i = 0; i < rounds; i++) {
            if (frequentSaw[i] == 0 && rareSaw[i] == 0) {
                bothMissed++;
            }
        }
        assertEquals(0, bothMissed, "rounds in which each side missed the other's store");
    }
}
