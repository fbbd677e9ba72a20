package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Write;
import io.liouring.testing.PipeNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code IORING_SETUP_NO_MMAP} (Linux 6.5): the ring's queues live in memory the ring maps itself and the kernel pins,
 * in normal or huge pages. The ring works as any other: the kernel reads the entries pushed into that memory and
 * posts its completions there.
 */
class NoMmapRingTest {
    @Test
    void aRingInItsOwnMemorySubmitsAndCompletes() {
        for (Params params : List.of(Params.builder().noMmap(false).build(),
                Params.builder().noMmap(false).withSqArray().cqSize(64).build(),
                Params.builder().noMmap(false).sqe128().cqe32().build())) {
            try (var ring = new LioUring(8, params)) {
                assertTrue(Params.describeFlags(ring.setupFlags()).contains("NO_MMAP"), params.toString());
                for (int round = 0; round < 5; round++) { // more than the ring holds: the queues wrap
                    for (int i = 0; i < 8; i++) {
                        ring.push(new Nop().injectResult(round * 8 + i), round * 8 + i);
                    }
                    ring.submitAndWait(8);
                    for (int i = 0; i < 8; i++) {
                        Completion c = ring.waitCompletion();
                        assertEquals(c.userData(), c.result(), params.toString());
                    }
                }
            }
        }
    }

    @Test
    void theKernelDoesRealIoThroughAUserMemoryRing() {
        try (var ring = new LioUring(4, Params.builder().noMmap(false).build());
             var pipe = PipeNative.pipe();
             var arena = Arena.ofConfined()) {
            byte[] data = "through pinned user memory".getBytes();
            ring.push(new Write(pipe.writeFd(), arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, data), -1), 1);
            ring.submit();
            assertEquals(data.length, next(ring).result());
            assertArrayEquals(data, PipeNative.read(pipe.readFd(), 64));
        }
    }

    @Test
    void aRingInHugePagesWhereTheSystemHasSome() throws Exception {
        String free = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("HugePages_Free:"))
                .findFirst().orElse("HugePages_Free: 0").replaceAll("\\D", "");
        if (Long.parseLong(free) == 0) {
            UringException e = assertThrows(UringException.class,
                    () -> new LioUring(8, Params.builder().noMmap(true).build()));
            assertTrue(e.getMessage().contains("huge pages"), e.getMessage());
            assumeTrue(false, "no free huge pages here: the refusal names them, which is all that can be shown");
        }
        try (var ring = new LioUring(8, Params.builder().noMmap(true).build())) {
            ring.push(new Nop().injectResult(9), 9);
            assertEquals(9, ring.waitCompletion().result());
        }
    }

    @Test
    void aNoMmapRingCannotBeResizedAndRawFlagsCannotAskForIt() {
        try (var ring = new LioUring(4, Params.builder().noMmap(false).deferTaskrun().build())) {
            assertThrows(UnsupportedOperationException.class, () -> ring.resize(8, 16));
        }
        assertThrows(IllegalArgumentException.class, () -> Params.builder().rawFlags(1 << 14));
        assertThrows(IllegalArgumentException.class, () -> Params.builder().rawFlags(1 << 15));
    }
}
