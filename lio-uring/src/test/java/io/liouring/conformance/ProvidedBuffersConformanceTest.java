package io.liouring.conformance;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SocketType;
import io.liouring.UringException;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.ProvideBuffers;
import io.liouring.operation.ReadSelect;
import io.liouring.operation.RecvMulti;
import io.liouring.operation.RemoveBuffers;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.liouring.buffer.BufferRing.Option.INCREMENTAL;
import static io.liouring.buffer.BufferRing.Option.KERNEL_MAPPED;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provided buffers, legacy ({@code PROVIDE_BUFFERS}) and rings: a group that runs dry fails the next request with
 * -ENOBUFS and consumes nothing; giving buffers back lets the next request continue with the data that waited;
 * a ring hands buffers out in the order they were given back; an incremental ring packs many small receives into
 * one buffer; the two kinds never share a group.
 */
class ProvidedBuffersConformanceTest {
    private LioUring ring;
    private Arena arena;
    private int[] pair;

    @BeforeEach
    void setUp() {
        ring = new LioUring(8);
        arena = Arena.ofConfined();
        pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
    }

    @AfterEach
    void tearDown() {
        ring.close();
        arena.close();
        Fd.close(pair[0]);
        Fd.close(pair[1]);
    }

    private void send(String text) {
        SocketNative.write(pair[0], text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String ascii(MemorySegment segment) {
        return new String(segment.toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    @Test
    void legacyBuffersRunOutWithEnobufsAndProvidingMoreContinuesWhereTheDataWaits() {
        MemorySegment memory = arena.allocate(16);
        assertEquals(0, run(ring, new ProvideBuffers(memory, 8, 2, 3, 0)).result());
        send("aaaaaaaabbbbbbbbcccccccc");
        assertEquals(8, run(ring, new ReadSelect(pair[1], 3, 8)).result());
        assertEquals(8, run(ring, new ReadSelect(pair[1], 3, 8)).result());
        assertEquals(Errno.ENOBUFS, run(ring, new ReadSelect(pair[1], 3, 8)).errno());

        assertEquals(0, run(ring, new ProvideBuffers(memory.asSlice(8, 8), 8, 1, 3, 1)).result());
        Completion c = run(ring, new ReadSelect(pair[1], 3, 8));
        assertEquals(1, c.bufferId().orElseThrow());
        assertEquals("cccccccc", ascii(memory.asSlice(8, 8)), "the bytes that waited, none lost");
    }

    @Test
    void aDryRingConsumesNothingAndARecycledBufferContinues() {
        try (var buffers = BufferRing.register(ring, 1, 1, 8)) {
            send("first...second..");
            BufferRing.Buffer first = buffers.take(run(ring, new ReadSelect(pair[1], 1, 0)));
            assertEquals(0, buffers.available());
            Completion dry = run(ring, new ReadSelect(pair[1], 1, 0));
            assertEquals(Errno.ENOBUFS, dry.errno());
            assertTrue(dry.bufferId().isEmpty(), "names no buffer: " + dry);
            assertEquals(1, buffers.kernelHead(), "the kernel consumed nothing more");

            buffers.recycle(first);
            assertEquals("second..", ascii(buffers.take(run(ring, new ReadSelect(pair[1], 1, 0))).data()));
        }
    }

    @Test
    void aRingHandsBuffersOutInTheOrderTheyWereGivenBack() {
        try (var buffers = BufferRing.register(ring, 1, 4, 4)) {
            send("0000111122223333");
            List<BufferRing.Buffer> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                taken.add(buffers.take(run(ring, new ReadSelect(pair[1], 1, 0))));
            }
            assertEquals(List.of(0, 1, 2, 3), taken.stream().map(BufferRing.Buffer::id).toList());
            buffers.recycle(taken.get(2));
            buffers.recycle(taken.get(0));
            send("44445555");
            assertEquals(2, run(ring, new ReadSelect(pair[1], 1, 0)).bufferId().orElseThrow());
            assertEquals(0, run(ring, new ReadSelect(pair[1], 1, 0)).bufferId().orElseThrow());
        }
    }

    @ParameterizedTest(name = "kernel-mapped: {0}")
    @ValueSource(booleans = {false, true})
    void anIncrementalRingPacksSuccessiveReceivesIntoOneBuffer(boolean kernelMapped) {
        try (var buffers = kernelMapped ? BufferRing.register(ring, 1, 1, 32, INCREMENTAL, KERNEL_MAPPED)
                : BufferRing.register(ring, 1, 1, 32, INCREMENTAL)) {
            ring.push(new RecvMulti(pair[1], 1), 1);
            ring.submit();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                String message = "message" + i;
                send(message);
                expected.append(message);
                Completion c = next(ring);
                assertTrue(c.hasMore(), "the multishot receive goes on: " + c);
                BufferRing.Buffer piece = buffers.take(c);
                assertEquals(0, piece.id());
                assertEquals(8 * i, piece.offset());
                assertEquals(message, ascii(piece.data()));
                assertEquals(i == 3, piece.owned(), "the fourth message fills the buffer: " + c);
            }
            assertEquals(expected.toString(), ascii(buffers.buffer(0)), "one buffer, four receives");
            assertEquals(1, buffers.kernelHead());

            send("overflow");
            Completion dry = next(ring);
            assertEquals(Errno.ENOBUFS, dry.errno());
            assertFalse(dry.hasMore());
        }
    }

    @Test
    void legacyBuffersAndARingNeverShareAGroup() {
        try (var buffers = BufferRing.register(ring, 5, 2, 8)) {
            assertEquals(Errno.EINVAL, run(ring, new ProvideBuffers(arena.allocate(16), 8, 2, 5, 0)).errno(),
                    "no legacy buffers into a ring's group");
        }
        assertEquals(0, run(ring, new ProvideBuffers(arena.allocate(16), 8, 2, 6, 0)).result());
        UringException taken = assertThrows(UringException.class, () -> BufferRing.register(ring, 6, 2, 8));
        assertEquals(Errno.EEXIST, taken.errno(), "no ring over a group with legacy buffers");
        assertEquals(2, run(ring, new RemoveBuffers(2, 6)).result());
        try (var buffers = BufferRing.register(ring, 6, 2, 8)) {
            assertEquals(2, buffers.available(), "once the legacy buffers are gone, the group is free for a ring");
        }
    }
}
