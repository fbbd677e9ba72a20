package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static io.liouring.OpenFlags.O_CLOEXEC;
import static io.liouring.OpenFlags.O_NONBLOCK;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeTest {
    private static final byte[] DATA = "through a ring pipe".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encodesTheFdArrayAndFlagsWithFdZero() {
        SqeBytes sqe = SqeBytes.encode(new Pipe().flags(O_CLOEXEC | O_NONBLOCK));
        assertEquals(Opcode.PIPE.code(), sqe.opcode());
        assertEquals(62, sqe.opcode());
        assertEquals(0, sqe.fd());
        assertNotEquals(0, sqe.addr(), "addr is the int[2] the operation owns");
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.off());
        assertEquals(O_CLOEXEC | O_NONBLOCK, sqe.opFlags());
        assertEquals(0, sqe.fileIndex());
    }

    @Test
    void encodesTheDirectFormsAsSlotPlusOneOrAllocate() {
        assertEquals(4, SqeBytes.encode(new Pipe().direct(new DirectFd(3))).fileIndex());
        assertEquals(0xFFFF_FFFF, SqeBytes.encode(new Pipe().directAllocate()).fileIndex());
        assertEquals(0, SqeBytes.encode(new Pipe().direct(new DirectFd(3)).normalFd()).fileIndex());
    }

    @Test
    void refusesCloexecOnDirectDescriptorsAndUnknownFlags() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Pipe().direct(new DirectFd(0)).flags(O_CLOEXEC));
        assertTrue(e.getMessage().contains("O_CLOEXEC"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pipe().flags(O_CLOEXEC).directAllocate());
        assertThrows(IllegalArgumentException.class, () -> new Pipe().flags(01));
    }

    @Test
    void endsAreMinusOneBeforeCompletion() {
        Pipe pipe = new Pipe();
        assertEquals(-1, pipe.readFd());
        assertEquals(-1, pipe.writeFd());
    }

    @Test
    void createsAPipeWhoseWriteEndFeedsItsReadEnd() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.PIPE);
            Pipe pipe = new Pipe().flags(O_CLOEXEC);
            assertEquals(0, Roundtrip.run(ring, pipe).result());
            try {
                assertTrue(pipe.readFd() >= 0 && pipe.writeFd() >= 0 && pipe.readFd() != pipe.writeFd());
                assertEquals(DATA.length, Roundtrip.run(ring, new Write(pipe.writeFd(), arena.allocateFrom(JAVA_BYTE, DATA))).result());
                MemorySegment back = arena.allocate(64);
                assertEquals(DATA.length, Roundtrip.run(ring, new Read(pipe.readFd(), back)).result());
                assertEquals("through a ring pipe", new String(back.asSlice(0, DATA.length).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
            } finally {
                Fd.close(pipe.readFd());
                Fd.close(pipe.writeFd());
            }
        }
    }

    @Test
    void givesBothEndsTheRequestedFlags() throws Exception {
        try (LioUring ring = new LioUring(4)) {
            Roundtrip.assumeSupported(ring, Opcode.PIPE);
            Pipe pipe = new Pipe().flags(O_CLOEXEC | O_NONBLOCK);
            assertEquals(0, Roundtrip.run(ring, pipe).result());
            try {
                for (int fd : new int[] {pipe.readFd(), pipe.writeFd()}) {
                    int flags = PipeNative.openFlags(fd);
                    assertEquals(O_CLOEXEC | O_NONBLOCK, flags & (O_CLOEXEC | O_NONBLOCK), "flags of fd " + fd);
                }
            } finally {
                Fd.close(pipe.readFd());
                Fd.close(pipe.writeFd());
            }
        }
    }

    @Test
    void withoutFlagsTheEndsAreNeitherCloexecNorNonblocking() throws Exception {
        try (LioUring ring = new LioUring(4)) {
            Roundtrip.assumeSupported(ring, Opcode.PIPE);
            Pipe pipe = new Pipe();
            assertEquals(0, Roundtrip.run(ring, pipe).result());
            try {
                assertEquals(0, PipeNative.openFlags(pipe.readFd()) & (O_CLOEXEC | O_NONBLOCK));
                assertEquals(0, PipeNative.openFlags(pipe.writeFd()) & (O_CLOEXEC | O_NONBLOCK));
            } finally {
                Fd.close(pipe.readFd());
                Fd.close(pipe.writeFd());
            }
        }
    }

    @Test
    void createsDirectDescriptorsInTheGivenSlotAndTheNext() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.PIPE);
            ring.registerFilesSparse(8);
            Pipe pipe = new Pipe().direct(new DirectFd(5));
            assertEquals(0, Roundtrip.run(ring, pipe).result());
            assertEquals(5, pipe.readFd());
            assertEquals(6, pipe.writeFd());
            assertEquals(DATA.length, Roundtrip.run(ring, new Write(6, arena.allocateFrom(JAVA_BYTE, DATA)), SqeFlags.FIXED_FILE).result());
            MemorySegment back = arena.allocate(64);
            assertEquals(DATA.length, Roundtrip.run(ring, new Read(5, back), SqeFlags.FIXED_FILE).result());
            assertEquals("through a ring pipe", new String(back.asSlice(0, DATA.length).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void createsDirectDescriptorsInSlotsTheKernelPicks() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.PIPE);
            ring.registerFilesSparse(4);
            Pipe pipe = new Pipe().directAllocate();
            assertEquals(0, Roundtrip.run(ring, pipe).result());
            assertTrue(pipe.readFd() >= 0 && pipe.readFd() < 4, "read slot " + pipe.readFd());
            assertTrue(pipe.writeFd() >= 0 && pipe.writeFd() < 4 && pipe.writeFd() != pipe.readFd(), "write slot " + pipe.writeFd());
            assertEquals(DATA.length, Roundtrip.run(ring, new Write(pipe.writeFd(), arena.allocateFrom(JAVA_BYTE, DATA)), SqeFlags.FIXED_FILE).result());
            assertEquals(DATA.length, Roundtrip.run(ring, new Read(pipe.readFd(), arena.allocate(64)), SqeFlags.FIXED_FILE).result());
        }
    }
}
