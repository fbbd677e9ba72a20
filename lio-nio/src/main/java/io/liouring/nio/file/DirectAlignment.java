package io.liouring.nio.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The alignment rules of a file channel opened with {@code ExtendedOpenOption.DIRECT} ({@code O_DIRECT}), checked
 * before any I/O as the JDK's channel checks them, with its messages: the file position, a direct buffer's address
 * at its position, and the bytes remaining in each buffer must be multiples of the file store's block size.
 * Otherwise the kernel would answer {@code EINVAL} for some of them and nothing at all for a buffer this library
 * copies through aligned memory of its own (a heap buffer, an arena's), where the JDK's channel refuses.
 */
final class DirectAlignment {
    /** The block size of the file's store: what every position, address and length must be a multiple of. */
    private final int blockSize;

    private DirectAlignment(int blockSize) {
        this.blockSize = blockSize;
    }

    /**
     * The rules for {@code path}, just opened with {@code O_DIRECT}: its file store's block size, as the JDK's
     * channel takes it.
     *
     * @throws UnsupportedOperationException if the block size cannot be found, as the JDK's open fails then
     */
    static DirectAlignment of(Path path) {
        try {
            return new DirectAlignment((int) Files.getFileStore(path).getBlockSize());
        } catch (IOException | UnsupportedOperationException e) {
            throw new UnsupportedOperationException("Error setting up DirectIO", e);
        }
    }

    /** Throws the JDK's {@link IOException} unless {@code position} is a multiple of the block size. */
    void checkPosition(long position) throws IOException {
        if (position % blockSize != 0) {
            throw new IOException("Channel position (" + position + ") is not a multiple of the block size ("
                    + blockSize + ")");
        }
    }

    /**
     * Throws the JDK's {@link IOException} unless a direct buffer's address at its position, and the bytes remaining
     * in any buffer, are multiples of the block size.
     */
    void checkBuffer(ByteBuffer buffer) throws IOException {
        if (buffer.isDirect()) {
            int offset = buffer.alignmentOffset(buffer.position(), blockSize);
            if (offset != 0) {
                throw new IOException("Current position of the bytebuffer (" + buffer.position()
                        + ") is not a multiple of the block size (" + blockSize + "): alignment offset = " + offset);
            }
        }
        checkRemaining(buffer.remaining());
    }

    /**
     * {@link #checkBuffer} for each of {@code buffers[offset..offset+length)}. (The JDK's scattering and gathering
     * calls check only the lengths themselves and hand a misaligned direct buffer to the kernel, which refuses it
     * with {@code EINVAL}: an {@link IOException} all the same.)
     */
    void checkBuffers(ByteBuffer[] buffers, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            checkBuffer(buffers[i]);
        }
    }

    /** Throws the JDK's {@link IOException} unless {@code length}, the bytes a transfer moves, is whole blocks. */
    void checkLength(long length) throws IOException {
        checkRemaining(length);
    }

    private void checkRemaining(long remaining) throws IOException {
        if (remaining % blockSize != 0) {
            throw new IOException("Number of remaining bytes (" + remaining + ") is not a multiple of the block size ("
                    + blockSize + ")");
        }
    }
}
