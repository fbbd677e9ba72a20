package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.EpollEvent;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.liouring.operation.PollEvents.EPOLLET;
import static io.liouring.operation.PollEvents.POLLIN;
import static io.liouring.operation.PollEvents.POLLOUT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EpollTest {
    private LioUring ring;
    private int epfd;
    private int readEnd;
    private int writeEnd;

    @BeforeEach
    void setUp() {
        ring = new LioUring(16);
        epfd = ControlNative.epollCreate();
        int[] pipe = ControlNative.pipe();
        readEnd = pipe[0];
        writeEnd = pipe[1];
    }

    @AfterEach
    void tearDown() {
        ring.close();
        ControlNative.close(epfd, readEnd, writeEnd);
    }

    private int push(EpollCtl ctl) {
        ring.push(ctl, 1);
        return Roundtrip.next(ring).result();
    }

    // ------------------------------------------------------------------ struct and encoding

    @Test
    void epollEventArrayHasTheKernelsLayout() {
        EpollEvent events = EpollEvent.allocate(3).set(1, POLLIN | EPOLLET, 0x1122_3344_5566_7788L);
        String arch = System.getProperty("os.arch");
        long size = arch.equals("amd64") || arch.equals("x86_64") ? 12 : 16; // packed on x86-64 only
        assertEquals(size, EpollEvent.SIZE);
        assertEquals(3 * size, events.segment().byteSize());
        assertEquals(POLLIN | EPOLLET, events.segment().get(JAVA_INT_UNALIGNED, size));
        assertEquals(0x1122_3344_5566_7788L, events.segment().get(JAVA_LONG_UNALIGNED, size + (size == 12 ? 4 : 8)));
        assertEquals(POLLIN | EPOLLET, events.events(1));
        assertEquals(0x1122_3344_5566_7788L, events.data(1));
        assertThrows(IndexOutOfBoundsException.class, () -> events.events(3));
        assertThrows(IllegalArgumentException.class, () -> EpollEvent.allocate(0));
    }

    @Test
    void epollCtlEncodesEpfdOpFdAndItsOwnEvent() {
        SqeBytes sqe = SqeBytes.encode(EpollCtl.add(5, 9, POLLOUT, 77));
        assertEquals(Opcode.EPOLL_CTL.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(EpollCtl.ADD, sqe.len());
        assertEquals(9, sqe.off());
        MemorySegment event = MemorySegment.ofAddress(sqe.addr()).reinterpret(EpollEvent.SIZE);
        assertEquals(POLLOUT, event.get(JAVA_INT_UNALIGNED, 0));
        assertEquals(77, event.get(JAVA_LONG_UNALIGNED, EpollEvent.SIZE - 8));

        assertEquals(EpollCtl.MOD, SqeBytes.encode(EpollCtl.modify(5, 9, POLLIN, 1)).len());
        SqeBytes delete = SqeBytes.encode(EpollCtl.delete(5, 9));
        assertEquals(EpollCtl.DEL, delete.len());
        assertEquals(0, delete.addr());
    }

    @Test
    void epollWaitEncodesEpfdArrayAndCapacity() {
        EpollEvent events = EpollEvent.allocate(8);
        SqeBytes sqe = SqeBytes.encode(new EpollWait(5, events));
        assertEquals(Opcode.EPOLL_WAIT.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(events.segment().address(), sqe.addr());
        assertEquals(8, sqe.len());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.off());
        assertEquals(3, SqeBytes.encode(new EpollWait(5, events).maxEvents(3)).len());
        assertThrows(IllegalArgumentException.class, () -> new EpollWait(5, events).maxEvents(9));
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void addedPipeIsReportedByEpollWaitOnceWritten() {
        assumeTrue(ring.probe().isSupported(Opcode.EPOLL_WAIT), "IORING_OP_EPOLL_WAIT needs Linux 6.15");
        assertEquals(0, push(EpollCtl.add(epfd, readEnd, POLLIN, 42)));

        EpollEvent events = EpollEvent.allocate(4);
        ring.push(new EpollWait(epfd, events), 2);
        ring.submit();
        assertTrue(ring.tryCompletion().isEmpty(), "nothing is ready yet");

        ControlNative.write(writeEnd, "x");
        Completion c = Roundtrip.next(ring);
        assertEquals(2, c.userData());
        assertEquals(1, c.result());
        assertTrue((events.events(0) & POLLIN) != 0, "events 0x" + Integer.toHexString(events.events(0)));
        assertEquals(42, events.data(0));
    }

    @Test
    void addingTheSameFdTwiceFailsWithEexist() {
        assertEquals(0, push(EpollCtl.add(epfd, readEnd, POLLIN, 1)));
        assertEquals(-Errno.EEXIST.number(), push(EpollCtl.add(epfd, readEnd, POLLIN, 1)));
    }

    @Test
    void modifyChangesTheDataEpollReports() {
        assumeTrue(ring.probe().isSupported(Opcode.EPOLL_WAIT), "IORING_OP_EPOLL_WAIT needs Linux 6.15");
        assertEquals(0, push(EpollCtl.add(epfd, readEnd, POLLIN, 1)));
        assertEquals(0, push(EpollCtl.modify(epfd, readEnd, POLLIN, 2)));
        ControlNative.write(writeEnd, "x");

        EpollEvent events = EpollEvent.allocate(1);
        ring.push(new EpollWait(epfd, events), 2);
        assertEquals(1, Roundtrip.next(ring).result());
        assertEquals(2, events.data(0));
    }

    @Test
    void deleteRemovesTheFdFromTheInterestList() {
        assertEquals(0, push(EpollCtl.add(epfd, readEnd, POLLIN, 1)));
        assertEquals(0, push(EpollCtl.delete(epfd, readEnd)));
        assertEquals(-Errno.ENOENT.number(), push(EpollCtl.delete(epfd, readEnd)), "no longer there");
    }
}
