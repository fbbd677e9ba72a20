package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Heap buffers of asynchronous reads share the pooled bounce buffers: many reads in flight at once, of files that
 * each hold one tag byte, through the ring (O_DIRECT, so none is answered from the page cache), while other threads
 * read another file from the page cache through the same pool. Every buffer must hold its own file's tag: a bounce
 * buffer handed on before its bytes were copied out would show another file's tag.
 */
class LioAsynchronousFileChannelHeapBufferTest {
    private static final int FILES = 8;
    private static final int BLOCK = 4096;
    private static final int BLOCKS = 16;
    private static final int READS = 4000;

    @TempDir
    Path dir;

    private static byte[] filled(int size, byte tag) {
        byte[] b = new byte[size];
        Arrays.fill(b, tag);
        return b;
    }

    @Test
    void concurrentRingReadsIntoHeapBuffersEachGetTheirOwnFilesBytes() throws Exception {
        OpenOption direct = DirectOpenOption.get();
        List<AsynchronousFileChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < FILES; i++) {
                Path f = Files.write(dir.resolve("tag" + i), filled(BLOCK * BLOCKS, (byte) (i + 1)));
                channels.add(LioAsynchronousFileChannel.open(f, Set.of(READ, direct), null));
            }
            Path other = Files.write(dir.resolve("other"), filled(BLOCK * BLOCKS, (byte) 99));
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> cachedReaders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                cachedReaders.add(Thread.ofPlatform().start(() -> {
                    try (var ch = LioFileChannel.open(other, Set.of(READ))) {
                        ByteBuffer b = ByteBuffer.allocate(BLOCK);
                        while (!stop.get()) {
                            b.clear();
                            ch.read(b, 0);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            List<Future<Integer>> reads = new ArrayList<>();
            List<ByteBuffer> buffers = new ArrayList<>();
            for (int r = 0; r < READS; r++) {
                ByteBuffer b = ByteBuffer.allocate(BLOCK);
                buffers.add(b);
                reads.add(channels.get(r % FILES).read(b, (long) BLOCK * (r % BLOCKS)));
            }
            for (Future<Integer> read : reads) {
                read.get(60, TimeUnit.SECONDS);
            }
            stop.set(true);
            for (Thread t : cachedReaders) {
                t.join();
            }
            for (int r = 0; r < READS; r++) {
                assertEquals(BLOCK, reads.get(r).get(60, TimeUnit.SECONDS));
                byte[] expected = filled(BLOCK, (byte) (r % FILES + 1));
                assertEquals(0, Arrays.compare(expected, buffers.get(r).array()), "read " + r + " got another file's bytes");
            }
        } finally {
            for (AsynchronousFileChannel ch : channels) {
                ch.close();
            }
        }
    }
}
