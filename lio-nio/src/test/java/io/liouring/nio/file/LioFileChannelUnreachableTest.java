package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file channel that becomes unreachable without being closed gives its descriptor back, as the JDK's file channels
 * do (a program that drops streams or channels must not run out of descriptors); one that was closed is left alone.
 */
class LioFileChannelUnreachableTest {
    @TempDir
    Path dir;

    @Test
    void aChannelDroppedWithoutClosingGivesItsDescriptorBack() throws Exception {
        Path file = Files.write(dir.resolve("dropped"), new byte[16]).toRealPath();
        openWriteAndDrop(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (descriptorsOn(file) > 0) {
            assertTrue(System.nanoTime() < deadline, "the dropped channel's descriptor is still open after 60 s of GCs");
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void aClosedChannelThatBecomesUnreachableLeavesTheDescriptorsNumberToItsNewOwner() throws Exception {
        Path first = Files.write(dir.resolve("first"), new byte[16]).toRealPath();
        Path second = Files.write(dir.resolve("second"), new byte[16]).toRealPath();
        openAndClose(first);
        try (FileChannel survivor = LioFileChannel.open(second, Set.of(READ, WRITE))) {
            for (int i = 0; i < 20; i++) { // give the cleaner every chance to act on the first channel
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(1, descriptorsOn(second));
            assertEquals(4, survivor.write(ByteBuffer.wrap(new byte[]{1, 2, 3, 4}), 0));
            ByteBuffer back = ByteBuffer.allocate(4);
            assertEquals(4, survivor.read(back, 0));
            assertEquals(ByteBuffer.wrap(new byte[]{1, 2, 3, 4}), back.flip());
        }
    }

    private static void openWriteAndDrop(Path file) throws IOException {
        FileChannel channel = LioFileChannel.open(file, Set.of(READ, WRITE));
        assertEquals(3, channel.write(ByteBuffer.wrap(new byte[]{7, 8, 9})));
        assertEquals(1, descriptorsOn(file));
    }

    private static void openAndClose(Path file) throws IOException {
        FileChannel channel = LioFileChannel.open(file, Set.of(READ, WRITE));
        channel.close();
    }

    /** How many of this process's descriptors are open on {@code file}. */
    private static long descriptorsOn(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (java.nio.file.NoSuchFileException gone) {
                    return false; // the listing's own descriptor, closed meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).count();
        }
    }
}
