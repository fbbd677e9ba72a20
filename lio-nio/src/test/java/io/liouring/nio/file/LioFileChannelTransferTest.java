package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** transferTo, transferFrom and map of {@link LioFileChannel}, with the position rules of the Javadoc. */
class LioFileChannelTransferTest {
    @TempDir
    Path dir;

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void transferToAFileCopiesTheRangeAndMovesOnlyTheTargetsPosition() throws IOException {
        byte[] data = random(3 * ScratchPool.LARGE_SIZE + 777);
        Path src = dir.resolve("src");
        Files.write(src, data);
        Path dst = dir.resolve("dst");
        try (FileChannel in = LioFileChannel.open(src, Set.of(READ));
             FileChannel out = LioFileChannel.open(dst, Set.of(CREATE, WRITE))) {
            in.position(5);
            out.write(ByteBuffer.wrap(new byte[] {1, 2}));
            assertEquals(data.length - 100, in.transferTo(100, Long.MAX_VALUE, out));
            assertEquals(5, in.position());
            assertEquals(2 + data.length - 100, out.position());
            assertEquals(0, in.transferTo(data.length + 1, 10, out)); // past the end: nothing
        }
        byte[] copied = Files.readAllBytes(dst);
        assertArrayEquals(new byte[] {1, 2}, Arrays.copyOf(copied, 2));
        assertArrayEquals(Arrays.copyOfRange(data, 100, data.length), Arrays.copyOfRange(copied, 2, copied.length));
    }

