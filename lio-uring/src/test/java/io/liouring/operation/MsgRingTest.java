package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsgRingTest {
    private static final int MSG_DATA = 0, MSG_SEND_FD = 1, CQE_SKIP = 1, FLAGS_PASS = 2;

    private LioUring source;
    private LioUring target;

    @BeforeEach
    void setUp() {
        source = new LioUring(16);
        target = new LioUring(16);
    }

    @AfterEach
    void tearDown() {
        source.close();
        target.close();
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void dataMessageEncodesTargetResultInLenAndUserDataInOff() {
        SqeBytes sqe = SqeBytes.encode(new MsgRingData(9, 0xC0FFEEL, -5));
        assertEquals(Opcode.MSG_RING.code(), sqe.opcode());
        assertEquals(9, sqe.fd());
        assertEquals(MSG_DATA, sqe.addr());
        assertEquals(-5, sqe.len());
        assertEquals(0xC0FFEEL, sqe.off());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.fileIndex());
        assertEquals(0, sqe.addr3());
    }

    @Test
    void passedCqeFlagsGoInFileIndexWithFlagsPass() {
        SqeBytes sqe = SqeBytes.encode(new MsgRingData(9, 1, 2).cqeFlags(0x7_0000));
        assertEquals(FLAGS_PASS, sqe.opFlags());
        assertEquals(0x7_0000, sqe.fileIndex());
    }

    @Test
    void sendFdEncodesSourceIndexInAddr3AndTargetSlotPlusOneInFileIndex() {
        SqeBytes sqe = SqeBytes.encode(new MsgRingSendFd(9, new DirectFd(4)).direct(new DirectFd(2)).userData(77));
        assertEquals(Opcode.MSG_RING.code(), sqe.opcode());
        assertEquals(9, sqe.fd());
        assertEquals(MSG_SEND_FD, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(77, sqe.off());
        assertEquals(4, sqe.addr3());
        assertEquals(3, sqe.fileIndex());
        assertEquals(0, sqe.opFlags());

        assertEquals(-1, SqeBytes.encode(new MsgRingSendFd(9, new DirectFd(4))).fileIndex(), "IORING_FILE_INDEX_ALLOC");
        assertEquals(CQE_SKIP,
                SqeBytes.encode(new MsgRingSendFd(9, new DirectFd(4)).direct(new DirectFd(2)).skipTargetCompletion()).opFlags());
        MsgRingSendFd reused = new MsgRingSendFd(9, new DirectFd(4)).direct(new DirectFd(2)).directAllocate();
        assertEquals(-1, SqeBytes.encode(reused).fileIndex(), "directAllocate() goes back to IORING_FILE_INDEX_ALLOC");
        assertThrows(NullPointerException.class, () -> new MsgRingSendFd(9, null));
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void dataMessagePostsTheChosenCompletionOnTheTargetRing() {
        source.push(new MsgRingData(target.fd(), 0xC0FFEEL, 1234), 1);
        Completion sent = Roundtrip.next(source);
        assertEquals(1, sent.userData());
        assertEquals(0, sent.result());

        Completion received = Roundtrip.next(target);
        assertEquals(0xC0FFEEL, received.userData());
        assertEquals(1234, received.result());
        assertEquals(0, received.flags());
    }

    @Test
    void dataMessageCarriesPassedCqeFlags() {
        source.push(new MsgRingData(target.fd(), 5, -1).cqeFlags(0x7_0000), 1);
        assertEquals(0, Roundtrip.next(source).result());

        Completion received = Roundtrip.next(target);
        assertEquals(5, received.userData());
        assertEquals(-1, received.result());
        assertEquals(0x7_0000, received.flags());
    }

    @Test
    void dataMessageToSomethingThatIsNotARingFailsWithEbadfd() {
        int[] pipe = ControlNative.pipe();
        try {
            source.push(new MsgRingData(pipe[0], 1, 1), 1);
            assertEquals(Errno.EBADFD, Roundtrip.next(source).errno());
        } finally {
            ControlNative.close(pipe);
        }
    }

    @Test
    void sendFdInstallsARegisteredFileIntoTheTargetRingsTable() {
        int[] pipe = ControlNative.pipe();
        try (Arena arena = Arena.ofConfined()) {
            source.registerFiles(pipe[1]);
            target.registerFilesSparse(4);

            source.push(new MsgRingSendFd(target.fd(), new DirectFd(0)).direct(new DirectFd(2)).userData(77), 1);
            assertEquals(0, Roundtrip.next(source).result());
            Completion received = Roundtrip.next(target);
            assertEquals(77, received.userData());
            assertEquals(0, received.result());

            MemorySegment data = arena.allocateFrom("via slot 2", StandardCharsets.US_ASCII);
            target.push(new Write(2, data.asSlice(0, 10)).offset(-1), 2, SqeFlags.FIXED_FILE);
            assertEquals(10, Roundtrip.next(target).result(), "the target wrote through the fd it was sent");
            assertArrayEquals("via slot 2".getBytes(StandardCharsets.US_ASCII), ControlNative.read(pipe[0], 64));
        } finally {
            ControlNative.close(pipe);
        }
    }

    @Test
    void sendFdToAFreeSlotReportsTheSlotOnBothRings() {
        int[] pipe = ControlNative.pipe();
        try {
            source.registerFiles(pipe[1]);
            target.registerFilesSparse(4);

            source.push(new MsgRingSendFd(target.fd(), new DirectFd(0)).userData(5), 1);
            int slot = Roundtrip.next(source).result();
            assertTrue(slot >= 0 && slot < 4, "allocated slot " + slot);
            Completion received = Roundtrip.next(target);
            assertEquals(5, received.userData());
            assertEquals(slot, received.result());
        } finally {
            ControlNative.close(pipe);
        }
    }

    @Test
    void sendFdWithSkipPostsNothingOnTheTarget() {
        int[] pipe = ControlNative.pipe();
        try {
            source.registerFiles(pipe[1]);
            target.registerFilesSparse(4);

            source.push(new MsgRingSendFd(target.fd(), new DirectFd(0)).direct(new DirectFd(1)).skipTargetCompletion(), 1);
            assertEquals(0, Roundtrip.next(source).result());
            target.push(new Nop(), 9);
            assertEquals(9, Roundtrip.next(target).userData(), "the first completion on the target is its own nop");
        } finally {
            ControlNative.close(pipe);
        }
    }

    @Test
    void sendFdFromAnEmptySlotFailsWithEbadf() {
        source.registerFilesSparse(2);
        target.registerFilesSparse(2);
        source.push(new MsgRingSendFd(target.fd(), new DirectFd(0)).direct(new DirectFd(0)), 1);
        assertEquals(Errno.EBADF, Roundtrip.next(source).errno());
    }
}
