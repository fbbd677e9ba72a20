package io.liouring.nio.review;

import io.liouring.nio.file.LioFileSystemProvider;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Review fixture: the JDK's default file system, and lio-nio's provider wrapping it (created once per JVM). */
final class FileSystemUnderReview {
    private FileSystemUnderReview() {
    }

    /** The names of the file systems, for {@code @MethodSource}. */
    static Stream<String> fileSystems() {
        return Stream.of("JDK", "LIO");
    }

    /** The file system named {@code name}. */
    static FileSystem named(String name) {
        return switch (name) {
            case "JDK" -> FileSystems.getDefault();
            case "LIO" -> Lio.FILE_SYSTEM;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@code jdkPath} as a path of the file system named {@code name}. */
    static Path path(String name, Path jdkPath) {
        return named(name).getPath(jdkPath.toString());
    }

    private static final class Lio {
        static final FileSystem FILE_SYSTEM = new LioFileSystemProvider(FileSystems.getDefault().provider())
                .getFileSystem(URI.create("file:///"));
    }
}
