package io.liouring.nio.file.conformance;

import io.liouring.nio.file.LioFileSystemProvider;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One file system the conformance suite runs against: the JDK's default one, or lio-nio's provider wrapping the
 * JDK's. Every path a test uses comes from {@link #path}, so that {@code FileChannel.open}, {@code Files.*} and
 * {@code AsynchronousFileChannel.open} reach this file system's provider.
 */
final class FileSystemUnderTest {
    private static final FileSystemUnderTest JDK = new FileSystemUnderTest("jdk", FileSystems.getDefault());

    private final String name;
    private final FileSystem fileSystem;

    private FileSystemUnderTest(String name, FileSystem fileSystem) {
        this.name = name;
        this.fileSystem = fileSystem;
    }

    /** The argument source of every conformance class: the JDK's file system, then ours. */
    static Stream<FileSystemUnderTest> both() {
        return Stream.of(JDK, Lio.INSTANCE);
    }

    /** The file system. */
    FileSystem fileSystem() {
        return fileSystem;
    }

    /** Whether this is the JDK's own file system (for the few places where the JDK deviates from its Javadoc). */
    boolean isJdk() {
        return this == JDK;
    }

    /**
     * Skips the test on the JDK's own file system, which deviates from the Javadoc in this case ({@code why}); the
     * test still holds lio-nio's file system to the Javadoc.
     */
    void assumeNotJdkDeviation(String why) {
        assumeTrue(!isJdk(), () -> "the JDK deviates from its Javadoc here: " + why);
    }

    /** {@code dir/first/more...} as a path of this file system (dir usually comes from {@code @TempDir}). */
    Path path(Path dir, String first, String... more) {
        Path base = fileSystem().getPath(dir.toString());
        return base.resolve(fileSystem().getPath(first, more));
    }

    @Override
    public String toString() {
        return name;
    }

    /** lio-nio's provider wrapping the JDK's, created once per JVM like the default provider, when first asked for. */
    private static final class Lio {
        static final FileSystemUnderTest INSTANCE = new FileSystemUnderTest("lio",
                new LioFileSystemProvider(FileSystems.getDefault().provider()).getFileSystem(URI.create("file:///")));
    }
}
