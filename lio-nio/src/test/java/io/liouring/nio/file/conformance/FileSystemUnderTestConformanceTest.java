package io.liouring.nio.file.conformance;

import io.liouring.nio.file.LioFileSystemProvider;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The fixture itself: a test's paths belong to the file system under test, so its channels come from there. */
class FileSystemUnderTestConformanceTest extends FileSystemConformance {
    @Test
    void pathsComeFromTheFileSystemUnderTest() {
        var path = path("data");
        assertSame(target.fileSystem(), path.getFileSystem());
        assertEquals(tempDir.resolve("data").toString(), path.toString());
        if (target.toString().equals("lio")) {
            assertEquals(LioFileSystemProvider.class, path.getFileSystem().provider().getClass());
            assertNotSame(FileSystems.getDefault().provider(), path.getFileSystem().provider());
        } else {
            assertSame(FileSystems.getDefault(), path.getFileSystem());
        }
    }
}
