package io.liouring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectFdTest {
    @Test
    void aSlotIsBetweenZeroAndOneBelowIntMax() {
        assertEquals(0, new DirectFd(0).slot());
        assertEquals(Integer.MAX_VALUE - 1, new DirectFd(Integer.MAX_VALUE - 1).slot());
        var negative = assertThrows(IllegalArgumentException.class, () -> new DirectFd(-1));
        assertTrue(negative.getMessage().contains("slot must be between 0 and 2147483646: -1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DirectFd(Integer.MAX_VALUE),
                "the kernel takes slot + 1 in a 32-bit field");
    }

    @Test
    void twoDirectFdsOfTheSameSlotAreEqual() {
        assertEquals(new DirectFd(7), new DirectFd(7));
        assertEquals(new DirectFd(7).hashCode(), new DirectFd(7).hashCode());
    }
}
