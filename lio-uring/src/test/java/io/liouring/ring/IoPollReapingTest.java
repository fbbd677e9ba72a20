package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.Operation;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On an {@code IOPOLL} ring the kernel posts the completion of a polled read only when someone polls for it, inside
 * {@code io_uring_enter} with {@code GETEVENTS}, even when the device completed the I/O long ago. So the ways of
 * reaping without waiting ({@code tryCompletion}, {@code peekCompletion}, {@code forEachCompletion}) enter the kernel
 * to poll once when the completion queue is empty, as liburing does, and a loop over them finds the completion.
 *
 * <p>The read is an O_DIRECT read of one block, from the first source that takes polled I/O: a block device with
 * poll queues ({@code /sys/block/*}{@code /queue/io_poll} is 1), a loop or zram device (no poll queues, but their
 * completions still go through the polled path: these show the bug without one), then a file of the test's
 * directory (many file systems refuse polled I/O with EOPNOTSUPP). Devices need the permission to open them. Where
 * none works, a NOP, which IOPOLL rings also take, goes through the same reaping; it completes inline, so it checks
 * only that reaping works, not that it polls.
 */
class IoPollReapingTest {
    private static final int BLOCK = 4096;
    /** A hang guard, not a speed check: a polled read of one block is found in microseconds once it is polled for. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void tryCompletionInALoopFindsAPolledCompletion() throws IOException {
        reapsThePolledCompletion(LioUring::tryCompletion);
    }

    @Test
    void peekCompletionInALoopFindsAPolledCompletion() throws IOException {
        reapsThePolledCompletion(ring -> {
            Optional<Completion> c = ring.peekCompletion();
            c.ifPresent(found -> assertEquals(found, ring.tryCompletion().orElseThrow(), "peek does not consume"));
            return c;
        });
    }

    @Test
    void forEachCompletionInALoopFindsAPolledCompletion() throws IOException {
        reapsThePolledCompletion(ring -> {
            Completion[] found = new Completion[1];
            ring.forEachCompletion((userData, result, flags) -> found[0] = new Completion(userData, result, flags));
            return Optional.ofNullable(found[0]);
        });
    }

    private void reapsThePolledCompletion(Function<LioUring, Optional<Completion>> reap) throws IOException {
        byte[] content = new byte[BLOCK];
        Arrays.fill(content, (byte) 'p');
        Path file = Files.write(dir.resolve("polled"), content);
        List<Path> sources = new ArrayList<>(pollableDevices());
        sources.add(file);
        try (LioUring ring = iopollRing(); Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BLOCK, BLOCK);
            for (Path source : sources) {
                int fd = openDirect(source);
                if (fd < 0) {
                    continue;
                }
                try {
                    Completion c = run(ring, new Read(fd, buffer, 0), "an O_DIRECT read of " + source, reap);
                    if (c.errno() == Errno.EOPNOTSUPP || c.errno() == Errno.EINVAL) {
                        continue; // no polled I/O on this file
                    }
                    assertTrue(c.result() >= 0, source + ": " + c);
                    if (source.equals(file)) {
                        assertEquals(BLOCK, c.result(), c.toString());
                        assertArrayEquals(content, buffer.toArray(JAVA_BYTE));
                    }
                    return;
                } finally {
                    Fd.close(fd);
                }
            }
            Completion nop = run(ring, new Nop(), "a NOP", reap);
            assertEquals(0, nop.result(), nop.toString());
        }
    }

    private static Completion run(LioUring ring, Operation op, String what,
                                  Function<LioUring, Optional<Completion>> reap) {
        ring.push(op, 7);
        ring.submit();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Completion> c = reap.apply(ring);
            if (c.isPresent()) {
                assertEquals(7, c.get().userData());
                assertTrue(ring.tryCompletion().isEmpty(), "one request, one completion");
                return c.get();
            }
            Thread.onSpinWait();
        }
        return fail("the completion of " + what + " was never found by reaping without waiting");
    }

    private static LioUring iopollRing() {
        try {
            return new LioUring(4, Params.builder().iopoll().build());
        } catch (UringException e) {
            assumeTrue(false, "the kernel refuses IOPOLL rings here: " + e.getMessage());
            throw e;
        }
    }

    /** Block devices with poll queues first, then loop and zram devices: none of them physical disks without polling. */
    private static List<Path> pollableDevices() throws IOException {
        Path sysBlock = Path.of("/sys/block");
        if (!Files.isDirectory(sysBlock)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(sysBlock)) {
            return all.filter(d -> polls(d) || isVirtual(d))
                    .sorted(Comparator.comparing((Path d) -> !polls(d)).thenComparing(Path::toString))
                    .map(d -> Path.of("/dev").resolve(d.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean polls(Path sysBlockDevice) {
        try {
            return Files.readString(sysBlockDevice.resolve("queue/io_poll")).trim().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isVirtual(Path sysBlockDevice) {
        String name = sysBlockDevice.getFileName().toString();
        return name.startsWith("loop") || name.startsWith("zram");
    }

    /** The source opened with O_DIRECT, or -1 where it cannot be (no such device, no permission, no O_DIRECT). */
    private static int openDirect(Path source) {
        try {
            return Fd.open(source, OpenFlags.O_RDONLY | OpenFlags.O_DIRECT, 0);
        } catch (UringException e) {
            return -1;
        }
    }
}
