package io.liouring.bench.vthreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes benchmark P5 reads at random offsets of: a regular file's size, or a block device's (whose
 * {@code st_size} is 0), from {@code /sys/class/block/NAME/size}, counted in 512-byte sectors (see the kernel's
 * sysfs-block documentation).
 */
final class ReadSpan {
    private ReadSpan() {
    }

    /** {@return the readable bytes of {@code path}, a regular file or a block device} */
    static long of(Path path) throws IOException {
        Path real = path.toRealPath();
        if (Files.isRegularFile(real)) {
            return Files.size(real);
        }
        Path sectors = Path.of("/sys/class/block", real.getFileName().toString(), "size");
        if (!Files.isReadable(sectors)) {
            throw new IOException(path + " is neither a regular file nor a block device with " + sectors);
        }
        return Long.parseLong(Files.readString(sectors).strip()) * 512;
    }

    /** {@return whether {@code path} is a block device (judged by its entry in /sys/class/block); false if missing} */
    static boolean isBlockDevice(Path path) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        Path real = path.toRealPath();
        return !Files.isRegularFile(real) && Files.exists(Path.of("/sys/class/block", real.getFileName().toString()));
    }
}
