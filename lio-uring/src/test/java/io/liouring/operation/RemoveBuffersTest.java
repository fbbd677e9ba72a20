package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RemoveBuffersTest {
    private static final int GROUP = 3;

    @Test
    void encodesCountInFdAndTheGroupAndNothingElse() {
        SqeBytes sqe = SqeBytes.encode(new RemoveBuffers(9, GROUP));
        assertEquals(Opcode.REMOVE_BUFFERS.code(), sqe.opcode());
        assertEquals(32, sqe.opcode());
        assertEquals(9, sqe.fd());
        assertEquals(GROUP, sqe.bufIndex(), "buf_group");
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.off());
    }

    @Test
    void refusesCountsAndGroupsTheKernelCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> new RemoveBuffers(0, GROUP));
        assertThrows(IllegalArgumentException.class, () -> new RemoveBuffers(65537, GROUP));
        assertThrows(IllegalArgumentException.class, () -> new RemoveBuffers(1, -1));
    }

    @Test
    void removesTheUnusedBuffersAndReportsHowMany() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined(); var pipe = PipeNative.pipe()) {
            assertEquals(0, Roundtrip.run(ring, new ProvideBuffers(arena.allocate(64), 16, 4, GROUP, 0)).result());
            PipeNative.writeFully(pipe.writeFd(), "used".getBytes(StandardCharsets.US_ASCII));
            assertEquals(4, Roundtrip.run(ring, new ReadSelect(pipe.readFd(), GROUP, 0)).result());

            assertEquals(3, Roundtrip.run(ring, new RemoveBuffers(100, GROUP)).result(), "the three not consumed");

            PipeNative.writeFully(pipe.writeFd(), "more".getBytes(StandardCharsets.US_ASCII));
            assertEquals(Errno.ENOBUFS, Roundtrip.run(ring, new ReadSelect(pipe.readFd(), GROUP, 0)).errno(),
                    "nothing left to select");
        }
    }

    @Test
    void removesNoMoreThanAsked() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            assertEquals(0, Roundtrip.run(ring, new ProvideBuffers(arena.allocate(64), 16, 4, GROUP, 0)).result());
            assertEquals(1, Roundtrip.run(ring, new RemoveBuffers(1, GROUP)).result());
            assertEquals(3, Roundtrip.run(ring, new RemoveBuffers(4, GROUP)).result());
        }
    }

    @Test
    void anUnknownGroupFailsWithEnoent() {
        try (LioUring ring = new LioUring(4)) {
            assertEquals(Errno.ENOENT, Roundtrip.run(ring, new RemoveBuffers(1, 999)).errno());
        }
    }
}
