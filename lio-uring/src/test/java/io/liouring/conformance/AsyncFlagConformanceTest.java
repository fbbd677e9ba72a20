package io.liouring.conformance;

import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IOSQE_ASYNC: the request is issued from an io-wq worker instead of inline, with the same result. */
class AsyncFlagConformanceTest {
    @Test
    void anAsyncReadReturnsWhatAnInlineReadReturns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "same bytes");
        int fd = Fd.openRead(file);
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            MemorySegment inline = arena.allocate(10);
            MemorySegment async = arena.allocate(10);
            ring.push(new Read(fd, inline), 1);
            assertEquals(10, next(ring).result());
            ring.push(new Read(fd, async), 2, SqeFlags.ASYNC);
            assertEquals(10, next(ring).result());
            assertEquals(new String(inline.toArray(ValueLayout.JAVA_BYTE)), new String(async.toArray(ValueLayout.JAVA_BYTE)));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void anAsyncRequestIsRunByAWorkerOfTheSubmittingThread() throws Exception {
        // on a fresh thread, which has no io-wq workers yet: an ASYNC request makes one, named after the thread
        var executor = Executors.newSingleThreadExecutor();
        try {
            boolean workerSeen = executor.submit(() -> {
                int tid = ResourcesNative.gettid();
                try (var ring = new LioUring(4)) {
                    ring.push(new Nop(), 1);
                    next(ring);
                    boolean before = hasWorker(tid);
                    ring.push(new Nop(), 2, SqeFlags.ASYNC);
                    next(ring);
                    return !before && hasWorker(tid);
                }
            }).get(30, TimeUnit.SECONDS);
            assertTrue(workerSeen, "an inline NOP needs no worker; the ASYNC one started iou-wrk-<tid>");
        } finally {
            executor.shutdownNow();
        }
    }

    private static boolean hasWorker(int tid) throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip().equals("iou-wrk-" + tid);
                } catch (java.io.IOException gone) {
                    return false;
                }
            });
        }
    }
}
