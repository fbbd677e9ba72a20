package io.liouring.bench.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every contender of one benchmark reads: {@code blockSize}-byte reads at uniformly random, block-aligned
 * offsets of {@code file}, with O_DIRECT or through the page cache, for {@code warmup} (not counted) and then
 * {@code duration} (counted).
 */
record ReadSpec(Path file, long fileSize, int blockSize, boolean direct, Duration warmup, Duration duration) {
    ReadSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (blockSize <= 0 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("blockSize must be a power of two: " + blockSize);
        }
        if (fileSize < blockSize || fileSize % blockSize != 0) {
            throw new IllegalArgumentException("fileSize must be a positive multiple of blockSize (" + blockSize + "): " + fileSize);
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("warmup must not be negative and duration must be positive: "
                    + warmup + ", " + duration);
        }
    }

    /** "O_DIRECT" or "buffered", for labels. */
    String mode() {
        return direct ? "O_DIRECT" : "buffered";
    }
}
