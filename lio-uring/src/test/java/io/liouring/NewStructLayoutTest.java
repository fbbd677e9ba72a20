package io.liouring;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The structs of the newer registrations against the offsets of the UAPI header (liburing's
 * {@code src/include/liburing/io_uring.h} and {@code io_uring/query.h} at 27255f4, compiled and printed with gcc
 * on x86_64): {@code io_uring_reg_wait} (ts 0, min_wait_usec 16, flags 20; 64 bytes), {@code io_uring_query_hdr}
 * (next_entry 0, query_data 8, query_op 16, size 20, result 24; 40 bytes), {@code io_uring_query_opcode} (48 bytes),
 * {@code io_uring_query_scq} (16 bytes), and the opcodes {@code IORING_REGISTER_MEM_REGION} = 34,
 * {@code IORING_REGISTER_QUERY} = 35, {@code IORING_REGISTER_SEND_MSG_RING} = 31.
 */
class NewStructLayoutTest {
    @Test
    void aWaitRegionSlotIsAStructIoUringRegWait() {
        try (Arena arena = Arena.ofConfined()) {
            WaitRegion region = WaitRegion.allocate(arena, 3);
            assertEquals(64, WaitRegion.SLOT_SIZE);
            assertEquals(0, region.memory().address() % 4096, "page aligned");
            assertEquals(0, region.memory().byteSize() % 4096, "whole pages");
            region.timeout(1, Duration.ofMillis(1500)).minWait(1, Duration.ofNanos(7_000));
            MemorySegment slot = region.memory().asSlice(region.offsetOf(1), 64);
            assertEquals(64, region.offsetOf(1));
            assertEquals(1, slot.get(JAVA_LONG, 0), "ts.tv_sec");
            assertEquals(500_000_000L, slot.get(JAVA_LONG, 8), "ts.tv_nsec");
            assertEquals(7, slot.get(JAVA_INT, 16), "min_wait_usec");
            assertEquals(1, slot.get(JAVA_INT, 20), "flags = IORING_REG_WAIT_TS");
            region.noTimeout(1);
            assertEquals(0, slot.get(JAVA_INT, 20));
            assertEquals(0, region.memory().get(JAVA_LONG, 0), "slot 0 untouched");
        }
    }

    @Test
    void aWaitRegionRefusesAMinimumWaitOverItsU32OfMicrosecondsByName() {
        try (Arena arena = Arena.ofConfined()) {
            WaitRegion region = WaitRegion.allocate(arena, 1);
            for (Duration tooLong : new Duration[] {Duration.ofMillis(0x1_0000_0000L), Duration.ofSeconds(Long.MAX_VALUE)}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> region.minWait(0, tooLong));
                assertTrue(e.getMessage().startsWith("minWait must be between 0 and 2^32-1 microseconds"), e.getMessage());
            }
            assertEquals(0, region.memory().get(JAVA_INT, 16), "min_wait_usec untouched");
        }
    }

    @Test
    void aQueryHeaderIsAStructIoUringQueryHdr() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(RingCapabilities.OPCODES_SIZE, 8);
            MemorySegment h = RingCapabilities.header(arena, 2, data, 0x1234);
            assertEquals(40, h.byteSize());
            assertEquals(0x1234, h.get(JAVA_LONG, 0), "next_entry");
            assertEquals(data.address(), h.get(JAVA_LONG, 8), "query_data");
            assertEquals(2, h.get(JAVA_INT, 16), "query_op");
            assertEquals(48, h.get(JAVA_INT, 20), "size");
            assertEquals(0, h.get(JAVA_INT, 24), "result");
            assertEquals(16, RingCapabilities.SCQ_SIZE);
        }
    }

    @Test
    void registerOpcodesAreTheKernels() {
        assertEquals(31, RegisterOp.REGISTER_SEND_MSG_RING.code());
        assertEquals(34, RegisterOp.REGISTER_MEM_REGION.code());
        assertEquals(35, RegisterOp.REGISTER_QUERY.code());
    }
}
