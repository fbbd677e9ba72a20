package io.liouring.struct;

import io.liouring.SocketOptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsgHdrTest {
    @Test
    void laysOutNameVectorsAndControlAsStructMsghdr() {
        IoVecArray vectors = IoVecArray.of(Arena.ofAuto().allocate(8), Arena.ofAuto().allocate(4));
        SockAddrIn to = SockAddrIn.loopback(53);
        ControlMessages control = ControlMessages.of(ControlMessage.rights(5, 6));
        MsgHdr msg = MsgHdr.of(vectors).name(to).control(control);
        MemorySegment h = msg.segment();
        assertEquals(56, h.byteSize());
        assertEquals(to.segment().address(), h.get(JAVA_LONG, 0));
        assertEquals(16, h.get(JAVA_INT, 8));
        assertEquals(vectors.segment().address(), h.get(JAVA_LONG, 16));
        assertEquals(2, h.get(JAVA_LONG, 24));
        assertEquals(control.segment().address(), h.get(JAVA_LONG, 32));
        assertEquals(ControlMessages.space(8), h.get(JAVA_LONG, 40));
        assertEquals(0, h.get(JAVA_INT, 48));
    }

    @Test
    void receiveReservesStorageAndPrepareReceiveRestoresTheRoom() {
        MsgHdr msg = MsgHdr.withoutData().receiveName().control(ControlMessages.receiveBuffer(48));
        assertEquals(SockAddrStorage.SIZE, msg.nameCapacity());
        assertEquals(48, msg.controlCapacity());
        msg.segment().set(JAVA_INT, 8, 16);
        msg.segment().set(JAVA_LONG, 40, 0L);
        msg.segment().set(JAVA_INT, 48, 0x20);
        msg.prepareReceive();
        assertEquals(SockAddrStorage.SIZE, msg.nameLength());
        assertEquals(48, msg.controlLength());
        assertEquals(0, msg.flags());
        assertEquals(0, msg.segment().get(JAVA_LONG, 24), "no data vectors");
    }

    @Test
    void aHeaderWithADestinationRefusesToReceive() {
        MsgHdr msg = MsgHdr.withoutData().name(SockAddrIn.loopback(1));
        assertThrows(IllegalStateException.class, msg::prepareReceive);
        msg.receiveName().prepareReceive();
    }

    @Test
    void readsTheReportedNameAndNothingWhenThereIsNone() {
        MsgHdr msg = MsgHdr.withoutData().receiveName();
        assertTrue(msg.receivedName().isEmpty(), "nothing received yet: the room holds AF_UNSPEC");
        msg.segment().set(JAVA_INT, 8, 0);
        assertTrue(msg.receivedName().isEmpty(), "a stream socket reports no name");
        assertEquals(List.of(), msg.receivedControl());
    }

    @Test
    void controlMessagesAreAlignedHeadersThatParseBack() {
        ControlMessage rights = ControlMessage.rights(3, 4, 5);
        ControlMessage other = new ControlMessage(SocketOptions.IPPROTO_IPV6, 50, new byte[] {1, 2});
        ControlMessages encoded = ControlMessages.of(rights, other);
        MemorySegment s = encoded.segment();
        assertEquals(ControlMessages.space(12) + ControlMessages.space(2), s.byteSize());
        assertEquals(16 + 12, s.get(JAVA_LONG, 0), "cmsg_len = CMSG_LEN(12)");
        assertEquals(SocketOptions.SOL_SOCKET, s.get(JAVA_INT, 8));
        assertEquals(ControlMessage.SCM_RIGHTS, s.get(JAVA_INT, 12));
        assertEquals(3, s.get(JAVA_INT, 16));
        assertEquals(32, ControlMessages.space(12), "the next header starts 8-aligned");
        assertEquals(18, s.get(JAVA_LONG, 32));
        assertEquals(List.of(rights, other), encoded.read(s.byteSize()));
        assertArrayEquals(new int[] {3, 4, 5}, encoded.read(s.byteSize()).getFirst().fileDescriptors());
    }

    @Test
    void parsingStopsAtATruncatedHeader() {
        ControlMessages encoded = ControlMessages.of(ControlMessage.rights(3), ControlMessage.rights(4));
        assertEquals(1, encoded.read(ControlMessages.space(4) + 10).size());
        assertEquals(0, encoded.read(8).size());
        assertThrows(IllegalArgumentException.class, () -> encoded.read(encoded.segment().byteSize() + 1));
    }

    @Test
    void refusesEmptyOrOversizedRights() {
        assertThrows(IllegalArgumentException.class, ControlMessage::rights);
        assertThrows(IllegalArgumentException.class, () -> ControlMessage.rights(new int[254]));
        assertThrows(IllegalArgumentException.class, () -> ControlMessage.rights(-1));
        assertThrows(IllegalStateException.class, () -> new ControlMessage(1, 2, new byte[4]).fileDescriptors());
        assertThrows(IllegalArgumentException.class, () -> ControlMessages.receiveBuffer(8));
        assertThrows(IllegalArgumentException.class, ControlMessages::of);
    }

    @Test
    void controlMessageDataIsCopiedInAndOut() {
        byte[] data = {1, 2, 3};
        ControlMessage m = new ControlMessage(1, 1, data);
        data[0] = 9;
        assertEquals(1, m.data()[0]);
        m.data()[1] = 9;
        assertEquals(2, m.data()[1]);
    }
}
