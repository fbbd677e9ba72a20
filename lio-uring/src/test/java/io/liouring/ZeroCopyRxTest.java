package io.liouring;

import io.liouring.operation.RecvZc;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Zero-copy receive set-up ({@code IORING_REGISTER_ZCRX_IFQ}). No NIC of this machine can receive into io_uring
 * memory, so the registration is shown up to the kernel's refusals, in the order {@code io_register_zcrx_ifq}
 * checks (io_uring/zcrx.c): ring flags, refill entries, interface, device. The structs are checked against the
 * offsets of liburing's UAPI header at 27255f4 ({@code src/include/liburing/io_uring.h}), compiled with gcc on
 * x86_64: {@code io_uring_zcrx_ifq_reg} 96 bytes (if_idx 0, if_rxq 4, rq_entries 8, flags 12, area_ptr 16,
 * region_ptr 24, offsets 32, zcrx_id 64, rx_buf_len 68); {@code io_uring_zcrx_offsets} 32 bytes (head 0, tail 4,
 * rqes 8); {@code io_uring_zcrx_area_reg} 48 bytes (addr 0, len 8, rq_area_token 16, flags 24, dmabuf_fd 28);
 * {@code io_uring_region_desc} 64 bytes (user_addr 0, size 8, flags 16, id 20, mmap_offset 24);
 * {@code io_uring_zcrx_rqe} 16 bytes (off 0, len 8); {@code io_uring_zcrx_cqe} 16 bytes (off 0);
 * {@code IORING_REGISTER_ZCRX_IFQ} = 32, {@code IORING_ZCRX_AREA_SHIFT} = 48.
 */
class ZeroCopyRxTest {
    private static final int LOOPBACK = 1;
    private static final int NO_SUCH_INTERFACE = 0x7fff_0000;

    private static Params zcrxReady() {
        return Params.builder().deferTaskrun().cqe32().build();
    }

    private static void assumeNetAdmin() {
        assumeTrue("root".equals(System.getProperty("user.name")), "IORING_REGISTER_ZCRX_IFQ needs CAP_NET_ADMIN");
    }

    private static UringException refusal(LioUring ring, int ifIndex, int refillEntries) {
        return assertThrows(UringException.class, () -> ring.registerZeroCopyRx(ifIndex, 0, refillEntries, 65536));
    }

