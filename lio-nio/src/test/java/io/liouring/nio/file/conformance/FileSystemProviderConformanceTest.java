package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The provider's own methods that take a path of any provider: {@code newFileSystem(Path, Map)}, which
 * {@link FileSystems#newFileSystem(Path)} calls on every installed provider in turn, going on to the next one only
 * when a provider throws {@link UnsupportedOperationException}.
 */
class FileSystemProviderConformanceTest extends FileSystemConformance {
    /**
     * "UnsupportedOperationException - If this provider does not support access to the contents as a file system":
     * the default provider opens no file as a file system, whichever provider the file belongs to. A file inside
     * another file system (here the run-time image's {@code jrt:/}, as a jar inside a zip file system would be) must
     * not end the search of {@code FileSystems.newFileSystem} with a {@code ProviderMismatchException}.
     */
    @Test
    void aFileOfAnotherProviderIsNotOpenedAsAFileSystem() {
        Path foreign = FileSystems.getFileSystem(URI.create("jrt:/"))
                .getPath("/modules/java.base/java/lang/Object.class");
        var provider = target.fileSystem().provider();
        assertThrows(UnsupportedOperationException.class, () -> provider.newFileSystem(foreign, Map.of()));
    }

    /** The same for a file of the provider's own file system. */
    @Test
    void aFileOfThisFileSystemIsNotOpenedAsAFileSystem() throws IOException {
        Path file = Files.createFile(path("archive.zip"));
        var provider = target.fileSystem().provider();
        assertThrows(UnsupportedOperationException.class, () -> provider.newFileSystem(file, Map.of()));
    }
}
