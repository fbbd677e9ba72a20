package io.liouring.bench.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

/** The data file of the read and copy benchmarks: random bytes, so that no file system or device can shortcut them. */
public final class RandomFile {
    private RandomFile() {
    }

    /**
     * Creates {@code file} with {@code size} random bytes unless a file of that size is already there (then it is
     * reused as is). Written to a temporary file beside it, flushed to the disk and moved into place.
     */
    public static void ensure(Path file, long size) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        System.out.printf(Locale.ROOT, "creating %s (%d MiB of random bytes)%n", file, size >> 20);
        SplittableRandom random = new SplittableRandom();
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < size) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), size - written));
                while (chunk.remaining() >= Long.BYTES) {
                    chunk.putLong(random.nextLong());
                }
                while (chunk.hasRemaining()) {
                    chunk.put((byte) random.nextInt());
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    written += ch.write(chunk);
                }
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
