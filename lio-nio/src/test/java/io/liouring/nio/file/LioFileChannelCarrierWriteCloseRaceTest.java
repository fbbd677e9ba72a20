package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A buffered channel closed by another thread while more virtual threads than there are carriers write it: on a file
 * system that refuses {@code RWF_NOWAIT} writes (ext4) they write on their carriers
 * ({@link LioFileChannelCarrierWritesTest}), elsewhere through the page-cache attempt or the ring. Every file holds its
 * own tag byte throughout (writers write the tag the file already has). While the channel closes, another thread keeps
 * opening and closing the other files, so the descriptor numbers the channel gives back are taken again at once. A
 * write that reached a descriptor after its channel gave it back would put this file's tag into another file. Each
 * writer must end with {@link ClosedChannelException} (or its subclass {@code AsynchronousCloseException}); no
 * descriptor may leak.
 */
class LioFileChannelCarrierWriteCloseRaceTest {
    private static final int FILES = 8;
    private static final int BLOCK = 4096;
    private static final int FILE_SIZE = 64 * BLOCK;
    private static final int WRITERS = 16;
    private static final int TRIALS = 300;
    /** Writes a writer makes between two sleeps. */
    private static final int BURST = 64;

    @TempDir
    Path dir;

    @Test
    void virtualWritersOfAClosedChannelEndClosedAndNeverWriteAnotherFile() throws Exception {
        List<Path> files = TaggedFiles.create(dir, FILES, FILE_SIZE);
        LioFileChannel.open(files.get(0), Set.of(WRITE)).close(); // the shared rings exist from here on: not a leak
        long before = DescriptorReuse.openDescriptors();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger endedClosed = new AtomicInteger();
        for (int trial = 0; trial < TRIALS; trial++) {
            int file = trial % FILES;
            FileChannel ch = LioFileChannel.open(files.get(file), Set.of(WRITE));
            CountDownLatch writing = new CountDownLatch(WRITERS);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        writeUntilClosed(ch, TaggedFiles.tag(file), writing);
                    } catch (ClosedChannelException e) {
                        endedClosed.incrementAndGet();
                    } catch (Throwable e) {
                        problems.add("a writer ended with " + e);
                    }
                }));
            }
            AtomicBoolean closing = new AtomicBoolean(true);
            Thread reuser = null;
            try {
                assertTrue(writing.await(60, TimeUnit.SECONDS), "every writer completes one write before the close");
                reuser = Thread.ofPlatform().start(
                        () -> DescriptorReuse.reopenOthers(files, file, closing::get, problems));
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(500_000));
            } finally {
                ch.close(); // also when the test fails, so that no writer outlives it
                for (Thread t : writers) {
                    assertTrue(t.join(Duration.ofSeconds(60)), "a writer did not end");
                }
                closing.set(false);
                if (reuser != null) {
                    assertTrue(reuser.join(Duration.ofSeconds(60)), "the descriptor reuser did not end");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(TRIALS * WRITERS, endedClosed.get(), "every writer ended with ClosedChannelException");
        for (int i = 0; i < FILES; i++) {
            byte[] content = Files.readAllBytes(files.get(i));
            assertEquals(FILE_SIZE, content.length);
            for (byte b : content) {
                assertEquals(TaggedFiles.tag(i), b, "file " + i + " holds only its own tag");
            }
        }
        long gained = DescriptorReuse.openDescriptors() - before;
        assertTrue(gained <= 0, "descriptors gained: " + gained);
    }

    /**
     * Writes {@code tag} over random blocks until the channel is closed; counts down {@code writing} after the first
     * write. A write on a carrier never parks, so each writer sleeps a moment after every {@link #BURST} writes:
     * otherwise the first writers would keep every carrier and the others would never start.
     */
    private static void writeUntilClosed(FileChannel ch, byte tag, CountDownLatch writing) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            buffer.put(i, tag);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean counted = false;
        for (int i = 1; ; i++) {
            long position = (long) BLOCK * random.nextInt(FILE_SIZE / BLOCK);
            buffer.clear();
            assertEquals(BLOCK, ch.write(buffer, position));
            if (!counted) {
                writing.countDown();
                counted = true;
            }
            if (i % BURST == 0) {
                LockSupport.parkNanos(10_000);
            }
        }
    }
}
