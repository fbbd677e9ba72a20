package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes from virtual threads keep {@code FileChannel}'s contract whichever way they are made: on ext4, which refuses
 * buffered {@code RWF_NOWAIT} writes, most are {@code pwrite}s on the carrier ({@link CarrierWrites}), larger ones
 * and those of files without a position go to the ring. The channel's position under concurrent relative writers,
 * append mode (positional writes included), gathering writes from heap buffers and arenas' memory, writes larger
 * than {@link CarrierWrites#MAX_BYTES}, the streams of {@code Files}, {@code /dev/null} and {@code /proc}, and
 * interrupts.
 */
class LioFileChannelVirtualThreadWritesTest {
    @TempDir
    Path dir;

    /** Runs {@code c} on a virtual thread and returns what it returned. */
    static <T> T vt(Callable<T> c) throws Exception {
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            return ex.submit(c).get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentRelativeWritersEachWriteWholeRecordsAndTheirSumMovesThePosition() throws Exception {
        Path f = dir.resolve("rel");
        try (FileChannel ch = LioFileChannel.open(f, Set.of(WRITE, CREATE_NEW))) {
            try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    byte tag = (byte) ('a' + t);
                    fs.add(ex.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            ByteBuffer b = (i % 2 == 0) ? ByteBuffer.allocate(100) : ByteBuffer.allocateDirect(100);
                            while (b.hasRemaining()) {
                                b.put(tag);
                            }
                            b.flip();
                            assertEquals(100, ch.write(b));
                        }
                        return null;
                    }));
                }
                for (var x : fs) {
                    x.get();
                }
            }
            assertEquals(16 * 500 * 100, ch.position());
            assertEquals(16 * 500 * 100, ch.size());
        }
        byte[] all = Files.readAllBytes(f);
        for (int i = 0; i < all.length; i += 100) {
            for (int j = 1; j < 100; j++) {
                assertEquals(all[i], all[i + j], "record at " + i + " interleaved");
            }
        }
    }

    @Test
    void inAppendModeEveryWriteAlsoAPositionalOneGoesToTheEnd() throws Exception {
        Path f = Files.write(dir.resolve("app"), new byte[10]);
        vt(() -> {
            try (FileChannel ch = LioFileChannel.open(f, Set.of(WRITE, APPEND))) {
                ch.write(ByteBuffer.wrap(new byte[]{1, 2, 3}), 0);
                ch.write(ByteBuffer.allocateDirect(5), 2);
                ch.write(new ByteBuffer[]{ByteBuffer.wrap(new byte[]{7}), ByteBuffer.allocateDirect(2)});
                assertEquals(21, ch.position());
            }
            return null;
        });
        assertEquals(21, Files.size(f));
        assertEquals(1, Files.readAllBytes(f)[10]);
    }

    @Test
    void aGatheringWriteOfHeapAndArenaBuffersWritesThemInOrder() throws Exception {
        Path f = dir.resolve("g");
        vt(() -> {
            try (FileChannel ch = LioFileChannel.open(f, Set.of(WRITE, CREATE_NEW, READ));
                 Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
                ByteBuffer a = confined.allocate(3000).asByteBuffer();
                ByteBuffer b = shared.allocate(5000).asByteBuffer();
                ByteBuffer c = ByteBuffer.allocate(7000);
                for (int i = 0; i < 3000; i++) {
                    a.put(i, (byte) 1);
                }
                for (int i = 0; i < 5000; i++) {
                    b.put(i, (byte) 2);
                }
                for (int i = 0; i < 7000; i++) {
                    c.put(i, (byte) 3);
                }
                assertEquals(15000, ch.write(new ByteBuffer[]{a, b, c}));
                assertEquals(15000, ch.position());
            }
            return null;
        });
        byte[] all = Files.readAllBytes(f);
        assertEquals(15000, all.length);
        assertEquals(1, all[2999]);
        assertEquals(2, all[3000]);
        assertEquals(3, all[8000]);
        assertEquals(3, all[14999]);
    }

    @Test
    void writesLargerThanACarrierWriteAreWrittenWhole() throws Exception {
        Path f = dir.resolve("big");
        int n = 3 * (1 << 20) + 17;
        vt(() -> {
            try (FileChannel ch = LioFileChannel.open(f, Set.of(WRITE, CREATE_NEW))) {
                ByteBuffer h = ByteBuffer.allocate(n);
                for (int i = 0; i < n; i++) {
                    h.put(i, (byte) i);
                }
                assertEquals(n, ch.write(h));
                ByteBuffer d = ByteBuffer.allocateDirect(n);
                d.put(h.flip());
                d.flip();
                assertEquals(n, ch.write(d));
            }
            return null;
        });
        byte[] all = Files.readAllBytes(f);
        assertEquals(2 * n, all.length);
        for (int i = 0; i < n; i++) {
            assertEquals((byte) i, all[i]);
            assertEquals((byte) i, all[n + i]);
        }
    }

    @Test
    void filesWriteAndAnAppendingOutputStreamWriteEveryByte() throws Exception {
        Path f = LioFileSystems.lio(dir.resolve("s"));
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        vt(() -> {
            Files.write(f, data);
            try (OutputStream out = Files.newOutputStream(f, APPEND)) {
                out.write(data, 0, 1000);
                out.write(42);
            }
            return null;
        });
        byte[] all = Files.readAllBytes(dir.resolve("s"));
        byte[] expected = new byte[201_001];
        System.arraycopy(data, 0, expected, 0, data.length);
        System.arraycopy(data, 0, expected, data.length, 1000);
        expected[201_000] = 42;
        assertArrayEquals(expected, all);
    }

    @Test
    void devNullTakesEveryWriteAndProcCommTakesARelativeOne() throws Exception {
        vt(() -> {
            try (FileChannel ch = LioFileChannel.open(Path.of("/dev/null"), Set.of(WRITE))) {
                assertEquals(100, ch.write(ByteBuffer.allocate(100)));
                assertEquals(100, ch.write(ByteBuffer.allocateDirect(100), 12345));
            }
            try (FileChannel ch = LioFileChannel.open(Path.of("/proc/thread-self/comm"), Set.of(WRITE))) {
                assertEquals(8, ch.write(ByteBuffer.wrap("lio-comm".getBytes())));
            }
            return null;
        });
    }

    @Test
    void anInterruptBeforeAWriteClosesTheChannelAndWritesNothing() throws Exception {
        Path f = dir.resolve("intr");
        vt(() -> {
            FileChannel ch = LioFileChannel.open(f, Set.of(WRITE, CREATE_NEW));
            ch.write(ByteBuffer.allocate(10));
            Thread.currentThread().interrupt();
            assertThrows(ClosedByInterruptException.class, () -> ch.write(ByteBuffer.allocate(10)));
            assertFalse(ch.isOpen());
            assertTrue(Thread.interrupted());
            return null;
        });
        assertEquals(10, Files.size(f));
    }

    @Test
    void anInterruptDuringWritesClosesTheChannelWithClosedByInterruptException() throws Exception {
        Path f = dir.resolve("intr2");
        for (int trial = 0; trial < 50; trial++) {
            FileChannel ch = LioFileChannel.open(f, Set.of(WRITE, CREATE, TRUNCATE_EXISTING));
            var result = new CompletableFuture<Throwable>();
            Thread t = Thread.ofVirtual().start(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(4096);
                try {
                    for (int i = 0; ; i++) {
                        b.clear();
                        ch.write(b, (i % 64) * 4096L);
                    }
                } catch (Throwable e) {
                    result.complete(e);
                }
            });
            Thread.sleep(2);
            t.interrupt();
            Throwable e = result.get(30, TimeUnit.SECONDS);
            assertInstanceOf(ClosedByInterruptException.class, e);
            assertFalse(ch.isOpen());
        }
    }
}
