package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An O_DIRECT channel closed by another thread while hundreds of virtual threads read it and a few write it, as P8
 * does it: every request of those threads goes through the ring (as many as the device queue takes in the kernel,
 * the rest waiting for a place). Every file holds its own tag byte throughout (writers write the tag the file already
 * has). While the channel closes, another thread keeps opening and closing the other files, so the descriptor numbers
 * the channel gives back are taken again at once; and right after each close another file is opened. A read or write
 * that reached a descriptor after its channel gave it back would bring another file's tag into a reader's buffer, or
 * this file's tag into another file. As {@link FileChannel}'s Javadoc says, each thread must end with
 * {@link AsynchronousCloseException} if the close caught it in a read or write, {@link ClosedChannelException} if it
 * began one after the close; no descriptor may leak.
 */
class LioFileChannelDirectCloseRaceTest {
    private static final int FILES = 8;
    private static final int BLOCK = 4096;
    private static final int FILE_SIZE = 64 * BLOCK;
    private static final int READERS = 200;
    private static final int WRITERS = 4;
    private static final int TRIALS = 12;

    @TempDir
    Path dir;

    @Test
    void manyVirtualReadersOfAClosedODirectChannelEndClosedAndNeverTouchAnotherFile() throws Exception {
        OpenOption direct = DirectOpenOption.get();
        Set<OpenOption> options = Set.of(READ, WRITE, direct);
        List<Path> files = TaggedFiles.create(dir, FILES, FILE_SIZE);
        LioFileChannel.open(files.get(0), options).close(); // the shared rings exist from here on: not a leak
        long before = DescriptorReuse.openDescriptors();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger closedDuringCall = new AtomicInteger();
        AtomicInteger closedBeforeCall = new AtomicInteger();
        for (int trial = 0; trial < TRIALS; trial++) {
            int file = trial % FILES;
            byte tag = TaggedFiles.tag(file);
            FileChannel ch = LioFileChannel.open(files.get(file), options);
            CountDownLatch working = new CountDownLatch(READERS + WRITERS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < READERS + WRITERS; t++) {
                boolean writer = t < WRITERS;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        useUntilClosed(ch, tag, writer, working, problems);
                    } catch (AsynchronousCloseException e) {
                        closedDuringCall.incrementAndGet();
                    } catch (ClosedChannelException e) {
                        closedBeforeCall.incrementAndGet();
                    } catch (Throwable e) {
                        problems.add((writer ? "writer" : "reader") + " ended with " + e);
                    }
                }));
            }
            assertTrue(working.await(60, TimeUnit.SECONDS), "every thread completes one call before the close");
            AtomicInteger closing = new AtomicInteger(1);
            Thread reuser = Thread.ofPlatform().start(
                    () -> DescriptorReuse.reopenOthers(files, file, () -> closing.get() != 0, problems));
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000));
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    ch.close();
                } catch (IOException e) {
                    problems.add("close failed: " + e);
                }
            });
            assertTrue(closer.join(Duration.ofSeconds(60)), "close returned");
            assertThrows(ClosedChannelException.class, () -> ch.read(alignedBuffer(), 0));
            // Likely to get a descriptor number just given back: a late call on it would meet this file.
            int other = (file + 1 + ThreadLocalRandom.current().nextInt(FILES - 1)) % FILES;
            try (FileChannel next = LioFileChannel.open(files.get(other), options)) {
                ByteBuffer b = alignedBuffer();
                for (long position = 0; position < FILE_SIZE; position += BLOCK) {
                    assertEquals(BLOCK, next.read(b.clear(), position));
                    assertOnly(TaggedFiles.tag(other), b, "file " + other + " read while " + file + "'s channel closed");
                }
                for (Thread t : threads) {
                    assertTrue(t.join(Duration.ofSeconds(60)), "a reader or writer did not end");
                }
            } finally {
                closing.set(0);
                assertTrue(reuser.join(Duration.ofSeconds(60)), "the descriptor reuser did not end");
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(TRIALS * (READERS + WRITERS), closedDuringCall.get() + closedBeforeCall.get());
        assertTrue(closedDuringCall.get() > 0, "some call was in progress at a close: AsynchronousCloseException");
        for (int i = 0; i < FILES; i++) {
            byte[] content = Files.readAllBytes(files.get(i));
            for (byte b : content) {
                assertEquals(TaggedFiles.tag(i), b, "file " + i + " holds only its own tag");
            }
        }
        long gained = DescriptorReuse.openDescriptors() - before;
        assertTrue(gained <= 0, "descriptors gained: " + gained);
    }

    /**
     * Reads (or writes the file's own tag) at random blocks until the channel is closed, checking every byte read;
     * counts down {@code working} after the first completed call.
     */
    private static void useUntilClosed(FileChannel ch, byte tag, boolean writer, CountDownLatch working,
                                       ConcurrentLinkedQueue<String> problems) throws IOException {
        ByteBuffer buffer = alignedBuffer();
        if (writer) {
            for (int i = 0; i < BLOCK; i++) {
                buffer.put(i, tag);
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean counted = false;
        while (true) {
            long position = (long) BLOCK * random.nextInt(FILE_SIZE / BLOCK);
            buffer.clear();
            if (writer) {
                assertEquals(BLOCK, ch.write(buffer, position));
            } else {
                int n = ch.read(buffer, position);
                if (n != BLOCK) {
                    problems.add("read " + n + " bytes of a full block");
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) != tag) {
                        problems.add("read tag " + buffer.get(i) + " through a channel of tag " + tag);
                        return;
                    }
                }
            }
            if (!counted) {
                working.countDown();
                counted = true;
            }
        }
    }


    private static void assertOnly(byte tag, ByteBuffer b, String what) {
        for (int i = 0; i < BLOCK; i++) {
            assertEquals(tag, b.get(i), what);
        }
    }

    /** One block at a block boundary, as O_DIRECT wants it. */
    private static ByteBuffer alignedBuffer() {
        return ByteBuffer.allocateDirect(2 * BLOCK).alignedSlice(BLOCK).limit(BLOCK).slice();
    }
}
