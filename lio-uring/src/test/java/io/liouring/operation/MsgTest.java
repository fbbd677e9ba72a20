package io.liouring.operation;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.MsgFlags;
import io.liouring.Opcode;
import io.liouring.OpenFlags;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.struct.ControlMessage;
import io.liouring.struct.ControlMessages;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.MsgHdr;
import io.liouring.struct.RecvMsgOut;
import io.liouring.struct.SockAddr;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sendmsg and recvmsg: vectors, addresses, SCM_RIGHTS descriptors, and the multishot recvmsg layout. */
class MsgTest {
    @Test
    void encodesSendMsgWithTheHeaderAndOneMessage() {
        MsgHdr msg = MsgHdr.of(IoVecArray.of(Arena.ofAuto().allocate(8)));
        SqeBytes sqe = SqeBytes.encode(new SendMsg(4, msg).msgFlags(MsgFlags.MSG_NOSIGNAL));
        assertEquals(Opcode.SENDMSG.code(), sqe.opcode());
        assertEquals(4, sqe.fd());
        assertEquals(msg.segment().address(), sqe.addr());
        assertEquals(1, sqe.len());
        assertEquals(MsgFlags.MSG_NOSIGNAL, sqe.opFlags());
        assertEquals(0, sqe.ioprio());
        assertEquals(Opcode.SENDMSG_ZC.code(), SqeBytes.encode(new SendMsgZc(4, msg)).opcode());
    }

    @Test
    void encodesRecvMsgAndResetsTheHeaderOutFields() {
        MsgHdr msg = MsgHdr.of(IoVecArray.of(Arena.ofAuto().allocate(8))).receiveName()
                .control(ControlMessages.receiveBuffer(64));
        msg.segment().set(JAVA_INT, 8, 3);      // msg_namelen as a receive left it
        msg.segment().set(JAVA_LONG, 40, 5L);   // msg_controllen
        SqeBytes sqe = SqeBytes.encode(new RecvMsg(6, msg).pollFirst());
        assertEquals(Opcode.RECVMSG.code(), sqe.opcode());
        assertEquals(msg.segment().address(), sqe.addr());
        assertEquals(1, sqe.len());
        assertEquals(1, sqe.ioprio());
        assertEquals(128, msg.nameLength());
        assertEquals(64, msg.controlLength());
    }

    @Test
    void encodesRecvMsgMultiWithMultishotAndBufferSelect() {
        SqeBytes sqe = SqeBytes.encode(new RecvMsgMulti(6, MsgHdr.withoutData().receiveName(), 12));
        assertEquals(Opcode.RECVMSG.code(), sqe.opcode());
        assertEquals(2, sqe.ioprio());
        assertEquals(12, sqe.bufIndex());
        assertEquals(SqeFlags.BUFFER_SELECT.bits(), sqe.flags());
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendMsgGathersTheVectorsOntoTheConnection(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip); var arena = Arena.ofConfined()) {
            MsgHdr msg = MsgHdr.of(arena, IoVecArray.of(arena, Loopback.bytes(arena, "Hello, "), Loopback.bytes(arena, "world")));
            assertEquals(12, run(ring, new SendMsg(tcp.client(), msg)).result());
            assertEquals("Hello, world", Loopback.text(SocketNative.readExactly(tcp.server(), 12, PATIENCE)));
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void datagramsCarryTheirAddressBothWays(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            int receiver = Loopback.boundUdp(ring, ip);
            int sender = Loopback.boundUdp(ring, ip);
            try {
                MsgHdr out = MsgHdr.of(arena, IoVecArray.of(arena, Loopback.bytes(arena, "to you")))
                        .name(ip.loopback(SocketNative.localPort(receiver)));
                assertEquals(6, run(ring, new SendMsg(sender, out)).result());

                MemorySegment in = arena.allocate(32);
                MsgHdr msg = MsgHdr.of(arena, IoVecArray.of(arena, in)).receiveName();
                int n = run(ring, new RecvMsg(receiver, msg)).resultOrThrow();
                assertEquals("to you", Loopback.text(in.asSlice(0, n)));
                assertEquals(ip.loopback(SocketNative.localPort(sender)), msg.receivedName().orElseThrow());
                assertEquals(0, msg.flags());
            } finally {
                Fd.close(sender);
                Fd.close(receiver);
            }
        }
    }

