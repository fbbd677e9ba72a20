package io.liouring.nio.file;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With {@code -Djava.nio.file.spi.DefaultFileSystemProvider=io.liouring.nio.file.LioFileSystemProvider}, the JDK's
 * entry points to the default file system give lio-nio's types, and unchanged {@code Files} code works, every byte
 * checked. One forked JVM ({@link DefaultProviderChild}) runs the code; the tests read what it printed.
 */
class LioDefaultProviderForkedTest {
    private static ForkedJvm.Result child;

    @BeforeAll
    static void runUnchangedCodeWithTheProviderSet() throws Exception {
        child = ForkedJvm.run(DefaultProviderChild.class, List.of(ForkedJvm.DEFAULT_PROVIDER));
        assertEquals(0, child.exitCode(), child.output());
    }

    @Test
    void theDefaultFileSystemAndEveryWayToAPathAreLioNios() {
        assertAll(
                () -> assertEquals(LioFileSystemProvider.class.getName(), child.value("provider")),
                () -> assertEquals(LioFileSystem.class.getName(), child.value("fileSystem")),
                () -> assertEquals(LioPath.class.getName(), child.value("pathOf")),
                () -> assertEquals("true", child.value("pathOfFileSystemIsDefault")),
                () -> assertEquals(LioPath.class.getName(), child.value("pathsGet")),
                () -> assertEquals(LioPath.class.getName(), child.value("fileToPath")),
                () -> assertEquals(LioPath.class.getName(), child.value("pathOfUri")));
    }

    @Test
    void filesReadsAndWritesEveryByteUnchanged() {
        assertAll(
                () -> assertEquals("true", child.value("writeReadAllBytes")),
                () -> assertEquals("alpha,beta,null", child.value("bufferedReader")),
                () -> assertEquals("true", child.value("streams")),
                () -> assertEquals(Long.toString(49_999L * 50_000 / 2), child.value("linesParallel")),
                () -> assertEquals("true", child.value("zipFileSystem")),
                () -> assertEquals("true", child.value("concurrentFirstUse")),
                () -> assertEquals("LioPath:[1, 2, 3]", child.value("createTempFile")));
    }

    @Test
    void walkAndListGiveLioNioPaths() {
        assertAll(
                () -> assertEquals("[:LioPath, a/b/two.txt:LioPath, a/b:LioPath, a/one.txt:LioPath, a:LioPath]",
                        child.value("walk")),
                () -> assertEquals("[b:LioPath, one.txt:LioPath]", child.value("list")));
    }

    @Test
    void copyMoveAndDeleteWork() {
        assertAll(
                () -> assertEquals("true", child.value("copy")),
                () -> assertEquals("true", child.value("copyFromStream")),
                () -> assertEquals("true", child.value("move")),
                () -> assertEquals("true", child.value("delete")));
    }

    @Test
    void channelsOpenedThroughTheProviderReadWhatWasWritten() {
        assertAll(
                () -> assertEquals("at 4096,4103", child.value("fileChannel")),
                () -> assertEquals("async", child.value("asynchronousFileChannel")),
                () -> assertEquals("true", child.value("available")),
                () -> assertEquals("null", child.value("reason")));
    }

    /**
     * EXPECTED TO FAIL until the lead wires {@code LioFileChannel} and {@code LioAsynchronousFileChannel} into
     * {@link LioFileSystemProvider}'s two openers: io_uring works here, so the channels must be the ring's.
     */
    @Test
    void fileChannelOpenReturnsTheRingsChannels() {
        assertAll(
                () -> assertEquals("io.liouring.nio.file.LioFileChannel", child.value("fileChannelClass")),
                () -> assertEquals("io.liouring.nio.file.LioAsynchronousFileChannel",
                        child.value("asynchronousFileChannelClass")));
    }
}