    @Test
    void aRingWithoutDeferTaskrunIsRefused() {
        assumeNetAdmin();
        try (var ring = new LioUring(4, Params.builder().cqe32().build())) {
            UringException e = refusal(ring, LOOPBACK, 64);
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("DEFER_TASKRUN"), e.getMessage());
        }
    }

    @Test
    void aRingWithSixteenByteCompletionsIsRefused() {
        assumeNetAdmin();
        try (var ring = new LioUring(4, Params.builder().deferTaskrun().build())) {
            assertEquals(Errno.EINVAL, refusal(ring, LOOPBACK, 64).errno());
        }
    }

    @Test
    void moreRefillEntriesThanTheKernelsMaximumNeedClamp() {
        assumeNetAdmin();
        try (var ring = new LioUring(4, zcrxReady())) {
            assertEquals(Errno.EINVAL, refusal(ring, NO_SUCH_INTERFACE, ZeroCopyRx.MAX_REFILL_ENTRIES + 1).errno());
            assertEquals(Errno.ENODEV, refusal(ring, NO_SUCH_INTERFACE, ZeroCopyRx.MAX_REFILL_ENTRIES).errno(),
                    "the maximum itself passes that check and reaches the interface's");
        }
        try (var ring = new LioUring(4, Params.builder().deferTaskrun().cqe32().clamp().build())) {
            assertEquals(Errno.ENODEV, refusal(ring, NO_SUCH_INTERFACE, ZeroCopyRx.MAX_REFILL_ENTRIES + 1).errno(),
                    "with CLAMP the kernel lowers the count and goes on");
        }
    }

    @Test
    void anInterfaceThatDoesNotExistIsRefusedWithEnodev() {
        assumeNetAdmin();
        try (var ring = new LioUring(4, zcrxReady())) {
            UringException e = refusal(ring, NO_SUCH_INTERFACE, 64);
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().contains(Integer.toString(NO_SUCH_INTERFACE)), e.getMessage());
        }
    }

    @Test
    void loopbackHasNoDeviceToReceiveIntoRingMemory() {
        assumeNetAdmin();
        try (var ring = new LioUring(4, zcrxReady())) {
            assertEquals(Errno.EOPNOTSUPP, refusal(ring, LOOPBACK, 64).errno());
        }
    }

    @Test
    void mixedCompletionsAreEnoughForTheRingCheck() {
        assumeNetAdmin();
        try (var ring = new LioUring(4, Params.builder().deferTaskrun().cqeMixed().build())) {
            assertEquals(Errno.EOPNOTSUPP, refusal(ring, LOOPBACK, 64).errno(),
                    "CQE_MIXED passes the ring check: the refusal is the device's");
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeTheKernel() {
        try (var ring = new LioUring(4, zcrxReady())) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> ring.registerZeroCopyRx(-1, 0, 64, 4096)).getMessage().contains("ifIndex"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> ring.registerZeroCopyRx(1, -1, 64, 4096)).getMessage().contains("rxQueue"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> ring.registerZeroCopyRx(1, 0, 0, 4096)).getMessage().contains("refillEntries"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> ring.registerZeroCopyRx(1, 0, 64, 0)).getMessage().contains("areaBytes"));
        }
    }

    @Test
    void theRefillRingIsSizedForTheKernelsRoundedCount() {
        assertEquals(64, ZeroCopyRx.roundedEntries(64));
        assertEquals(128, ZeroCopyRx.roundedEntries(65));
        assertEquals(1, ZeroCopyRx.roundedEntries(1));
        assertEquals(65536, ZeroCopyRx.refillRingBytes(64), "128-byte header + 64 * 16 bytes, whole 64 KiB");
        assertEquals(131072, ZeroCopyRx.refillRingBytes(4096), "128 + 65536 bytes");
    }

    /** A queue over plain memory laid out as the kernel reports it: head 0, tail 64, entries from 128. */
    @Test
    void aRefillIsAStructIoUringZcrxRqeAtTheTail() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(128 + 2 * 16, 64);
            MemorySegment area = arena.allocate(8192, 4096);
            area.asSlice(4096 + 10, 3).copyFrom(MemorySegment.ofArray(new byte[] {7, 8, 9}));
            long token = 3L << ZeroCopyRx.AREA_SHIFT;
            ZeroCopyRx q = new ZeroCopyRx(5, area, token, ring, 2, 0, 64, 128);
            assertEquals(5, q.id());
            assertEquals(2, q.refillEntries());

            Completion first = new Completion(1, 3, 0, token | (4096 + 10), 0);
            assertArrayEquals(new byte[] {7, 8, 9}, q.data(first).toArray(JAVA_BYTE), "cqe off below AREA_SHIFT");
            assertTrue(q.refill(first));
            assertEquals(token | (4096 + 10), ring.get(JAVA_LONG, 128), "rqe.off with the area token");
            assertEquals(3, ring.get(JAVA_INT, 136), "rqe.len");
            assertEquals(1, ring.get(JAVA_INT, 64), "tail published");

            assertTrue(q.refill(new Completion(2, 100, 0, 0, 0)));
            assertEquals(token, ring.get(JAVA_LONG, 144));
            assertFalse(q.refill(new Completion(3, 1, 0, 200, 0)), "full until the kernel moves the head");
            ring.set(JAVA_INT, 0, 1);
            assertTrue(q.refill(new Completion(3, 1, 0, 200, 0)));
            assertEquals(token | 200, ring.get(JAVA_LONG, 128), "wrapped to the first entry");
            assertEquals(3, ring.get(JAVA_INT, 64));
        }
    }

    @Test
    void aCompletionOutsideTheAreaOrFailedIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            ZeroCopyRx q = new ZeroCopyRx(0, arena.allocate(4096, 4096), 0, arena.allocate(256, 64), 4, 0, 64, 128);
            assertThrows(IllegalArgumentException.class, () -> q.data(new Completion(1, 10, 0, 4090, 0)));
            assertThrows(IllegalArgumentException.class, () -> q.refill(new Completion(1, -22, 0, 0, 0)));
        }
    }

    @Test
    void aZeroCopyReceiveNamesTheQueueById() {
        try (Arena arena = Arena.ofConfined()) {
            ZeroCopyRx q = new ZeroCopyRx(6, arena.allocate(4096, 4096), 0, arena.allocate(256, 64), 4, 0, 64, 128);
            assertEquals(6, SqeBytes.encode(new RecvZc(9, q)).fileIndex(), "zcrx_ifq_idx");
            assertThrows(NullPointerException.class, () -> new RecvZc(9, (ZeroCopyRx) null));
        }
    }

    @Test
    void theRegisterOpcodeIsTheKernels() {
        assertEquals(32, RegisterOp.REGISTER_ZCRX_IFQ.code());
    }
}
