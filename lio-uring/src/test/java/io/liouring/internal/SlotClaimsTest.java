package io.liouring.internal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotClaimsTest {
    @Test
    void theCountMustBeAPositivePowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SlotClaims(0));
        assertThrows(IllegalArgumentException.class, () -> new SlotClaims(-4));
        var three = assertThrows(IllegalArgumentException.class, () -> new SlotClaims(3));
        assertTrue(three.getMessage().contains("power of two: 3"), three.getMessage());
    }

    @Test
    void heldSlotsAreDistinctAndAReleasedOneIsClaimedAgain() {
        SlotClaims claims = new SlotClaims(4);
        Set<Integer> held = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int slot = claims.claim();
            assertTrue(slot >= 0 && slot < 4, "slot " + slot);
            assertTrue(held.add(slot), "slot " + slot + " handed out twice");
        }
        int freed = held.iterator().next();
        claims.release(freed);
        assertEquals(freed, claims.claim(), "the only free slot");
    }

    @Test
    void tryClaimTakesAFreeSlotAndGivesUpWhenEveryOneIsHeld() {
        SlotClaims claims = new SlotClaims(2);
        int first = claims.tryClaim();
        int second = claims.tryClaim();
        assertTrue(first >= 0 && second >= 0 && first != second, first + ", " + second);
        assertEquals(-1, claims.tryClaim(), "both slots are held");
        claims.release(second);
        assertEquals(second, claims.tryClaim(), "the only free slot");
    }

    @Test
    void concurrentClaimersNeverHoldTheSameSlot() throws Exception {
        SlotClaims claims = new SlotClaims(2); // fewer slots than threads: claimers must wait for releases
        AtomicIntegerArray holders = new AtomicIntegerArray(2);
        AtomicReference<String> clash = new AtomicReference<>();
        Thread[] threads = new Thread[6];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    int slot = claims.claim();
                    if (holders.incrementAndGet(slot) != 1) {
                        clash.compareAndSet(null, "slot " + slot + " held twice");
                    }
                    holders.decrementAndGet(slot);
                    claims.release(slot);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(clash.get());
    }
}
