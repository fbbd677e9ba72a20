package io.liouring.conformance;

import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.NapiSettings;
import io.liouring.UringException;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.Nop;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a ring releases everything registered with it, a kernel-mapped buffer ring included: after 10 000 rounds
 * of create, register, use and close, the process has exactly the file descriptors and io_uring mappings it had
 * before.
 */
class ResourceReleaseConformanceTest {
    private static final int ROUNDS = 10_000;

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long ringMappings() throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> line.contains("io_uring")).count();
        }
    }

    private static void round(int i, int fileFd, int eventFd, MemorySegment buffer, boolean napi) {
        try (var ring = new LioUring(4)) {
            ring.registerRingFd();
            ring.registerFiles(fileFd, -1);
            ring.registerBuffers(buffer);
            ring.registerEventFd(eventFd);
            ring.registerPersonality();
            BufferRing.register(ring, 1, 2, 64, BufferRing.Option.KERNEL_MAPPED); // left for the ring to close
            if (napi) {
                ring.registerNapi(new NapiSettings(Duration.ofNanos(10_000), false));
            }
            ring.push(new Nop(), i);
            if (next(ring).userData() != i) {
                throw new AssertionError("round " + i + " completed the wrong request");
            }
        }
    }

    @Test
    void tenThousandRingsLeaveNoFdOrMappingBehind() throws Exception {
        int fileFd = Fd.openRead(Path.of("/proc/self/status"));
        int eventFd = ResourcesNative.eventFd();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4096, 4096);
            try (var ring = new LioUring(4)) {
                assertTrue(ringMappings() > 0, "an open ring's mappings show in /proc/self/maps");
            }
            boolean napi = napiAvailable();
            for (int i = 0; i < 50; i++) { // warm up: classes loaded, lazily opened JDK files opened
                round(i, fileFd, eventFd, buffer, napi);
            }
            long fdsBefore = openFds();
            long mappingsBefore = ringMappings();
            for (int i = 0; i < ROUNDS; i++) {
                round(i, fileFd, eventFd, buffer, napi);
            }
            assertEquals(fdsBefore, openFds(), "file descriptors");
            assertEquals(mappingsBefore, ringMappings(), "io_uring mappings");
            assertEquals(0, mappingsBefore, "no ring is open between rounds");
        } finally {
            Fd.close(fileFd);
            Fd.close(eventFd);
        }
    }

    private static boolean napiAvailable() {
        try (var ring = new LioUring(2)) {
            ring.registerNapi(new NapiSettings(Duration.ofNanos(10_000), false));
            return true;
        } catch (UringException refused) {
            return false;
        }
    }
}