    @Test
    void reportsATruncatedDatagramInMsgFlags() {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_DGRAM);
            try {
                SocketNative.write(pair[0], Loopback.utf8("longer than four"));
                MemorySegment in = arena.allocate(4);
                MsgHdr msg = MsgHdr.of(arena, IoVecArray.of(arena, in));
                assertEquals(4, run(ring, new RecvMsg(pair[1], msg)).result());
                assertEquals(MsgFlags.MSG_TRUNC, msg.flags() & MsgFlags.MSG_TRUNC);
            } finally {
                Fd.close(pair[0]);
                Fd.close(pair[1]);
            }
        }
    }

    @Test
    void passesAnOpenFileDescriptorWithScmRights(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.txt");
        Files.writeString(file, "handed over");
        int fd = Fd.open(file, OpenFlags.O_RDONLY, 0);
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            MsgHdr out = MsgHdr.of(arena, IoVecArray.of(arena, Loopback.bytes(arena, "!")))
                    .control(ControlMessages.of(arena, ControlMessage.rights(fd)));
            assertEquals(1, run(ring, new SendMsg(pair[0], out)).result());

            MsgHdr in = MsgHdr.of(arena, IoVecArray.of(arena, arena.allocate(8)))
                    .control(ControlMessages.receiveBuffer(arena, ControlMessages.space(4)));
            assertEquals(1, run(ring, new RecvMsg(pair[1], in).msgFlags(MsgFlags.MSG_CMSG_CLOEXEC)).result());
            List<ControlMessage> received = in.receivedControl();
            assertEquals(1, received.size(), received.toString());
            assertTrue(received.getFirst().isRights());
            int passed = received.getFirst().fileDescriptors()[0];
            try {
                assertNotEquals(fd, passed, "the receiver gets a new descriptor");
                MemorySegment content = arena.allocate(32);
                int n = run(ring, new Read(passed, content)).resultOrThrow();
                assertEquals("handed over", Loopback.text(content.asSlice(0, n)), "it opens the same file");
            } finally {
                Fd.close(passed);
            }
        } finally {
            Fd.close(fd);
            Fd.close(pair[0]);
            Fd.close(pair[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void recvMsgMultiLaysOutHeaderNameAndPayloadInEachBuffer(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var buffers = BufferRing.register(ring, 4, 4, 512)) {
            int receiver = Loopback.boundUdp(ring, ip);
            int sender = Loopback.boundUdp(ring, ip);
            try {
                run(ring, new Connect(sender, ip.loopback(SocketNative.localPort(receiver)))).resultOrThrow();
                SockAddr senderAddress = ip.loopback(SocketNative.localPort(sender));
                MsgHdr template = MsgHdr.withoutData().receiveName();
                RecvMsgOut out = new RecvMsgOut(template);
                ring.push(new RecvMsgMulti(receiver, template, 4), 11);
                ring.submit();
                for (String message : new String[] {"one datagram", "and another"}) {
                    SocketNative.write(sender, Loopback.utf8(message));
                    Completion c = next(ring);
                    assertEquals(11, c.userData());
                    assertTrue(c.hasMore(), "still armed: " + c);
                    BufferRing.Buffer b = buffers.take(c);
                    out.wrap(b.data());
                    assertEquals(message, Loopback.text(out.payload()));
                    assertEquals(message.length(), out.payloadLength());
                    assertEquals(senderAddress, out.name().orElseThrow());
                    assertEquals(senderAddress.length(), out.nameLength());
                    assertEquals(0, out.controlLength());
                    assertEquals(0, out.flags());
                    buffers.recycle(b);
                }
            } finally {
                Fd.close(sender);
                Fd.close(receiver);
            }
        }
    }
}
