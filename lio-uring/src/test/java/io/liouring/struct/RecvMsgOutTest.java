package io.liouring.struct;

import io.liouring.MsgFlags;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The io_uring_recvmsg_out layout: header, reserved name room, reserved control room, payload. */
class RecvMsgOutTest {
    private static final int CONTROL = ControlMessages.space(4);

    /** A buffer as the kernel fills it for a template with name and control room. */
    private static MemorySegment filled(SockAddr name, ControlMessages control, String payload, int flags) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        MemorySegment b = Arena.ofAuto().allocate(16 + 128 + CONTROL + data.length);
        b.set(JAVA_INT, 0, name.length());
        b.set(JAVA_INT, 4, (int) control.segment().byteSize());
        b.set(JAVA_INT, 8, data.length);
        b.set(JAVA_INT, 12, flags);
        MemorySegment.copy(name.segment(), 0, b, 16, name.length());
        MemorySegment.copy(control.segment(), 0, b, 16 + 128, control.segment().byteSize());
        MemorySegment.copy(data, 0, b, JAVA_BYTE, 16 + 128 + CONTROL, data.length);
        return b;
    }

    @Test
    void readsHeaderNameControlAndPayload() {
        MsgHdr template = MsgHdr.withoutData().receiveName().control(ControlMessages.receiveBuffer(CONTROL));
        ControlMessages control = ControlMessages.of(ControlMessage.rights(7));
        RecvMsgOut out = new RecvMsgOut(template).wrap(filled(SockAddrIn6.loopback(99), control, "payload", 0));
        assertEquals(28, out.nameLength());
        assertEquals(CONTROL, out.controlLength());
        assertEquals(7, out.payloadLength());
        assertEquals(SockAddrIn6.loopback(99), out.name().orElseThrow());
        assertEquals(List.of(ControlMessage.rights(7)), out.controlMessages());
        assertEquals("payload", new String(out.payload().toArray(JAVA_BYTE), StandardCharsets.UTF_8));
        assertEquals(false, out.isTruncated());
    }

    @Test
    void reportsTruncation() {
        MsgHdr template = MsgHdr.withoutData().receiveName().control(ControlMessages.receiveBuffer(CONTROL));
        RecvMsgOut out = new RecvMsgOut(template).wrap(filled(SockAddrIn.loopback(1),
                ControlMessages.of(ControlMessage.rights(1)), "x", MsgFlags.MSG_TRUNC));
        assertTrue(out.isTruncated());
    }

    @Test
    void refusesBuffersShorterThanTheHeaderAndReservedRoom() {
        RecvMsgOut out = new RecvMsgOut(MsgHdr.withoutData().receiveName());
        assertThrows(IllegalArgumentException.class, () -> out.wrap(Arena.ofAuto().allocate(16 + 127)));
        assertThrows(IllegalStateException.class, out::payloadLength);
        assertEquals(0, out.wrap(Arena.ofAuto().allocate(16 + 128)).payload().byteSize());
    }

    @Test
    void aTemplateWithoutNameRoomHasNoName() {
        RecvMsgOut out = new RecvMsgOut(MsgHdr.withoutData()).wrap(Arena.ofAuto().allocate(20));
        assertTrue(out.name().isEmpty());
        assertEquals(4, out.payload().byteSize());
    }
}