    @Test
    void aPlatformThreadsTransferIntoAJdkSocketGoesThroughOneJdkChannelOnTheFileClosedWithOurs() throws Exception {
        byte[] data = random(5 << 20);
        Path src = dir.resolve("src");
        Files.write(src, data);
        try (Loopback socket = Loopback.open()) {
            SocketChannel sender = socket.sender();
            SocketChannel receiver = socket.receiver();
            FileChannel in = LioFileChannel.open(src, Set.of(READ));
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFully(receiver, data.length));
            long sent = 0;
            for (int call = 0; call < 3; call++) { // three calls, one JDK channel: 1 + 2 + the rest
                sent += in.transferTo(sent, call < 2 ? 1 << 20 : data.length - sent, sender);
                assertEquals(2, descriptorsOn(src), "ours and the JDK's channel on the same file");
            }
            assertEquals(data.length, sent);
            assertArrayEquals(data, received.get(60, TimeUnit.SECONDS));
            in.close();
            assertEquals(0, descriptorsOn(src), "the JDK's channel is closed with ours");
        }
    }

    @Test
    void aVirtualThreadsTransferIntoAJdkSocketOpensNoOtherDescriptor() throws Exception {
        byte[] data = random(3 << 20);
        Path src = dir.resolve("src");
        Files.write(src, data);
        try (Loopback socket = Loopback.open(); FileChannel in = LioFileChannel.open(src, Set.of(READ))) {
            SocketChannel sender = socket.sender();
            SocketChannel receiver = socket.receiver();
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFully(receiver, data.length));
            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    long sent = 0;
                    while (sent < data.length) {
                        sent += in.transferTo(sent, data.length - sent, sender);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertArrayEquals(data, received.get(60, TimeUnit.SECONDS));
            sending.join();
            assertEquals(1, descriptorsOn(src), "only ours: a virtual thread's transfer is read and written by us");
        }
    }

    /** A connected pair of JDK socket channels on the loopback address. */
    private record Loopback(SocketChannel sender, SocketChannel receiver) implements AutoCloseable {
        static Loopback open() throws IOException {
            try (ServerSocketChannel server = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                SocketChannel sender = SocketChannel.open(server.getLocalAddress());
                return new Loopback(sender, server.accept());
            }
        }

        @Override
        public void close() throws IOException {
            try (sender; receiver) {
                // both closed
            }
        }
    }

    /** How many of the process's descriptors are open on {@code file}. */
    private static long descriptorsOn(Path file) throws IOException {
        Path real = file.toRealPath();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException gone) {
                    return false; // closed meanwhile, or the listing's own descriptor
                }
            }).count();
        }
    }

    private static byte[] readFully(SocketChannel receiver, int length) {
        ByteBuffer all = ByteBuffer.allocate(length);
        try {
            while (all.hasRemaining() && receiver.read(all) >= 0) {
                // until every byte or the end of the stream
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(all.array(), all.position());
    }

    @Test
    void transferToAnyWritableChannelStopsAtCount() throws IOException {
        byte[] data = random(200_000);
        Path src = dir.resolve("src");
        Files.write(src, data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (FileChannel in = LioFileChannel.open(src, Set.of(READ)); WritableByteChannel out = Channels.newChannel(sink)) {
            assertEquals(150_000, in.transferTo(10, 150_000, out));
        }
        assertArrayEquals(Arrays.copyOfRange(data, 10, 150_010), sink.toByteArray());
    }

    @Test
    void transferFromAnyReadableChannelWritesAtThePositionAndMovesTheSource() throws IOException {
        byte[] data = random(100_000);
        Path dst = dir.resolve("dst");
        Files.write(dst, new byte[10]);
        try (FileChannel out = LioFileChannel.open(dst, Set.of(READ, WRITE))) {
            out.position(3);
            var source = Channels.newChannel(new ByteArrayInputStream(data));
            assertEquals(60_000, out.transferFrom(source, 10, 60_000));
            assertEquals(40_000, out.transferFrom(source, 60_010, Long.MAX_VALUE)); // the rest: the source ends
            assertEquals(0, out.transferFrom(source, 0, 5)); // the source has no more
            assertEquals(3, out.position());
                    }
        byte[] written = Files.readAllBytes(dst);
        assertEquals(100_010, written.length);
        assertArrayEquals(data, Arrays.copyOfRange(written, 10, 100_010));
    }

    @Test
    void transferFromAFileChannelAdvancesItsPosition() throws IOException {
        byte[] data = random(5000);
        Path src = dir.resolve("src");
        Files.write(src, data);
        Path dst = dir.resolve("dst");
        try (FileChannel in = LioFileChannel.open(src, Set.of(READ));
             FileChannel out = LioFileChannel.open(dst, Set.of(CREATE, WRITE))) {
            in.position(1000);
            assertEquals(4000, out.transferFrom(in, 0, 10_000));
            assertEquals(5000, in.position());
        }
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 5000), Files.readAllBytes(dst));
    }

    @Test
    void transferArgumentsAndAccessAreChecked() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, random(10));
        try (FileChannel ro = LioFileChannel.open(f, Set.of(READ)); FileChannel wo = LioFileChannel.open(f, Set.of(WRITE))) {
            WritableByteChannel sink = Channels.newChannel(new ByteArrayOutputStream());
            assertThrows(IllegalArgumentException.class, () -> ro.transferTo(-1, 1, sink));
            assertThrows(IllegalArgumentException.class, () -> ro.transferTo(0, -1, sink));
            assertThrows(NonReadableChannelException.class, () -> wo.transferTo(0, 1, sink));
            assertThrows(NonWritableChannelException.class, () -> ro.transferFrom(ro, 0, 1));
            assertThrows(NonWritableChannelException.class, () -> ro.transferTo(0, 1, ro));
        }
    }

    @Test
    void mapReadWriteChangesTheFileAndGrowsIt() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, "abc".getBytes(StandardCharsets.US_ASCII));
        try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
            MappedByteBuffer map = ch.map(MapMode.READ_WRITE, 0, 6);
            assertEquals('a', map.get(0));
            map.put(3, (byte) 'x').put(4, (byte) 'y').put(5, (byte) 'z');
            map.force();
            assertEquals(6, ch.size());
            MappedByteBuffer ro = ch.map(MapMode.READ_ONLY, 1, 2);
            assertEquals('b', ro.get(0));
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> ro.put(0, (byte) 1));
        }
        assertArrayEquals("abcxyz".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(f));
    }

    @Test
    void mapWorksAfterTheFileWasUnlinked() throws IOException {
        Path f = dir.resolve("f");
        try (FileChannel ch = LioFileChannel.open(f, Set.of(CREATE, READ, WRITE, DELETE_ON_CLOSE))) {
            ch.write(ByteBuffer.wrap("gone but mapped".getBytes(StandardCharsets.US_ASCII)));
            MappedByteBuffer map = ch.map(MapMode.READ_ONLY, 0, 4);
            byte[] four = new byte[4];
            map.get(four);
            assertArrayEquals("gone".getBytes(StandardCharsets.US_ASCII), four);
        }
    }

    @Test
    void mapToASegmentLivesAsLongAsItsArena() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, "0123456789".getBytes(StandardCharsets.US_ASCII));
        try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment segment = ch.map(MapMode.READ_WRITE, 2, 3, arena);
                assertEquals('2', segment.get(JAVA_BYTE, 0));
                segment.set(JAVA_BYTE, 2, (byte) '#');
            }
        }
        assertArrayEquals("0123#56789".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(f));
    }

    @Test
    void mapAccessAndArgumentsAreChecked() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, random(10));
        try (FileChannel ro = LioFileChannel.open(f, Set.of(READ)); FileChannel wo = LioFileChannel.open(f, Set.of(WRITE))) {
            assertThrows(NonWritableChannelException.class, () -> ro.map(MapMode.READ_WRITE, 0, 1));
            assertThrows(NonWritableChannelException.class, () -> ro.map(MapMode.PRIVATE, 0, 1));
            assertThrows(NonReadableChannelException.class, () -> wo.map(MapMode.READ_ONLY, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> ro.map(MapMode.READ_ONLY, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> ro.map(MapMode.READ_ONLY, 0, -1));
            assertThrows(IllegalArgumentException.class, () -> ro.map(MapMode.READ_ONLY, 0, 1L << 32));
        }
    }
    @Test
    void virtualThreadsInKernelCopiesLeaveTheirCarriersFree() throws Exception {
        // as many virtual threads as the scheduler has carriers, each in a transferTo between two of our channels
        // (a sparse source of 512 MiB: the kernel copies its zero pages); one more virtual thread must run while they
        // all still copy. Had the copies held their carriers (copy_file_range(2) called on them), it could run only
        // after one of them had ended.
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        long size = 512L << 20;
        Path src = dir.resolve("sparse");
        try (FileChannel f = FileChannel.open(src, CREATE, WRITE)) {
            f.truncate(0);
            f.write(ByteBuffer.wrap(new byte[] {1}), size - 1);
        }
        java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(carriers);
        List<Thread> copies = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < carriers; i++) {
            Path dst = dir.resolve("copy" + i);
            copies.add(Thread.ofVirtual().start(() -> {
                try (FileChannel in = LioFileChannel.open(src, Set.of(READ));
                     FileChannel out = LioFileChannel.open(dst, Set.of(CREATE, WRITE))) {
                    started.countDown();
                    assertEquals(size, in.transferTo(0, size, out));
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    ended.incrementAndGet();
                }
            }));
        }
        started.await();
        java.util.concurrent.atomic.AtomicInteger endedWhenItRan = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread.ofVirtual().start(() -> endedWhenItRan.set(ended.get())).join();
        for (Thread t : copies) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(0, endedWhenItRan.get(), "the extra virtual thread ran only after a copy had ended");
        for (int i = 0; i < carriers; i++) {
            assertEquals(size, Files.size(dir.resolve("copy" + i)));
        }
    }
}
