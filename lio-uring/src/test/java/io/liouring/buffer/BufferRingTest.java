package io.liouring.buffer;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SocketType;
import io.liouring.UringException;
import io.liouring.operation.ReadSelect;
import io.liouring.operation.RecvBundle;
import io.liouring.operation.RecvMulti;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.buffer.BufferRing.Option.INCREMENTAL;
import static io.liouring.buffer.BufferRing.Option.KERNEL_MAPPED;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BufferRingTest {
    private LioUring ring;
    private int[] pair;

    @BeforeEach
    void open() {
        ring = new LioUring(8);
        pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
    }

    @AfterEach
    void close() {
        ring.close();
        Fd.close(pair[0]);
        Fd.close(pair[1]);
    }

    /** Writes {@code text} to one end and reads it on the other with a buffer the kernel selects from {@code group}. */
    private Completion readSelected(int group, String text) {
        SocketNative.write(pair[0], text.getBytes(StandardCharsets.UTF_8));
        ring.push(new ReadSelect(pair[1], group, 0), 1);
        ring.submit();
        return next(ring);
    }

    private static String text(BufferRing.Buffer buffer) {
        return new String(buffer.data().toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Test
    void handsOutTheBufferACompletionNamesWithTheBytesItReceived() {
        try (var buffers = BufferRing.register(ring, 3, 4, 32)) {
            Completion c = readSelected(3, "selected");
            BufferRing.Buffer b = buffers.take(c);
            assertEquals(c.bufferId().orElseThrow(), b.id());
            assertEquals("selected", text(b));
            assertFalse(buffers.isWithKernel(b.id()));
        }
    }

    @Test
    void aRecycledBufferIsUsedByTheKernelAgain() {
        try (var buffers = BufferRing.register(ring, 3, 1, 16)) {
            BufferRing.Buffer first = buffers.take(readSelected(3, "one"));
            assertEquals(Errno.ENOBUFS, readSelected(3, "two").errno(), "the only buffer is with the application");
            buffers.recycle(first);
            assertTrue(buffers.isWithKernel(first.id()));
            Completion again = readSelected(3, "");
            BufferRing.Buffer second = buffers.take(again);
            assertEquals(first.id(), second.id());
            assertEquals("two", text(second));
        }
    }

    @Test
    void givingABufferBackTwiceIsAClearError() {
        try (var buffers = BufferRing.register(ring, 3, 2, 16)) {
            BufferRing.Buffer b = buffers.take(readSelected(3, "x"));
            buffers.recycle(b);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> buffers.recycle(b));
            assertTrue(e.getMessage().contains("returned twice"), e.getMessage());
        }
    }

    @Test
    void takingTheSameBufferTwiceIsAClearError() {
        try (var buffers = BufferRing.register(ring, 3, 2, 16)) {
            Completion c = readSelected(3, "x");
            buffers.take(c);
            assertThrows(IllegalStateException.class, () -> buffers.take(c));
        }
    }

    @Test
    void aCompletionWithoutABufferIsRefused() {
        try (var buffers = BufferRing.register(ring, 3, 2, 16)) {
            assertThrows(IllegalArgumentException.class, () -> buffers.take(new Completion(1, 5, 0)));
            assertThrows(IllegalArgumentException.class, () -> buffers.take(new Completion(1, 5, 1 | (9 << 16))));
        }
    }

    @Test
    void aBufferWithTheKernelCannotBeWritten() {
        try (var buffers = BufferRing.register(ring, 3, 2, 16)) {
            assertThrows(IllegalStateException.class, () -> buffers.buffer(0));
        }
        try (var empty = BufferRing.registerEmpty(ring, 4, 2, 16)) {
            assertEquals(16, empty.buffer(1).byteSize());
            assertFalse(empty.isWithKernel(1));
        }
    }

    @Test
    void aProvidedLengthLimitsWhatTheKernelFills() {
        try (var buffers = BufferRing.registerEmpty(ring, 5, 1, 16)) {
            buffers.provide(0, 4);
            Completion c = readSelected(5, "truncated");
            assertEquals(4, c.result());
            assertEquals("trun", text(buffers.take(c)));
        }
    }

    @Test
    void closingUnregistersTheGroupSoItCanBeRegisteredAgain() {
        BufferRing first = BufferRing.register(ring, 6, 2, 16);
        UringException taken = assertThrows(UringException.class, () -> BufferRing.register(ring, 6, 2, 16));
        assertEquals(Errno.EEXIST, taken.errno());
        first.close();
        first.close();
        assertThrows(IllegalStateException.class, () -> first.recycle(0));
        try (var second = BufferRing.register(ring, 6, 2, 16)) {
            assertEquals("again", text(second.take(readSelected(6, "again"))));
        }
    }


    // ---------------------------------------------------------------- incremental consumption

    @Test
    void anIncrementalBufferIsFilledPieceByPieceAndStaysWithTheKernelUntilFull() {
        try (var buffers = BufferRing.register(ring, 8, 2, 8, INCREMENTAL)) {
            assertTrue(buffers.isIncremental());
            Completion first = readSelected(8, "abc");
            assertTrue((first.flags() & Completion.F_BUF_MORE) != 0, "F_BUF_MORE: " + first);
            BufferRing.Buffer a = buffers.take(first);
            assertEquals(0, a.offset());
            assertEquals("abc", text(a));
            assertFalse(a.owned());
            assertTrue(buffers.isWithKernel(0));

            BufferRing.Buffer b = buffers.take(readSelected(8, "defgh"));
            assertEquals(0, b.id(), "the same buffer, continued");
            assertEquals(3, b.offset());
            assertEquals("defgh", text(b));
            assertTrue(b.owned(), "the buffer is full: the kernel is done with it");
            assertFalse(buffers.isWithKernel(0));
            assertEquals("abc", text(a), "earlier pieces stay as they were");
        }
    }

    @Test
    void aPieceTheKernelGoesOnFillingCannotBeRecycled() {
        try (var buffers = BufferRing.register(ring, 8, 2, 8, INCREMENTAL)) {
            BufferRing.Buffer piece = buffers.take(readSelected(8, "abc"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> buffers.recycle(piece));
            assertTrue(e.getMessage().contains("still filling"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> buffers.recycle(piece.id()));
            assertThrows(IllegalStateException.class, () -> buffers.buffer(piece.id()));
        }
    }

    @Test
    void aRecycledIncrementalBufferIsFilledFromItsStartAgain() {
        try (var buffers = BufferRing.register(ring, 8, 1, 4, INCREMENTAL)) {
            buffers.take(readSelected(8, "ab"));
            BufferRing.Buffer last = buffers.take(readSelected(8, "cd"));
            assertTrue(last.owned());
            assertEquals(Errno.ENOBUFS, readSelected(8, "ef").errno(), "the only buffer is with the application");
            buffers.recycle(last);
            BufferRing.Buffer again = buffers.take(readSelected(8, ""));
            assertEquals(0, again.offset());
            assertEquals("ef", text(again));
        }
    }

    @Test
    void anIncrementalBundleContinuesThePartlyFilledBufferAndSpillsIntoTheNext() {
        try (var buffers = BufferRing.register(ring, 8, 4, 8, INCREMENTAL)) {
            buffers.take(readSelected(8, "abc"));
            SocketNative.write(pair[0], "defghijklmnop".getBytes(StandardCharsets.UTF_8));
            ring.push(new RecvBundle(pair[1], 8), 2);
            List<BufferRing.Buffer> bundle = buffers.takeBundle(next(ring));
            assertEquals(List.of(0, 1), bundle.stream().map(BufferRing.Buffer::id).toList());
            assertEquals(3, bundle.get(0).offset());
            assertEquals("defgh", text(bundle.get(0)));
            assertEquals("ijklmnop", text(bundle.get(1)));
            assertTrue(bundle.get(0).owned() && bundle.get(1).owned(), "both buffers are full");
        }
    }

    // ---------------------------------------------------------------- kernel-mapped rings

    @Test
    void aKernelMappedRingServesReceivesAndIsUnmappedOnClose() throws IOException {
        long before = ringMappings();
        BufferRing buffers = BufferRing.register(ring, 9, 4, 16, KERNEL_MAPPED);
        assertTrue(buffers.isKernelMapped());
        assertEquals(before + 1, ringMappings(), "the ring of entries is mapped from the ring fd");
        BufferRing.Buffer b = buffers.take(readSelected(9, "mapped"));
        assertEquals("mapped", text(b));
        buffers.recycle(b);
        assertEquals(4, buffers.available());
        buffers.close();
        assertEquals(before, ringMappings());
    }

    @Test
    void closingTheRingClosesItsBufferRings() throws IOException {
        long before = ringMappings();
        var other = new LioUring(4);
        BufferRing buffers = BufferRing.register(other, 1, 2, 16, KERNEL_MAPPED);
        other.close();
        assertThrows(IllegalStateException.class, () -> buffers.recycle(0), "closed with the ring");
        assertEquals(before, ringMappings(), "the buffer ring's mapping went with the ring's own");
        buffers.close(); // still idempotent
    }

    /** Mappings of io_uring fds in this process: the rings' queues and kernel-mapped buffer rings. */
    private static long ringMappings() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.contains("io_uring")).count();
        }
    }

    // ---------------------------------------------------------------- status

    @Test
    void theKernelHeadCountsConsumedBuffersAndAvailableWhatIsLeft() {
        try (var buffers = BufferRing.register(ring, 10, 3, 16)) {
            assertEquals(0, buffers.kernelHead());
            assertEquals(3, buffers.available());
            BufferRing.Buffer b = buffers.take(readSelected(10, "one"));
            assertEquals(1, buffers.kernelHead());
            assertEquals(2, buffers.available());
            buffers.recycle(b);
            assertEquals(3, buffers.available());
        }
    }

    @Test
    void anIncrementalBufferCountsAsConsumedOnlyOnceFull() {
        try (var buffers = BufferRing.register(ring, 10, 2, 8, INCREMENTAL)) {
            buffers.take(readSelected(10, "half"));
            assertEquals(0, buffers.kernelHead());
            buffers.take(readSelected(10, "full"));
            assertEquals(1, buffers.kernelHead());
            assertEquals(1, buffers.available());
        }
    }

    // ---------------------------------------------------------------- closing with buffers out

    @Test
    void aPendingReceiveOfAClosedGroupFailsWithEnobufsAndWritesNothing() {
        BufferRing buffers = BufferRing.register(ring, 11, 2, 16);
        ring.push(new RecvMulti(pair[1], 11), 5);
        ring.submit();
        buffers.close();
        SocketNative.write(pair[0], "late".getBytes(StandardCharsets.UTF_8));
        Completion c = next(ring);
        assertEquals(Errno.ENOBUFS, c.errno());
        assertFalse(c.hasMore());
        assertEquals(4, SocketNative.ioctlInt(pair[1], SocketNative.FIONREAD), "the bytes are still in the socket");
    }

    @Test
    void aCompletionPostedBeforeCloseCanStillBeTakenAfterIt() {
        BufferRing buffers = BufferRing.register(ring, 11, 2, 16);
        SocketNative.write(pair[0], "before".getBytes(StandardCharsets.UTF_8));
        ring.push(new ReadSelect(pair[1], 11, 0), 1);
        ring.submit();
        buffers.close();
        BufferRing.Buffer b = buffers.take(next(ring));
        assertEquals("before", text(b));
        assertThrows(IllegalStateException.class, () -> buffers.recycle(b), "nothing goes back to a closed ring");
    }

    @Test
    void theRingKeepsAClosedBufferRingReachableWhileTheKernelMayStillWriteIntoIt() throws InterruptedException {
        WeakReference<BufferRing> withBuffersOut = new WeakReference<>(closedRing(12, false));
        WeakReference<BufferRing> allTaken = new WeakReference<>(closedRing(13, true));
        for (int i = 0; i < 20 && allTaken.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(allTaken.get(), "a closed ring whose buffers are all back with the application can be collected");
        assertNotNull(withBuffersOut.get(), "its buffers may belong to a request in flight: the ring keeps them");
    }

    private BufferRing closedRing(int group, boolean takeAll) {
        BufferRing buffers = BufferRing.register(ring, group, 1, 16);
        if (takeAll) {
            buffers.take(readSelected(group, "x"));
        }
        buffers.close();
        return buffers;
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BufferRing.register(ring, -1, 2, 16));
        assertThrows(IllegalArgumentException.class, () -> BufferRing.register(ring, 65536, 2, 16));
        assertThrows(IllegalArgumentException.class, () -> BufferRing.register(ring, 1, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> BufferRing.register(ring, 1, 32769, 16));
        assertThrows(IllegalArgumentException.class, () -> BufferRing.register(ring, 1, 2, 0));
        try (var buffers = BufferRing.registerEmpty(ring, 7, 3, 16)) {
            assertEquals(3, buffers.count());
            assertEquals(16, buffers.bufferSize());
            assertEquals(7, buffers.group());
            assertThrows(IllegalArgumentException.class, () -> buffers.provide(3, 16));
            assertThrows(IllegalArgumentException.class, () -> buffers.provide(0, 17));
            assertThrows(IllegalArgumentException.class, () -> buffers.provide(0, 0));
        }
        assertThrows(NullPointerException.class, () -> BufferRing.register(ring, 1, 2, 16, (BufferRing.Option) null));
    }
}
