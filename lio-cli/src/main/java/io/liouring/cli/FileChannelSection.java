package io.liouring.cli;

import io.liouring.file.AsyncFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Demo: the same copy with {@link FileChannel} (read/write with a 128 KiB direct buffer, as cat reads) and with the
 * library's {@link AsyncFile#copy} ({@code copy_file_range(2)}), best of a few runs each. Informational only: one short run on a possibly busy machine; {@code lio bench}
 * measures properly.
 */
final class FileChannelSection implements DemoSection {
    private static final int RUNS = 3;
    private static final int CHANNEL_BUFFER = 128 * 1024;

    @Override
    public String title() {
        return "A quick comparison with FileChannel: the same copy";
    }

    @Override
    public boolean run(PrintStream out, Path dir) throws Exception {
        Path src = DemoFiles.source(dir);
        Path viaRing = dir.resolve("ring.bin");
        Path viaChannel = dir.resolve("channel.bin");
        long ring = Long.MAX_VALUE;
        long channel = Long.MAX_VALUE;
        try (FileLoop files = new FileLoop()) {
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                AsyncFile.copy(files.loop(), src, viaRing);
                ring = Math.min(ring, System.nanoTime() - start);
                start = System.nanoTime();
                channelCopy(src, viaChannel, CHANNEL_BUFFER);
                channel = Math.min(channel, System.nanoTime() - start);
            }
        }
        long size = Files.size(src);
        out.printf("copy of %s, best of %d runs each:%n", ProgressBar.bytes(size), RUNS);
        out.printf("  lio-uring AsyncFile.copy (copy_file_range):   %7.1f ms  %s/s%n", ring / 1e6,
                ProgressBar.bytes((long) (size / (ring / 1e9))));
        out.printf("  FileChannel read/write, %s direct buffer: %7.1f ms  %s/s%n",
                ProgressBar.bytes(CHANNEL_BUFFER), channel / 1e6,
                ProgressBar.bytes((long) (size / (channel / 1e9))));
        out.printf("  FileChannel time / lio-uring time: %.2f (informational: a short run on a shared machine,"
                + " not a benchmark)%n", (double) channel / ring);
        return Files.size(viaRing) == size && Files.size(viaChannel) == size;
    }

    private static void channelCopy(Path src, Path dst, int blockSize) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(blockSize);
        try (FileChannel in = FileChannel.open(src, READ);
             FileChannel out = FileChannel.open(dst, WRITE, CREATE, TRUNCATE_EXISTING)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
        }
    }
}
