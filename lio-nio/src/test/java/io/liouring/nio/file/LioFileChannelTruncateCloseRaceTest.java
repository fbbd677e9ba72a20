package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Close racing {@code truncate} and {@code force}, which a platform thread makes as direct system calls
 * ({@code ftruncate}, {@code fsync}) as the JDK's channel does: a channel is closed while one thread shrinks its
 * file a byte at a time and another forces it, and another file is opened at once, usually under the descriptor
 * number just given back. A truncate that reached that number after the close would shrink the other file. Every
 * file must end exactly as long as its own channels' successful truncates made it, and both threads must end with
 * {@link ClosedChannelException}.
 */
class LioFileChannelTruncateCloseRaceTest {
    private static final int FILES = 16;
    private static final int FILE_SIZE = 64 * 1024;
    private static final int TRIALS = 200;

    @TempDir
    Path dir;

    @Test
    void aTruncateNeverShrinksTheFileOpenedUnderTheClosedChannelsDescriptorNumber() throws Exception {
        List<Path> files = TaggedFiles.create(dir, FILES, FILE_SIZE);
        long[] truncated = new long[FILES];
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            int file = trial % FILES;
            FileChannel ch = LioFileChannel.open(files.get(file), Set.of(READ, WRITE));
            AtomicLong shrinks = new AtomicLong();
            CountDownLatch started = new CountDownLatch(2);
            Thread truncater = Thread.ofPlatform().start(() -> endsClosed(problems, started, () -> {
                long size = ch.size();
                if (size > 1) {
                    ch.truncate(size - 1);
                    shrinks.incrementAndGet(); // this channel's truncater is the only one: each call shrank by one
                }
            }));
            Thread forcer = Thread.ofPlatform().start(() -> endsClosed(problems, started, () -> ch.force(true)));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(300_000));
            ch.close();
            int other = (file + 1 + ThreadLocalRandom.current().nextInt(FILES - 1)) % FILES;
            try (FileChannel next = LioFileChannel.open(files.get(other), Set.of(READ, WRITE))) {
                assertTrue(truncater.join(java.time.Duration.ofSeconds(30)), "the truncater did not end");
                assertTrue(forcer.join(java.time.Duration.ofSeconds(30)), "the forcer did not end");
                assertEquals(FILE_SIZE - truncated[other], next.size(), "file " + other + " opened after the close");
            }
            truncated[file] += shrinks.get();
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        for (int i = 0; i < FILES; i++) {
            assertEquals(FILE_SIZE - truncated[i], Files.size(files.get(i)), "file " + i);
        }
    }

    /** A step that may throw. */
    private interface Step {
        void run() throws IOException;
    }

    /** Runs {@code step} until the channel's close ends it with {@link ClosedChannelException}. */
    private static void endsClosed(ConcurrentLinkedQueue<String> problems, CountDownLatch started, Step step) {
        started.countDown();
        try {
            while (true) {
                step.run();
            }
        } catch (ClosedChannelException expected) {
            // the close ended it, as it should
        } catch (Throwable t) {
            problems.add("unexpected " + t);
        }
    }
}
