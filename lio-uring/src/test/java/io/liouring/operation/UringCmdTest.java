package io.liouring.operation;

import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Params;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic URING_CMD forms, driven here with a socket command (cmd_op 0 = SOCKET_URING_OP_SIOCINQ). */
class UringCmdTest {
    private static final int SIOCINQ = 0;

    private static MemorySegment pattern(int size) {
        MemorySegment s = Arena.ofAuto().allocate(size);
        for (int i = 0; i < size; i++) {
            s.set(JAVA_BYTE, i, (byte) (i + 1));
        }
        return s;
    }

    @Test
    void uringCmd16EncodesCmdOpFlagsAndTheSixteenCommandBytes() {
        SqeBytes sqe = SqeBytes.encode(new UringCmd16(5, 0x1234).command(pattern(16)).fixedBuffer(3));
        assertEquals(Opcode.URING_CMD.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(0x1234L, sqe.off(), "cmd_op in the low half of off, __pad1 zero");
        assertEquals(1, sqe.opFlags(), "IORING_URING_CMD_FIXED");
        assertEquals(3, sqe.bufIndex());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(pattern(16).asByteBuffer(), sqe.raw().asSlice(48, 16).asByteBuffer());
    }

    @Test
    void addrGoesIntoTheEntrysAddrWord() {
        SqeBytes sqe = SqeBytes.encode(new UringCmd16(5, 0x1200).addr(0x10000L).command(pattern(8)));
        assertEquals(0x10000L, sqe.addr(), "sqe.addr, as io_uring_prep_cmd_discard sets the offset");
        assertEquals(pattern(8).asByteBuffer(), sqe.raw().asSlice(48, 8).asByteBuffer(), "command bytes stay at 48");
    }

    @Test
    void aShortCommandIsPaddedWithZeros() {
        UringCmd16 cmd = new UringCmd16(5, 1).command(pattern(16)).command(pattern(4));
        MemorySegment bytes = SqeBytes.encode(cmd).raw().asSlice(48, 16);
        assertEquals(pattern(4).asByteBuffer(), bytes.asSlice(0, 4).asByteBuffer());
        assertEquals(-1, bytes.asSlice(4).mismatch(Arena.ofAuto().allocate(12)));
    }

    @Test
    void refusesACommandLargerThanItsRoom() {
        assertThrows(IllegalArgumentException.class, () -> new UringCmd16(5, 1).command(pattern(17)));
        assertThrows(IllegalArgumentException.class, () -> new UringCmd80(5, 1).command(pattern(81)));
    }

    @Test
    void uringCmd80EncodesEightyCommandBytesInA128ByteEntry() {
        SqeBytes sqe = SqeBytes.encode(new UringCmd80(7, 9).command(pattern(80)), SqeFlags.NONE, 0, 128);
        assertEquals(Opcode.URING_CMD.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals(9L, sqe.off());
        assertEquals(pattern(80).asByteBuffer(), sqe.raw().asSlice(48, 80).asByteBuffer());
    }

    @Test
    void uringCmd80NeedsAnSqe128Ring() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SqeBytes.encode(new UringCmd80(7, 9)));
        assertTrue(e.getMessage().contains("sqe128"), e.getMessage());
        try (var ring = new LioUring(4)) {
            assertThrows(IllegalStateException.class, () -> ring.push(new UringCmd80(0, 0), 1));
            assertEquals(4, ring.sqSpaceLeft(), "the refused entry was not queued");
        }
    }

    @Test
    void uringCmd16DrivesSiocinqOnASocket() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4)) {
            SocketNative.write(tcp.client(), Loopback.utf8("seven b"));
            SocketNative.readable(tcp.server(), PATIENCE);
            assertEquals(7, run(ring, new UringCmd16(tcp.server(), SIOCINQ)).result());
        }
    }

    @Test
    void uringCmd80DrivesSiocinqOnAnSqe128Ring() {
        try (var ring = new LioUring(8, Params.builder().sqe128().build()); var tcp = Loopback.tcp(ring, Loopback.Ip.V6)) {
            SocketNative.write(tcp.client(), Loopback.utf8("thirteen byte"));
            SocketNative.readable(tcp.server(), PATIENCE);
            assertEquals(13, run(ring, new UringCmd80(tcp.server(), SIOCINQ)).result());
        }
    }
}
