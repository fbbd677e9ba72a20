package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Params;
import io.liouring.SqeBytes;
import io.liouring.testing.Loopback;
import org.junit.jupiter.api.Test;

import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * RECV_ZC needs a zero-copy rx interface queue on a NIC with header split and flow steering; this machine has
 * none (loopback cannot host one), so the live test shows the error path: the kernel refuses the request.
 */
class RecvZcTest {
    @Test
    void encodesMultishotTheQueueIndexAndTheLength() {
        SqeBytes sqe = SqeBytes.encode(new RecvZc(8, 3).length(4096).pollFirst());
        assertEquals(Opcode.RECV_ZC.code(), sqe.opcode());
        assertEquals(8, sqe.fd());
        assertEquals(4096, sqe.len());
        assertEquals(2 | 1, sqe.ioprio());
        assertEquals(3, sqe.fileIndex());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.off());
        assertEquals(0, sqe.addr3());
        assertEquals(0, sqe.opFlags());
        assertEquals(2, SqeBytes.encode(new RecvZc(8, 0)).ioprio(), "always multishot");
    }

    @Test
    void refusesNegativeArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RecvZc(8, -1));
        assertThrows(IllegalArgumentException.class, () -> new RecvZc(8, 0).length(-1));
    }

    @Test
    void withoutARegisteredInterfaceQueueTheKernelAnswersEinval() {
        try (var ring = new LioUring(8, Params.builder().cqe32().build());
             var tcp = Loopback.tcp(ring, Loopback.Ip.V6)) {
            Completion c = run(ring, new RecvZc(tcp.server(), 0));
            assertEquals(Errno.EINVAL, c.errno(), c.toString());
            assertFalse(c.hasMore(), "the request is over");
        }
    }
}
