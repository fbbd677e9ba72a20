package io.liouring.buffer;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SocketType;
import io.liouring.UringException;
import io.liouring.operation.ReadSelect;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.liouring.testing.Roundtrip.next;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    }
}
