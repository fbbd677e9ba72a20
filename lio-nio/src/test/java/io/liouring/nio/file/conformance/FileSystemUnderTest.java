package io.liouring.nio.file.conformance;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One file system the conformance suite runs against: the JDK's default one, or lio-nio's provider wrapping the
 * JDK's. Every path a test uses comes from {@link #path}, so that {@code FileChannel.open}, {@code Files.*} and
 * {@code AsynchronousFileChannel.open} reach this file system's provider.
 */
final class FileSystemUnderTest {
    /** The class the lead wires in directly once the implementation is merged. */
    static final String LIO_PROVIDER = "io.liouring.nio.file.LioFileSystemProvider";

    private static final FileSystemUnderTest JDK = new FileSystemUnderTest("jdk", FileSystems.getDefault(), null);

    private final String name;
    private final FileSystem fileSystem;
    private final String missing;

    private FileSystemUnderTest(String name, FileSystem fileSystem, String missing) {
        this.name = name;
        this.fileSystem = fileSystem;
        this.missing = missing;
    }

    /** The argument source of every conformance class: the JDK's file system, then ours. */
    static Stream<FileSystemUnderTest> both() {
        return Stream.of(JDK, Lio.INSTANCE);
    }

    /** Skips the test (an assumption) when this file system is not built yet; otherwise does nothing. */
    void assumeAvailable() {
        assumeTrue(missing == null, () -> missing);
    }

    /** The file system; only call after {@link #assumeAvailable()}. */
    FileSystem fileSystem() {
        assumeAvailable();
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

    /** lio-nio's provider, created once per JVM like the default provider, and only when first asked for. */
    private static final class Lio {
        static final FileSystemUnderTest INSTANCE = load();

        private static FileSystemUnderTest load() {
            Class<?> type;
            try {
                type = Class.forName(LIO_PROVIDER);
            } catch (ClassNotFoundException notBuiltYet) {
                return new FileSystemUnderTest("lio", null,
                        LIO_PROVIDER + " is not in this branch yet: the suite runs against the JDK only");
            }
            try {
                var provider = (FileSystemProvider) type.getConstructor(FileSystemProvider.class)
                        .newInstance(FileSystems.getDefault().provider());
                return new FileSystemUnderTest("lio", provider.getFileSystem(URI.create("file:///")), null);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(LIO_PROVIDER + " failed to start", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(LIO_PROVIDER + " has no public constructor (FileSystemProvider)", e);
            }
        }
    }
}
