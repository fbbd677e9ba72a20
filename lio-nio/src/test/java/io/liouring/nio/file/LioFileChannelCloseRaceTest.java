package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.nio.file.StandardOpenOption.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Close racing reads: every file holds one tag byte throughout, a channel is closed while threads read it, and
 * another file is opened at once — usually under the descriptor number just given back. A read that reached the
 * descriptor after its channel let it go would return another file's tag. Each reader must see only its own file's
 * bytes and end with {@link ClosedChannelException} (or its subclass {@code AsynchronousCloseException}); no
 * descriptor may leak. Page-cache attempts (the direct {@code preadv2} path), a platform thread's plain
 * {@code pread} and O_DIRECT reads (always the ring, on virtual threads), each.
 */
class LioFileChannelCloseRaceTest {
    private static final int FILES = 16;
    private static final int FILE_SIZE = 64 * 1024;
    private static final int READERS = 3;

    @TempDir
    Path dir;


    @Test
    void cachedReadsNeverSeeAnotherFilesBytesWhenTheirChannelIsClosed() throws Exception {
        race(Set.of(READ), 300, false, false);
    }

    @Test
    void platformThreadsPreadsNeverSeeAnotherFilesBytesWhenTheirChannelIsClosed() throws Exception {
        race(Set.of(READ), 300, false, true);
    }

    @Test
    void ringReadsOfAnODirectFileNeverSeeAnotherFilesBytesWhenTheirChannelIsClosed() throws Exception {
        race(Set.of(READ, DirectOpenOption.get()), 150, true, false);
    }

    /**
     * {@code sized}: {@code size()} is asked before the readers start, so the channel knows the file is a regular
     * one and a platform thread reads it in a plain {@code pread}, as the JDK's does, rather than trying the page
     * cache first.
     */
    private void race(Set<OpenOption> options, int trials, boolean aligned, boolean sized) throws Exception {
        List<Path> files = TaggedFiles.create(dir, FILES, FILE_SIZE);
        LioFileChannel.open(files.get(0), options).close(); // the shared rings exist from here on: not a leak
        long before = DescriptorReuse.openDescriptors();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        int[] endings = new int[1];
        for (int trial = 0; trial < trials; trial++) {
            int file = trial % FILES;
            FileChannel ch = LioFileChannel.open(files.get(file), options);
            if (sized) {
                assertEquals(FILE_SIZE, ch.size());
            }
            CountDownLatch reading = new CountDownLatch(READERS);
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                boolean direct = aligned || r % 2 == 0;
                Runnable read = () -> readUntilClosed(ch, TaggedFiles.tag(file), direct, aligned, reading, problems);
                // Cached reads never park, so virtual readers could hold every carrier: platform threads there.
                readers.add(aligned ? Thread.ofVirtual().start(read) : Thread.ofPlatform().start(read));
            }
            assertTrue(reading.await(30, TimeUnit.SECONDS));
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000));
            ch.close();
            // Likely to get the number just given back: a late read on it would see this file's tag.
            int other = (file + 1 + ThreadLocalRandom.current().nextInt(FILES - 1)) % FILES;
            try (FileChannel next = LioFileChannel.open(files.get(other), options)) {
                for (Thread t : readers) {
                    assertTrue(t.join(java.time.Duration.ofSeconds(30)), "a reader did not end");
                }
                ByteBuffer b = aligned ? alignedBuffer() : ByteBuffer.allocate(4096);
                assertEquals(4096, next.read(b, 0));
                for (int i = 0; i < 4096; i++) {
                    assertEquals(TaggedFiles.tag(other), b.get(i));
                }
            }
            endings[0] += READERS;
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(trials * READERS, endings[0]);
        long gained = DescriptorReuse.openDescriptors() - before;
        assertTrue(gained <= 0, "descriptors gained: " + gained);
    }

    /** 4096 bytes at a 4096-byte boundary, as O_DIRECT wants them. */
    private static ByteBuffer alignedBuffer() {
        return ByteBuffer.allocateDirect(2 * 4096).alignedSlice(4096).limit(4096).slice();
    }

    private static void readUntilClosed(FileChannel ch, byte tag, boolean direct, boolean aligned, CountDownLatch reading,
                                        ConcurrentLinkedQueue<String> problems) {
        ByteBuffer buffer = aligned ? alignedBuffer()
                : direct ? ByteBuffer.allocateDirect(4096) : ByteBuffer.allocate(4096);
        reading.countDown();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (true) {
                buffer.clear().limit(4096);
                long position = aligned ? 4096L * random.nextInt(FILE_SIZE / 4096) : random.nextInt(FILE_SIZE - 4096);
                int n = ch.read(buffer, position);
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) != tag) {
                        problems.add("read tag " + buffer.get(i) + " from a channel of tag " + tag);
                        return;
                    }
                }
            }
        } catch (ClosedChannelException expected) {
            // The close ended the reads, as it should.
        } catch (Throwable t) {
            problems.add("unexpected " + t);
        }
    }
}
