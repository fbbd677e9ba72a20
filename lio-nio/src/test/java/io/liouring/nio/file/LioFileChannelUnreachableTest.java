package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file channel that becomes unreachable without being closed gives its descriptor back, as the JDK's file channels
 * do (a program that drops streams or channels must not run out of descriptors); one that was closed is left alone;
 * and keeping track of open channels for that never makes one thread wait behind thousands of others.
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

    @Test
    void aPlatformThreadOpensAndClosesWhileThousandsOfVirtualThreadsDoTheSame() throws Exception {
        Path file = Files.write(dir.resolve("shared"), new byte[]{42}).toRealPath();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                readers.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        try (FileChannel c = LioFileChannel.open(file, Set.of(READ))) {
                            ByteBuffer b = ByteBuffer.allocate(1);
                            c.read(b, 0);
                            reads.incrementAndGet();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }));
            }
            // registering a channel for closing when unreachable must not queue this thread behind all of them
            CompletableFuture<Integer> platform = CompletableFuture.supplyAsync(() -> {
                int opened = 0;
                for (; opened < 200; opened++) {
                    openAndCloseUnchecked(file);
                }
                return opened;
            }, command -> Thread.ofPlatform().start(command));
            assertEquals(200, platform.get(60, TimeUnit.SECONDS));
            assertTrue(reads.get() > 0, "the virtual threads read nothing");
        } finally {
            stop.set(true);
            for (Thread t : readers) {
                assertTrue(t.join(Duration.ofSeconds(60)), "a reader did not stop: " + t);
            }
        }
    }

    private static void openAndCloseUnchecked(Path file) {
        try {
            openAndClose(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
