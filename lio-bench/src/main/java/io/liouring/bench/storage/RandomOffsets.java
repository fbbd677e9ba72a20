package io.liouring.bench.storage;

/**
 * Uniformly random block-aligned offsets inside a file (xorshift64*, allocation-free). Not thread-safe: one per
 * thread, each with its own seed.
 */
final class RandomOffsets {
    private final long blocks;
    private final int blockSize;
    private long state;

    RandomOffsets(long fileSize, int blockSize, long seed) {
        this.blocks = fileSize / blockSize;
        this.blockSize = blockSize;
        long z = seed + 0x9E3779B97F4A7C15L; // splitmix64 finaliser: a non-zero, well-mixed start state
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        this.state = z == 0 ? 1 : z;
    }

    /** The next offset: a multiple of the block size, at most {@code fileSize - blockSize}. */
    long next() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return Math.unsignedMultiplyHigh(x * 0x2545F4914F6CDD1DL, blocks) * blockSize;
    }
}
