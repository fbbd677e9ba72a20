package io.liouring.nio.file;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Test fixture: a {@link LioFileSystemProvider} wrapping this JVM's built-in provider, as the JDK builds it when the
 * provider is the default, and its file system, for tests that run in the test JVM (where the default is the JDK's).
 */
final class LioFileSystems {
    /** The provider under test. */
    static final LioFileSystemProvider PROVIDER = new LioFileSystemProvider(FileSystems.getDefault().provider());
    /** Its file system. */
    static final FileSystem FILE_SYSTEM = PROVIDER.getFileSystem(URI.create("file:///"));

    private LioFileSystems() {
    }

    /** The path of lio-nio's file system for a JDK path. */
    static Path lio(Path jdkPath) {
        return FILE_SYSTEM.getPath(jdkPath.toString());
    }
}
