package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import io.liouring.nio.file.DirectOpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file channel opened with {@code ExtendedOpenOption.DIRECT} (O_DIRECT): its reads and writes need a file position,
 * a buffer address and a length that are multiples of the file store's block size. The JDK's channel checks all three
 * before any I/O and fails with an {@code IOException} that says which; a buffer that the channel copies (a heap
 * buffer, an arena's) must be refused as well, not quietly made to fit. Skipped where the file system has no O_DIRECT
 * (tmpfs).
 */
class FileChannelDirectConformanceTest extends FileSystemConformance {
    private Path file;
    private int block;
    private Set<OpenOption> direct;

    @BeforeEach
    void fileOfFourBlocks() throws Exception {
        file = path("data");
        block = DirectBlocks.fileOfFourBlocks(file);
        direct = Set.of(READ, WRITE, DirectOpenOption.get());
        try {
            FileChannel.open(file, direct).close();
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no O_DIRECT on this file system: " + e);
        }
    }

    /** Three blocks of {@code kind}: a heap buffer, an aligned direct one, or one of {@code arena}. */
    private ByteBuffer blocks(String kind, Arena arena) {
        return DirectBlocks.threeBlocks(kind, arena, block);
    }

    @Test
    void alignedReadsAndWritesWorkWithEveryKindOfBuffer() throws Exception {
        try (FileChannel ch = FileChannel.open(file, direct); Arena arena = Arena.ofConfined()) {
            for (String kind : new String[] {"heap", "direct", "arena"}) {
                ByteBuffer out = blocks(kind, arena);
                while (out.hasRemaining()) {
                    out.put((byte) kind.charAt(0));
                }
                assertEquals(3 * block, ch.write(out.flip(), block));
                ByteBuffer in = blocks(kind, arena);
                assertEquals(3 * block, ch.read(in, block));
                for (int i = 0; i < in.limit(); i++) {
                    assertEquals((byte) kind.charAt(0), in.get(i), kind + " byte " + i);
                }
            }
        }
        byte[] first = Arrays.copyOf(Files.readAllBytes(file), block);
        byte[] untouched = new byte[block];
        Arrays.fill(untouched, (byte) 'd');
        assertArrayEquals(untouched, first, "nothing was written outside the blocks asked for");
    }

    @Test
    void aMisalignedFilePositionIsRefusedSayingSo() throws Exception {
        try (FileChannel ch = FileChannel.open(file, direct); Arena arena = Arena.ofConfined()) {
            for (String kind : new String[] {"heap", "direct", "arena"}) {
                ByteBuffer bb = blocks(kind, arena);
                ch.position(1);
                String expected = "Channel position (1) is not a multiple of the block size (" + block + ")";
                assertRefused(expected, () -> ch.read(bb));
                assertRefused(expected, () -> ch.write(bb));
                assertRefused(expected, () -> ch.read(new ByteBuffer[] {bb}));
                assertRefused(expected, () -> ch.write(new ByteBuffer[] {bb}));
                assertRefused(expected.replace("(1)", "(" + (block - 1) + ")"), () -> ch.read(bb, block - 1));
                assertRefused(expected.replace("(1)", "(" + (block + 1) + ")"), () -> ch.write(bb, block + 1));
                assertEquals(3 * block, bb.remaining(), "no byte moved");
            }
        }
    }

    @Test
    void aMisalignedBufferAddressIsRefusedSayingSo() throws Exception {
        try (FileChannel ch = FileChannel.open(file, direct); Arena arena = Arena.ofConfined()) {
            for (String kind : new String[] {"direct", "arena"}) {
                ByteBuffer bb = blocks(kind, arena).position(1).limit(block + 1);
                String expected = "Current position of the bytebuffer (1) is not a multiple of the block size ("
                        + block + ")";
                assertRefused(expected, () -> ch.read(bb));
                assertRefused(expected, () -> ch.write(bb));
                assertRefused(expected, () -> ch.read(bb, 0));
                assertRefused(expected, () -> ch.write(bb, 0));
                // scattering and gathering: the JDK hands the buffer to the kernel, which refuses it
                assertThrows(IOException.class, () -> ch.read(new ByteBuffer[] {bb}));
                assertThrows(IOException.class, () -> ch.write(new ByteBuffer[] {bb}));
                assertEquals(1, bb.position(), "no byte moved");
            }
        }
    }

    @Test
    void aLengthThatIsNotWholeBlocksIsRefusedSayingSo() throws Exception {
        try (FileChannel ch = FileChannel.open(file, direct); Arena arena = Arena.ofConfined()) {
            for (String kind : new String[] {"heap", "direct", "arena"}) {
                for (int length : new int[] {block - 1, block + 1}) {
                    ByteBuffer bb = blocks(kind, arena).limit(length);
                    String expected = "Number of remaining bytes (" + length + ") is not a multiple of the block size ("
                            + block + ")";
                    assertRefused(expected, () -> ch.read(bb));
                    assertRefused(expected, () -> ch.write(bb));
                    assertRefused(expected, () -> ch.read(new ByteBuffer[] {bb}));
                    assertRefused(expected, () -> ch.write(new ByteBuffer[] {bb}));
                    assertRefused(expected, () -> ch.read(bb, 0));
                    assertRefused(expected, () -> ch.write(bb, 0));
                    assertEquals(0, bb.position(), "no byte moved");
                }
            }
        }
        assertEquals(4L * block, Files.size(file));
    }

    /**
     * transferTo and transferFrom move the file's bytes at a position and for a count, so the same rules hold: the
     * JDK's channel reads or writes them through a buffer and fails as a read or write would (after a kernel copy
     * that {@code EINVAL} refused), also into a pipe, which its kernel copy cannot reach.
     */
    @Test
    void aTransferAtAMisalignedPositionOrOfPartOfABlockIsRefusedSayingSo() throws Exception {
        Path other = path("other");
        Files.write(other, new byte[4 * block]);
        try (FileChannel ch = FileChannel.open(file, direct); FileChannel plain = FileChannel.open(other, READ, WRITE)) {
            String position = "Channel position (1) is not a multiple of the block size (" + block + ")";
            String length = "Number of remaining bytes (100) is not a multiple of the block size (" + block + ")";
            assertRefused(position, () -> ch.transferTo(1, block, plain));
            assertRefused(length, () -> ch.transferTo(0, 100, plain));
            assertRefused(position, () -> ch.transferFrom(plain.position(0), 1, block));
            assertRefused(length, () -> ch.transferFrom(plain.position(0), 0, 100));
            Pipe pipe = Pipe.open();
            try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
                assertRefused(length, () -> ch.transferTo(0, 100, sink));
            }
            assertEquals(block, ch.transferFrom(plain.position(0), 0, block));
            assertEquals(block, ch.transferTo(block, block, plain.position(0)));
        }
        assertArrayEquals(new byte[block], Arrays.copyOf(Files.readAllBytes(file), block), "the block copied in");
        byte[] copiedOut = new byte[block];
        Arrays.fill(copiedOut, (byte) 'd');
        assertArrayEquals(copiedOut, Arrays.copyOf(Files.readAllBytes(other), block), "the block copied out");
    }

    private static void assertRefused(String message, Executable call) {
        IOException e = assertThrows(IOException.class, call);
        assertTrue(String.valueOf(e.getMessage()).contains(message), () -> "message: " + e.getMessage());
    }
}
