package io.liouring.nio.review;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static java.nio.file.StandardOpenOption.READ;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many open/close cycles leave no descriptor and no thread behind. */
class ResourceLeakReviewTest {
    private static final int CYCLES = 30;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void terminatedGroupsLeaveNoThreadsOrDescriptors(String name) throws Exception {
        AsynchronousChannelProvider provider = name.equals("JDK") ? AsynchronousChannelProvider.provider()
                : new io.liouring.nio.channels.LioChannelProvider();
        cycleOnce(provider); // classes, pools and anything created once per JVM
        long threads = Thread.activeCount();
        long fds = openDescriptors();
        for (int i = 0; i < CYCLES; i++) {
            cycleOnce(provider);
        }
        settles(() -> Thread.activeCount() - threads, name + ": threads left behind");
        settles(() -> openDescriptors() - fds, name + ": descriptors left behind");
    }

    private static void cycleOnce(AsynchronousChannelProvider provider) throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(2, Executors.defaultThreadFactory());
        AsynchronousServerSocketChannel server = provider.openAsynchronousServerSocketChannel(group)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AsynchronousSocketChannel client = provider.openAsynchronousSocketChannel(group);
        Future<AsynchronousSocketChannel> accepting = server.accept();
        client.connect(server.getLocalAddress()).get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS);
        AsynchronousSocketChannel accepted = accepting.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS);
        accepted.read(ByteBuffer.allocate(16)); // pending at shutdown
        server.accept(); // pending at shutdown
        group.shutdownNow();
        assertTrue(group.awaitTermination(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void fileChannelsLeaveNoDescriptors(String fs, @TempDir Path dir) throws Exception {
        Path file = FileSystemUnderReview.path(fs, Files.write(dir.resolve("data"), new byte[8192]));
        fileCycle(file);
        long fds = openDescriptors();
        long threads = Thread.activeCount();
        for (int i = 0; i < CYCLES * 10; i++) {
            fileCycle(file);
        }
        settles(() -> openDescriptors() - fds, fs + ": descriptors left behind");
        settles(() -> Thread.activeCount() - threads, fs + ": threads left behind");
    }

    private static void fileCycle(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, READ)) {
            ch.read(ByteBuffer.allocate(100), 10);
            ch.map(FileChannel.MapMode.READ_ONLY, 0, 10);
        }
        try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(file, READ)) {
            ch.read(ByteBuffer.allocateDirect(100), 0).get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS);
            ch.read(ByteBuffer.allocate(100), 0); // may be pending at close
        }
        Files.readAllBytes(file);
    }

    private static long openDescriptors() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }

    /** Waits up to 20 s for {@code excess} to drop to 0 or below (closing may finish asynchronously). */
    private static void settles(LongSupplier excess, String message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last;
        while ((last = excess.getAsLong()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long left = last;
        assertTrue(left <= 0, () -> message + ": " + left);
    }
}
