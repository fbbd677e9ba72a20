package io.liouring.nio.file.conformance;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the O_DIRECT conformance tests read and write: a file of four blocks, and buffers of three aligned blocks. */
final class DirectBlocks {
    private DirectBlocks() {
    }

    /** Writes four blocks of {@code 'd'} to {@code file}; {@return the block size of its file store}. */
    static int fileOfFourBlocks(Path file) throws IOException {
        int block = (int) Files.getFileStore(file.getParent()).getBlockSize();
        byte[] content = new byte[4 * block];
        Arrays.fill(content, (byte) 'd');
        Files.write(file, content);
        return block;
    }

    /** Three blocks of {@code kind}: a heap buffer, an aligned direct one, or one of {@code arena}, aligned. */
    static ByteBuffer threeBlocks(String kind, Arena arena, int block) {
        return switch (kind) {
            case "heap" -> ByteBuffer.allocate(3 * block);
            case "direct" -> ByteBuffer.allocateDirect(4 * block).alignedSlice(block).limit(3 * block).slice();
            default -> arena.allocate(3L * block, block).asByteBuffer();
        };
    }
}
