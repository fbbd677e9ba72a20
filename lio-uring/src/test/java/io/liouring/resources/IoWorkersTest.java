package io.liouring.resources;

import io.liouring.IoWorkerLimits;
import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * io-wq workers: their limits and CPU affinity. The workers belong to the OS thread that submits, so each test
 * runs on a fresh thread and leaves the test runner's own workers alone.
 */
class IoWorkersTest {
    private static <T> T onFreshThread(Callable<T> body) throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(body).get(30, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void settingLimitsReportsThePreviousOnesAndZeroLeavesALimitAlone() throws Exception {
        IoWorkerLimits[] seen = onFreshThread(() -> {
            try (var ring = new LioUring(4)) {
                ring.push(new Nop(), 1, SqeFlags.ASYNC); // starts this thread's io-wq
                next(ring);
                IoWorkerLimits before = ring.ioWorkerLimits(new IoWorkerLimits(2, 3));
                IoWorkerLimits set = ring.ioWorkerLimits(new IoWorkerLimits(0, 0));
                IoWorkerLimits half = ring.ioWorkerLimits(new IoWorkerLimits(5, 0));
                IoWorkerLimits after = ring.ioWorkerLimits(new IoWorkerLimits(0, 0));
                return new IoWorkerLimits[] {before, set, half, after};
            }
        });
        assertFalse(seen[0].bounded() == 0 && seen[0].unbounded() == 0, "the defaults are real limits: " + seen[0]);
        assertEquals(new IoWorkerLimits(2, 3), seen[1]);
        assertEquals(new IoWorkerLimits(2, 3), seen[2]);
        assertEquals(new IoWorkerLimits(5, 3), seen[3]);
    }

    @Test
    void workersRunOnlyOnTheAffinityCpus() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        assumeTrue(cpus >= 2, "needs two CPUs to tell an affinity from none");
        int cpu = cpus - 1;
        List<String> allowed = onFreshThread(() -> {
            try (var ring = new LioUring(4)) {
                BitSet mask = new BitSet();
                mask.set(cpu);
                ring.ioWorkerAffinity(mask);
                ring.push(new Nop(), 1, SqeFlags.ASYNC); // runs on a worker of this thread
                next(ring);
                List<String> lists = workerCpuLists(ResourcesNative.gettid());
                ring.clearIoWorkerAffinity();
                return lists;
            }
        });
        assertFalse(allowed.isEmpty(), "an io-wq worker ran the ASYNC request");
        for (String list : allowed) {
            assertEquals(String.valueOf(cpu), list);
        }
    }

    @Test
    void anEmptyCpuSetIsRefused() {
        try (var ring = new LioUring(4)) {
            assertThrows(IllegalArgumentException.class, () -> ring.ioWorkerAffinity(new BitSet()));
            assertThrows(IllegalArgumentException.class, () -> new IoWorkerLimits(-1, 0));
        }
    }

    /** {@code Cpus_allowed_list} of each io-wq worker ("iou-wrk-TID") of OS thread {@code tid}. */
    private static List<String> workerCpuLists(int tid) throws IOException {
        List<String> lists = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue;
                }
                if (!comm.equals("iou-wrk-" + tid)) {
                    continue;
                }
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("Cpus_allowed_list:")) {
                        lists.add(line.substring(line.indexOf(':') + 1).strip());
                    }
                }
            }
        }
        return lists;
    }
}
