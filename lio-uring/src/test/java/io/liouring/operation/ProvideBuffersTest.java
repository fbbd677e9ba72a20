package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvideBuffersTest {
    private static final int GROUP = 7;
    private static final int FIRST_ID = 10;
    private static final int SIZE = 16;

    @Test
    void encodesCountInFdBaseInAddrSizeInLenFirstIdInOffAndTheGroup() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(4 * SIZE);
            SqeBytes sqe = SqeBytes.encode(new ProvideBuffers(memory, SIZE, 4, GROUP, FIRST_ID));
            assertEquals(Opcode.PROVIDE_BUFFERS.code(), sqe.opcode());
            assertEquals(31, sqe.opcode());
            assertEquals(4, sqe.fd());
            assertEquals(memory.address(), sqe.addr());
            assertEquals(SIZE, sqe.len());
            assertEquals(FIRST_ID, sqe.off());
            assertEquals(GROUP, sqe.bufIndex(), "buf_group");
            assertEquals(0, sqe.flags());
        }
    }

    @Test
    void refusesMemoryTooSmallForTheBuffers() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(3 * SIZE);
            var e = assertThrows(IllegalArgumentException.class, () -> new ProvideBuffers(memory, SIZE, 4, GROUP, 0));
            assertTrue(e.getMessage().contains("smaller than count * bufferSize"), e.getMessage());
        }
    }

    @Test
    void refusesIdsGroupsAndCountsTheKernelCannotTake() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(1 << 17);
            assertThrows(IllegalArgumentException.class, () -> new ProvideBuffers(memory, 1, 2, GROUP, 65535), "ids past 65535");
            assertThrows(IllegalArgumentException.class, () -> new ProvideBuffers(memory, 1, 1, 65536, 0), "group");
            assertThrows(IllegalArgumentException.class, () -> new ProvideBuffers(memory, 1, 0, GROUP, 0), "count");
            assertThrows(IllegalArgumentException.class, () -> new ProvideBuffers(memory, 0, 1, GROUP, 0), "size");
            assertThrows(IllegalArgumentException.class,
                    () -> new ProvideBuffers(MemorySegment.ofArray(new byte[16]), 16, 1, GROUP, 0), "heap");
        }
    }

    @Test
    void readSelectTakesAProvidedBufferAndNamesItsId() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined(); var pipe = PipeNative.pipe()) {
            ProvideBuffers provide = new ProvideBuffers(arena.allocate(4 * SIZE), SIZE, 4, GROUP, FIRST_ID);
            assertEquals(0, Roundtrip.run(ring, provide).result());
            PipeNative.writeFully(pipe.writeFd(), "hello".getBytes(StandardCharsets.US_ASCII));
            Completion c = Roundtrip.run(ring, new ReadSelect(pipe.readFd(), GROUP, SIZE));
            assertEquals(5, c.result());
            int id = c.bufferId().orElseThrow();
            assertTrue(id >= FIRST_ID && id < FIRST_ID + 4, "id " + id);
            assertEquals("hello", ascii(provide.buffer(id).asSlice(0, 5)));
        }
    }

    @Test
    void eachBufferServesOneReadThenTheGroupRunsOutWithEnobufs() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined(); var pipe = PipeNative.pipe()) {
            ProvideBuffers provide = new ProvideBuffers(arena.allocate(3 * SIZE), SIZE, 3, GROUP, FIRST_ID);
            assertEquals(0, Roundtrip.run(ring, provide).result());
            Set<Integer> used = new HashSet<>();
            for (String word : new String[] {"one", "two", "six"}) {
                PipeNative.writeFully(pipe.writeFd(), word.getBytes(StandardCharsets.US_ASCII));
                Completion c = Roundtrip.run(ring, new ReadSelect(pipe.readFd(), GROUP, 0));
                assertEquals(3, c.result());
                int id = c.bufferId().orElseThrow();
                assertTrue(used.add(id), "buffer " + id + " used twice");
                assertEquals(word, ascii(provide.buffer(id).asSlice(0, 3)));
            }
            assertEquals(Set.of(FIRST_ID, FIRST_ID + 1, FIRST_ID + 2), used);
            PipeNative.writeFully(pipe.writeFd(), "ten".getBytes(StandardCharsets.US_ASCII));
            assertEquals(Errno.ENOBUFS, Roundtrip.run(ring, new ReadSelect(pipe.readFd(), GROUP, 0)).errno());
        }
    }

    private static String ascii(MemorySegment segment) {
        return new String(segment.toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }
}
