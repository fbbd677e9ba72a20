package io.liouring.nio.file;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On ext4, which cannot say without waiting whether a buffered write would wait (it refuses {@code RWF_NOWAIT}
 * writes), a virtual thread's buffered write of a regular file is made on its carrier, as the JDK's channel makes it;
 * a {@code SYNC} or {@code DSYNC} write, which waits for the device, parks on the ring, and so does every write to a
 * device for a while after a carrier write to it waited. Which thread made the write
 * is the kernel's to say: {@code wchar} of {@code /proc/PID/task/TID/io} counts the bytes each thread passed to
 * write calls, so the carrier's count grows by the block only if the carrier wrote it (an io-wq worker writes a ring
 * request; a wake-up of the event loop is an 8-byte eventfd write).
 */
class LioFileChannelCarrierWritesTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    @BeforeEach
    void onExt4() throws IOException {
        String type = Files.getFileStore(dir).type();
        assumeTrue(type.equals("ext4"), "needs ext4, which refuses buffered RWF_NOWAIT writes; " + dir + " is on " + type);
    }

    @Test
    void aVirtualThreadsBufferedWriteIsMadeOnItsCarrier() throws Exception {
        Path file = dir.resolve("buffered");
        long carrierBytes = onVirtualThread(() -> bytesTheCarrierWrote(file, Set.of(WRITE, CREATE_NEW), 0));
        assertTrue(carrierBytes >= BLOCK, "the carrier wrote " + carrierBytes + " bytes, not the block");
        assertBlocksOnDisk(file, 2);
    }

    @Test
    void aVirtualThreadsAppendIsMadeOnItsCarrier() throws Exception {
        Path file = Files.createFile(dir.resolve("appended"));
        long carrierBytes = onVirtualThread(() -> bytesTheCarrierWrote(file, Set.of(APPEND), -1));
        assertTrue(carrierBytes >= BLOCK, "the carrier wrote " + carrierBytes + " bytes, not the block");
        assertBlocksOnDisk(file, 2);
    }

    @ParameterizedTest
    @EnumSource(value = StandardOpenOption.class, names = {"SYNC", "DSYNC"})
    void aVirtualThreadsSynchronousWriteParksOnTheRing(StandardOpenOption synchronous) throws Exception {
        Path file = dir.resolve(synchronous.name());
        long carrierBytes = onVirtualThread(() -> bytesTheCarrierWrote(file, Set.of(WRITE, CREATE_NEW, synchronous), 0));
        assertTrue(carrierBytes < BLOCK, "the carrier wrote " + carrierBytes + " bytes itself");
        assertBlocksOnDisk(file, 2);
    }

    /**
     * A write on the carrier may wait where the kernel throttles the writer (for writeback, the journal, another
     * writer's inode lock, a network file system), so it holds none of the {@link CallSlots}, which calls that never
     * wait share: it completes on the carrier while every one of them is held (by more carriers than there are
     * slots, say, each waiting in such a write).
     */
    @Test
    void aWriteOnTheCarrierTakesNoneOfTheCallSlots() throws Exception {
        Path file = dir.resolve("slots");
        try (FileChannel ch = LioFileChannel.open(file, Set.of(WRITE, CREATE_NEW))) {
            onVirtualThread(() -> {
                write(ch, block(0), 0); // learns the file's type and that its file system refuses RWF_NOWAIT
                return null;
            });
            List<IoScratch> held = new ArrayList<>();
            CompletableFuture<Long> carrierBytes = new CompletableFuture<>();
            Thread writer = null;
            try {
                for (int i = 0; i < CallSlots.COUNT; i++) {
                    held.add(CallSlots.take());
                }
                writer = Thread.ofVirtual().start(() -> {
                    try {
                        Path carrier = Path.of("/proc/thread-self").toRealPath();
                        long before = writtenBytes(carrier);
                        write(ch, block(1), BLOCK);
                        carrierBytes.complete(writtenBytes(carrier) - before);
                    } catch (Throwable e) {
                        carrierBytes.completeExceptionally(e);
                    }
                });
                long bytes = carrierBytes.get(10, TimeUnit.SECONDS);
                assertTrue(bytes >= BLOCK, "the carrier wrote " + bytes + " bytes, not the block");
            } finally {
                held.forEach(IoScratch::release);
                if (writer != null) {
                    writer.join();
                }
            }
        }
        assertBlocksOnDisk(file, 2);
    }

    /**
     * Writes on carriers have {@link CarrierWrites#CAPTURES} errno captures: a write made while every one of them is
     * held (more carriers than that writing at once) parks on the ring instead of waiting for one.
     */
    @Test
    void aWriteBeyondTheCapturesOfCarrierWritesParksOnTheRing() throws Exception {
        Path file = dir.resolve("captures");
        List<Integer> held = new ArrayList<>();
        try {
            for (int slot; (slot = CarrierWrites.CLAIMS.tryClaim()) >= 0; ) {
                held.add(slot);
            }
            assertEquals(CarrierWrites.CAPTURES, held.size());
            long carrierBytes = onVirtualThread(() -> bytesTheCarrierWrote(file, Set.of(WRITE, CREATE_NEW), 0));
            assertTrue(carrierBytes < BLOCK, "the carrier wrote " + carrierBytes + " bytes itself");
        } finally {
            held.forEach(CarrierWrites.CLAIMS::release);
        }
        assertBlocksOnDisk(file, 2);
    }

    @Test
    void afterACarrierWriteToTheDeviceWaitedAnotherFilesWritesParkOnTheRing() throws Exception {
        CarrierWrites guard = guardOf(Files.write(dir.resolve("other"), new byte[BLOCK]));
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) { // as if four writes of another file had waited, each once the ring time was over
            long end = start + CarrierWrites.WAITED_NANOS + 1;
            guard.noteTime(start, end);
            start = end + (CarrierWrites.FIRST_RING_NANOS << i); // the device's writes park till 1.6 s from now
        }
        try {
            Path file = dir.resolve("after");
            long carrierBytes = onVirtualThread(() -> bytesTheCarrierWrote(file, Set.of(WRITE, CREATE_NEW), 0));
            assertTrue(carrierBytes < BLOCK, "the carrier wrote " + carrierBytes + " bytes itself");
            assertBlocksOnDisk(file, 2);
        } finally {
            while (!guard.allow(1)) { // leave the device's writes on the carrier again, for the tests after this one
                Thread.sleep(50);
            }
            long end = System.nanoTime();
            guard.noteTime(end, end);
        }
    }

    /** The guard of the carrier writes of the device {@code file} is on. */
    private static CarrierWrites guardOf(Path file) throws IOException {
        RingFile probe = RingFile.open(file, ChannelOptions.of(Set.of(READ), new FileAttribute<?>[0], true));
        try {
            FileKey key = probe.key();
            return CarrierWrites.ofDevice(key.devMajor(), key.devMinor());
        } finally {
            probe.close();
        }
    }

    /**
     * Opens {@code file}, writes block 0 (which teaches the channel what the file and its file system are), then
     * block 1 (at {@code position} {@link #BLOCK}, or appended with -1): how many bytes the carrier thread the virtual
     * thread ran on passed to write calls during the second write.
     */
    private static long bytesTheCarrierWrote(Path file, Set<? extends OpenOption> options, long position)
            throws IOException {
        try (FileChannel ch = LioFileChannel.open(file, options)) {
            write(ch, block(0), position < 0 ? -1 : 0);
            Path carrier = Path.of("/proc/thread-self").toRealPath(); // /proc/PID/task/TID of the carrier
            long before = writtenBytes(carrier);
            write(ch, block(1), position < 0 ? -1 : BLOCK);
            return writtenBytes(carrier) - before;
        }
    }

    private static void write(FileChannel ch, ByteBuffer src, long position) throws IOException {
        while (src.hasRemaining()) {
            if (position < 0) {
                ch.write(src);
            } else {
                ch.write(src, position + src.position());
            }
        }
    }

    /** {@code wchar} of a thread's {@code io} file. */
    private static long writtenBytes(Path task) throws IOException {
        for (String line : Files.readAllLines(task.resolve("io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).trim());
            }
        }
        throw new AssertionError("no wchar in " + task.resolve("io"));
    }

    /** Block {@code i}: {@link #BLOCK} bytes of {@code i + 1}, in a direct buffer. */
    private static ByteBuffer block(int i) {
        ByteBuffer b = ByteBuffer.allocateDirect(BLOCK);
        while (b.hasRemaining()) {
            b.put((byte) (i + 1));
        }
        return b.flip();
    }

    private static void assertBlocksOnDisk(Path file, int blocks) throws IOException {
        byte[] expected = new byte[blocks * BLOCK];
        for (int i = 0; i < blocks; i++) {
            Arrays.fill(expected, i * BLOCK, (i + 1) * BLOCK, (byte) (i + 1));
        }
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    private static <T> T onVirtualThread(Callable<T> task) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            return threads.submit(task).get(30, TimeUnit.SECONDS);
        }
    }
}
