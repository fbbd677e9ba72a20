package io.liouring.nio.review;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes racing with close: a write that was under way when its channel was closed may land in its own file or
 * fail, but never in the file that was opened next and got the same descriptor number. Files opened after each
 * close are never written, so any byte in them came from a write of a closed channel.
 */
class FileChannelCloseWriteRaceTest {
    private static final int TRIALS = 150;
    private static final int VICTIMS_PER_TRIAL = 4;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void noWriteOfAClosedChannelReachesTheFileOpenedAfterIt(String fs, @TempDir Path dir) throws Exception {
        List<Path> victims = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            Path own = FileSystemUnderReview.path(fs, dir.resolve("own-" + trial));
            FileChannel ch = FileChannel.open(own, CREATE_NEW, WRITE);
            CountDownLatch writing = new CountDownLatch(1);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            boolean heap = trial % 2 == 0;
            Thread writer = Thread.ofPlatform().start(() -> {
                ByteBuffer tag = heap ? ByteBuffer.allocate(64 * 1024) : ByteBuffer.allocateDirect(64 * 1024);
                while (tag.hasRemaining()) {
                    tag.put((byte) 'X');
                }
                long at = 0;
                try {
                    while (true) {
                        tag.clear();
                        ch.write(tag, at % (1 << 22));
                        at += tag.capacity();
                        writing.countDown();
                    }
                } catch (ClosedChannelException expected) {
                    // the close ended it
                } catch (IOException | RuntimeException e) {
                    unexpected.set(e);
                } finally {
                    writing.countDown();
                }
            });
            assertTrue(writing.await(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
            ch.close();
            List<FileChannel> next = new ArrayList<>();
            for (int v = 0; v < VICTIMS_PER_TRIAL; v++) {
                Path victim = dir.resolve("victim-" + trial + "-" + v);
                victims.add(victim);
                next.add(FileChannel.open(victim, CREATE_NEW, WRITE)); // the JDK's own channel: never written
            }
            writer.join(TimeUnit.SECONDS.toMillis(ChannelUnderTest.WAIT_SECONDS));
            assertNull(unexpected.get(), () -> fs + ": the writer failed with " + unexpected.get());
            for (FileChannel victim : next) {
                victim.close();
            }
        }
        for (Path victim : victims) {
            assertEquals(0, Files.size(victim), fs + ": a write of a closed channel reached " + victim.getFileName());
        }
    }
}
