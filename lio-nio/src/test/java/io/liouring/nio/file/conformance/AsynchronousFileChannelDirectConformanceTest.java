package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import io.liouring.nio.file.DirectOpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An asynchronous file channel opened with {@code ExtendedOpenOption.DIRECT} (O_DIRECT): a read or write whose file
 * position, buffer address or length is not a multiple of the file store's block size fails with an
 * {@link IOException} (the JDK's channel hands it to the kernel, which answers {@code EINVAL}), whatever the kind of
 * buffer: one the channel copies (a heap buffer, a shared arena's) must not be quietly made to fit, and no byte
 * moves. Skipped where the file system has no O_DIRECT (tmpfs).
 */
class AsynchronousFileChannelDirectConformanceTest extends FileSystemConformance {
    private static final String[] KINDS = {"heap", "direct", "arena"};
    private Path file;
    private int block;
    private Set<OpenOption> direct;

    @BeforeEach
    void fileOfFourBlocks() throws Exception {
        file = path("data");
        block = DirectBlocks.fileOfFourBlocks(file);
        direct = Set.of(READ, WRITE, DirectOpenOption.get());
        try {
            open().close();
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no O_DIRECT on this file system: " + e);
        }
    }

    /** Three blocks of {@code kind}: a heap buffer, an aligned direct one, or one of {@code arena}. */
    private ByteBuffer blocks(String kind, Arena arena) {
        return DirectBlocks.threeBlocks(kind, arena, block);
    }

    /**
     * With a direct or arena buffer. (A heap buffer too on lio-nio's channel, which copies it through aligned memory;
     * the JDK's copies it through a temporary direct buffer that is not aligned, so even an aligned heap buffer fails
     * there with {@code EINVAL}: neither is asserted.)
     */
    @Test
    void alignedReadsAndWritesWork() throws Exception {
        try (AsynchronousFileChannel ch = open(); Arena arena = Arena.ofShared()) {
            for (String kind : new String[] {"direct", "arena"}) {
                ByteBuffer out = blocks(kind, arena);
                while (out.hasRemaining()) {
                    out.put((byte) kind.charAt(0));
                }
                assertEquals(3 * block, get(ch.write(out.flip(), block)), kind);
                ByteBuffer in = blocks(kind, arena);
                assertEquals(3 * block, get(ch.read(in, block)), kind);
                for (int i = 0; i < in.limit(); i++) {
                    assertEquals((byte) kind.charAt(0), in.get(i), kind + " byte " + i);
                }
            }
        }
    }

    @Test
    void aMisalignedFilePositionFails() throws Exception {
        try (AsynchronousFileChannel ch = open(); Arena arena = Arena.ofShared()) {
            for (String kind : KINDS) {
                ByteBuffer bb = blocks(kind, arena);
                assertFails(ch.read(bb, 1));
                assertFails(ch.write(bb, block + 1));
                assertEquals(3 * block, bb.remaining(), kind + ": no byte moved");
            }
        }
        assertUnchanged();
    }

    @Test
    void aMisalignedBufferAddressFails() throws Exception {
        try (AsynchronousFileChannel ch = open(); Arena arena = Arena.ofShared()) {
            for (String kind : new String[] {"direct", "arena"}) {
                ByteBuffer bb = blocks(kind, arena).position(1).limit(block + 1);
                assertFails(ch.read(bb, 0));
                assertFails(ch.write(bb, 0));
                assertEquals(1, bb.position(), kind + ": no byte moved");
            }
        }
        assertUnchanged();
    }

    @Test
    void aLengthThatIsNotWholeBlocksFails() throws Exception {
        try (AsynchronousFileChannel ch = open(); Arena arena = Arena.ofShared()) {
            for (String kind : KINDS) {
                for (int length : new int[] {block - 1, block + 1}) {
                    ByteBuffer bb = blocks(kind, arena).limit(length);
                    assertFails(ch.read(bb, 0));
                    assertFails(ch.write(bb, 0));
                    assertEquals(0, bb.position(), kind + " " + length + ": no byte moved");
                }
            }
        }
        assertUnchanged();
    }

    private AsynchronousFileChannel open() throws IOException {
        return AsynchronousFileChannel.open(file, direct, null);
    }

    private static int get(Future<Integer> result) throws Exception {
        return result.get(30, TimeUnit.SECONDS);
    }

    private static void assertFails(Future<Integer> result) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(result));
        assertInstanceOf(IOException.class, e.getCause());
    }

    private void assertUnchanged() throws IOException {
        byte[] content = new byte[4 * block];
        Arrays.fill(content, (byte) 'd');
        assertArrayEquals(content, Files.readAllBytes(file), "nothing was written");
    }
}
