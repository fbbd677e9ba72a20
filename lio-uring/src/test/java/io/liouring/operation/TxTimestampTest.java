package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SqeBytes;
import io.liouring.testing.Loopback;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.Map;

import static io.liouring.testing.Roundtrip.byUserData;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.nextFor;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SOCKET_URING_OP_TX_TIMESTAMP on a loopback TCP connection whose sender asks for software transmit timestamps
 * without payload ({@code SO_TIMESTAMPING} = 37: {@code TX_SOFTWARE | SOFTWARE | OPT_ID | OPT_TSONLY}). With
 * {@code OPT_ID} on TCP, a timestamp's key is the offset of the last byte of the send it stamps.
 */
class TxTimestampTest {
    private static final int SOL_SOCKET = 1;
    private static final int SO_TIMESTAMPING = 37;
    private static final int TX_SOFTWARE = 1 << 1;
    private static final int SOFTWARE = 1 << 4;
    private static final int OPT_ID = 1 << 7;
    private static final int OPT_TSONLY = 1 << 11;
    private static final long ARMED = 43;
    private static final long SENT = 44;

    @Test
    void encodesTheSocketCommand() {
        SqeBytes sqe = SqeBytes.encode(new TxTimestamp(7));
        assertEquals(io.liouring.Opcode.URING_CMD.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals(4, (int) sqe.off(), "cmd_op = SOCKET_URING_OP_TX_TIMESTAMP");
    }

    @Test
    void reportsEachSendsSoftwareTimestampWhileArmed() {
        assumeKernel617();
        try (var ring = new LioUring(16, Params.builder().cqe32().build());
             var tcp = Loopback.tcp(ring, Loopback.Ip.V6);
             var arena = Arena.ofConfined()) {
            run(ring, SetSockOpt.ofInt(tcp.client(), SOL_SOCKET, SO_TIMESTAMPING,
                    TX_SOFTWARE | SOFTWARE | OPT_ID | OPT_TSONLY)).resultOrThrow();
            long before = Instant.now().getEpochSecond();
            sendAndReceive(ring, tcp, arena, 100);
            ring.push(new TxTimestamp(tcp.client()), ARMED);
            ring.submit();
            TxTimestampReport first = TxTimestampReport.of(next(ring));
            assertEquals(99, first.key(), "the queued timestamp of the first send: its last byte");
            assertEquals(TxTimestampReport.SND, first.type());
            assertFalse(first.hardware(), "loopback has no NIC clock");
            assertTrue(first.seconds() >= before - 1 && first.seconds() <= Instant.now().getEpochSecond() + 1,
                    "CLOCK_REALTIME seconds: " + first);
            assertTrue(first.nanos() >= 0 && first.nanos() < 1_000_000_000L, first.toString());

            MemorySegment out = arena.allocate(50).fill((byte) 'b');
            ring.push(new Send(tcp.client(), out), SENT);
            Map<Long, Completion> byUserData = byUserData(ring, 2);
            assertEquals(50, byUserData.get(SENT).result());
            assertEquals(149, TxTimestampReport.of(byUserData.get(ARMED)).key(), "still armed: the second send's");

            run(ring, AsyncCancel.byUserData(ARMED)).resultOrThrow();
            Completion end = nextFor(ring, ARMED);
            assertEquals(Errno.ECANCELED, end.errno(), end.toString());
            assertThrows(IllegalArgumentException.class, () -> TxTimestampReport.of(end));
        }
    }

    @Test
    void aRingWithSixteenByteCompletionsIsRefused() {
        assumeKernel617();
        try (var ring = new LioUring(8);
             var tcp = Loopback.tcp(ring, Loopback.Ip.V4)) {
            Completion c = run(ring, new TxTimestamp(tcp.client()));
            assertEquals(Errno.EINVAL, c.errno(), c.toString());
            assertFalse(c.hasMore());
        }
    }

    @Test
    void decodesTheKindAndTheHardwareFlag() {
        Completion c = new Completion(1, 7, Completion.F_MORE | Completion.F_TSTAMP_HW | (TxTimestampReport.ACK << 17),
                12, 34);
        assertEquals(new TxTimestampReport(7, TxTimestampReport.ACK, true, 12, 34), TxTimestampReport.of(c));
    }

    private static void sendAndReceive(LioUring ring, Loopback.Tcp tcp, Arena arena, int bytes) {
        MemorySegment out = arena.allocate(bytes);
        out.fill((byte) 'a');
        assertEquals(bytes, run(ring, new Send(tcp.client(), out)).resultOrThrow());
        MemorySegment in = arena.allocate(bytes);
        int got = 0;
        while (got < bytes) {
            got += run(ring, new Recv(tcp.server(), in.asSlice(got))).resultOrThrow();
        }
        assertEquals(-1, out.mismatch(in), "the bytes arrived");
    }

    private static void assumeKernel617() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        org.junit.jupiter.api.Assumptions.assumeTrue(major > 6 || major == 6 && minor >= 17,
                "SOCKET_URING_OP_TX_TIMESTAMP needs Linux 6.17");
    }
}
