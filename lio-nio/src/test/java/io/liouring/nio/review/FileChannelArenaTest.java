package io.liouring.nio.review;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A thread blocked in {@code FileChannel.read} into a buffer of a shared {@link Arena}, and another thread closes
 * the arena. The JDK holds the arena acquired for the whole call (internal API), so {@link Arena#close()} throws
 * {@link IllegalStateException}. No public API can do that, so lio-nio cannot make {@code close()} throw: it reads
 * such a buffer through its own native memory and copies back only into a live arena. What both guarantee, and
 * what is asserted: the kernel never writes into the freed memory; with lio-nio the read that completes after the
 * close fails with {@code IllegalStateException} (the bytes read are dropped) instead of landing in freed memory.
 * A named pipe keeps the read blocked.
 */
class FileChannelArenaTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void theKernelNeverWritesIntoTheFreedArenaOfABlockedRead(String fs, @TempDir Path dir) throws Exception {
        Path jdkFifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", jdkFifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        Arena arena = Arena.ofShared();
        ByteBuffer dst = arena.allocate(1 << 20).asByteBuffer();
        // READ and WRITE: opening a named pipe so does not wait for a writer
        FileChannel ch = FileChannel.open(FileSystemUnderReview.path(fs, jdkFifo), READ, WRITE);
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                read.complete(ch.read(dst));
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        });
        // No latch can say "blocked in the kernel now": give the reader time to get there.
        Thread.sleep(500);
        boolean freedWhilePending;
        try {
            arena.close();
            freedWhilePending = true;
        } catch (IllegalStateException expected) {
            freedWhilePending = false;
        }
        try (FileChannel writer = FileChannel.open(jdkFifo, WRITE)) {
            writer.write(ByteBuffer.wrap(new byte[] {42}));
        }
        if (freedWhilePending) {
            // Only lio-nio lets the close through: the byte must not reach the freed memory.
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> read.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause(),
                    fs + ": the read into a buffer whose arena was closed meanwhile ended otherwise");
            assertEquals("LIO", fs, "the JDK's arena cannot be closed while a read uses it");
        } else {
            assertEquals(1, read.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(42, dst.get(0));
            arena.close();
        }
        ch.close();
        reader.join(TimeUnit.SECONDS.toMillis(ChannelUnderTest.WAIT_SECONDS));
        assertFalse(reader.isAlive());
    }
}
