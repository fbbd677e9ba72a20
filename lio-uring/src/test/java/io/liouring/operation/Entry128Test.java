package io.liouring.operation;

import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Params;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Nop128 and UringCmd128: the operations that only exist as 128-byte submission entries (Linux 6.19). */
class Entry128Test {
    // ------------------------------------------------------------------ encoding

    @Test
    void nop128EncodesItsOpcodeAndNoFile() {
        SqeBytes sqe = SqeBytes.encode(new Nop128(), SqeFlags.NONE, 3, 128);
        assertEquals(Opcode.NOP128.code(), sqe.opcode());
        assertEquals(63, sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.opFlags());
        assertEquals(3, sqe.userData());
    }

    @Test
    void uringCmd128EncodesFdCmdOpAndAnEightyBytePayload() {
        byte[] payload = new byte[80];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i + 1);
        }
        SqeBytes sqe = SqeBytes.encode(new UringCmd128(5, 0x42).command(MemorySegment.ofArray(payload)),
                SqeFlags.NONE, 0, 128);
        assertEquals(Opcode.URING_CMD128.code(), sqe.opcode());
        assertEquals(64, sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(0x42, (int) sqe.off(), "cmd_op");
        assertEquals(0, sqe.off() >>> 32, "__pad1");
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(-1, MemorySegment.ofArray(payload).mismatch(sqe.raw().asSlice(48, 80)), "command area");
    }

    /** As liburing's {@code io_uring_prep_uring_cmd128} followed by {@code uring_cmd_flags |= IORING_URING_CMD_FIXED}. */
    @Test
    void uringCmd128NamesARegisteredBufferAndAnAddr() {
        SqeBytes sqe = SqeBytes.encode(new UringCmd128(5, 0x42).fixedBuffer(3).addr(0x1000), SqeFlags.NONE, 0, 128);
        assertEquals(1, sqe.opFlags(), "uring_cmd_flags = IORING_URING_CMD_FIXED");
        assertEquals(3, sqe.bufIndex(), "buf_index");
        assertEquals(0x1000, sqe.addr());
        assertEquals(0x42, (int) sqe.off(), "cmd_op");
        SqeBytes plain = SqeBytes.encode(new UringCmd128(5, 0x42), SqeFlags.NONE, 0, 128);
        assertEquals(0, plain.opFlags(), "no flags unless asked");
        assertEquals(0, plain.bufIndex());
        assertThrows(IllegalArgumentException.class, () -> new UringCmd128(5, 0).fixedBuffer(-1));
        assertThrows(IllegalArgumentException.class, () -> new UringCmd128(5, 0).fixedBuffer(65536));
    }

    @Test
    void payloadsOverEightyBytesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new UringCmd128(5, 0).command(MemorySegment.ofArray(new byte[81])));
    }

    @Test
    void sixtyFourByteEntriesAreRefusedBeforeTheKernelSeesThem() {
        assertThrows(IllegalStateException.class, () -> SqeBytes.encode(new Nop128()));
        assertThrows(IllegalStateException.class, () -> SqeBytes.encode(new UringCmd128(5, 0)));
    }

    // ------------------------------------------------------------------ kernel (6.19+)

    private static LioUring sqe128Ring() {
        return new LioUring(8, Params.builder().sqe128().build());
    }

    @Test
    void nop128CompletesWithZero() {
        try (LioUring ring = sqe128Ring()) {
            assumeTrue(ring.probe().isSupported(Opcode.NOP128), "IORING_OP_NOP128 needs Linux 6.19");
            ring.push(new Nop128(), 7);
            var c = Roundtrip.next(ring);
            assertEquals(7, c.userData());
            assertEquals(0, c.result());
        }
    }

    @Test
    void uringCmd128ReachesTheSocketCommandsOfAUdpSocket() {
        try (LioUring ring = sqe128Ring()) {
            assumeTrue(ring.probe().isSupported(Opcode.URING_CMD128), "IORING_OP_URING_CMD128 needs Linux 6.19");
            int socket = ControlNative.udpSocketConnectedToItself();
            try {
                ControlNative.write(socket, "12345");
                ring.push(new UringCmd128(socket, UringCmd128.SOCKET_SIOCINQ), 1);
                assertEquals(5, Roundtrip.next(ring).result(), "SIOCINQ: the size of the queued datagram");
            } finally {
                ControlNative.close(socket);
            }
        }
    }
}
