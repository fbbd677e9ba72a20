package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FileChannel class: "File channels are safe for use by multiple concurrent threads" and operations that take an
 * explicit position "may proceed concurrently". Many virtual threads share one channel; every byte is checked.
 */
class FileChannelVirtualThreadsConformanceTest extends FileSystemConformance {
    private static final int FILE_SIZE = 8 << 20;

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void concurrentPositionalReadsFromVirtualThreadsEachGetTheirBytes() throws Exception {
        byte[] data = randomBytes(FILE_SIZE, 21);
        Path file = Files.write(path("shared"), data);
        try (var ch = FileChannel.open(file, READ);
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 200; t++) {
                boolean direct = t % 2 == 0;
                readers.add(threads.submit(() -> {
                    var random = ThreadLocalRandom.current();
                    var buf = direct ? ByteBuffer.allocateDirect(4096) : ByteBuffer.allocate(4096);
                    byte[] got = new byte[4096];
                    for (int i = 0; i < 50; i++) {
                        long position = random.nextLong(FILE_SIZE);
                        buf.clear();
                        int n = ch.read(buf, position);
                        int expected = (int) Math.min(4096, FILE_SIZE - position);
                        // a positional read may return fewer bytes than asked; it returned n and they must match
                        if (n <= 0 || n > expected) throw new AssertionError("read " + n + " at " + position);
                        buf.flip().get(got, 0, n);
                        int from = (int) position;
                        if (!Arrays.equals(got, 0, n, data, from, from + n)) {
                            throw new AssertionError("wrong bytes at " + position);
                        }
                    }
                    return 50;
                }));
            }
            for (var reader : readers) assertEquals(50, reader.get(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, ch.position(), "positional reads leave the channel's position alone");
        }
    }

    @Test
    void concurrentPositionalWritesFromVirtualThreadsLandWhereTheyWereAimed() throws Exception {
        // write(src, position) from many threads to disjoint regions of one channel
        byte[] data = randomBytes(FILE_SIZE, 22);
        int piece = 32 << 10;
        Path file = path("written");
        try (var ch = FileChannel.open(file, READ, WRITE, CREATE_NEW);
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writers = new ArrayList<>();
            for (int off = 0; off < FILE_SIZE; off += piece) {
                int from = off;
                writers.add(threads.submit(() -> {
                    var src = ByteBuffer.wrap(data, from, piece);
                    while (src.hasRemaining()) ch.write(src, from + (src.position() - from));
                    return null;
                }));
            }
            for (var writer : writers) writer.get(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertEquals(FILE_SIZE, ch.size());
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void relativeReadsOfOneChannelFromManyThreadsSplitTheFileWithoutLossOrOverlap() throws Exception {
        // class: operations involving the position are serialised ("will block until the first operation
        // completes"), so concurrent relative reads together see every byte exactly once
        int size = 1 << 20;
        byte[] data = new byte[size];
        for (int i = 0; i < size; i += 4) ByteBuffer.wrap(data, i, 4).putInt(i / 4);
        Path file = Files.write(path("numbered"), data);
        try (var ch = FileChannel.open(file, READ);
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Integer>>> readers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                readers.add(threads.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    var buf = ByteBuffer.allocate(4096);
                    while (true) {
                        buf.clear();
                        // each read is position-atomic; reading whole ints needs reads of multiples of 4, which
                        // a regular file returns except at its end (the size is a multiple of 4)
                        int n = ch.read(buf);
                        if (n == -1) return seen;
                        if (n % 4 != 0) throw new AssertionError("a read of " + n + " bytes split an int");
                        buf.flip();
                        while (buf.hasRemaining()) seen.add(buf.getInt());
                    }
                }));
            }
            boolean[] seen = new boolean[size / 4];
            int total = 0;
            for (var reader : readers) {
                for (int value : reader.get(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    if (seen[value]) throw new AssertionError(value + " read twice");
                    seen[value] = true;
                    total++;
                }
            }
            assertEquals(size / 4, total);
        }
    }

    @Test
    void readAllBytesOfManySmallFilesFromVirtualThreads() throws Exception {
        // Files.readAllBytes from 500 virtual threads at once, each on its own small file
        int count = 500;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) files.add(Files.write(path("small-" + i), randomBytes(1000 + i, i)));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> reads = new ArrayList<>();
            for (Path f : files) reads.add(threads.submit(() -> Files.readAllBytes(f)));
            for (int i = 0; i < count; i++) {
                assertArrayEquals(randomBytes(1000 + i, i), reads.get(i).get(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS));
            }
        }
    }
}
