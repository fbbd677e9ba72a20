package io.liouring.nio.file;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Objects;
import java.util.Set;

/**
 * The JDK's {@link SecureDirectoryStream} (an open directory whose operations are relative to it, {@code openat(2)}
 * and friends), wrapped: paths given to it are unwrapped, entries come out as {@link LioPath}s. Its byte channels
 * are the JDK's, opened relative to the directory.
 */
final class LioSecureDirectoryStream extends LioDirectoryStream implements SecureDirectoryStream<Path> {
    private final SecureDirectoryStream<Path> jdkStream;

    LioSecureDirectoryStream(LioFileSystem fileSystem, SecureDirectoryStream<Path> jdkStream) {
        super(fileSystem, jdkStream);
        this.jdkStream = jdkStream;
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) throws IOException {
        return new LioSecureDirectoryStream(fileSystem(), jdkStream.newDirectoryStream(LioPath.unwrap(path), options));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        return jdkStream.newByteChannel(LioPath.unwrap(path), options, attrs);
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        jdkStream.deleteFile(LioPath.unwrap(path));
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        jdkStream.deleteDirectory(LioPath.unwrap(path));
    }

    /** @throws ProviderMismatchException if {@code targetdir} is not a directory stream of this file system */
    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath) throws IOException {
        if (!(Objects.requireNonNull(targetdir, "targetdir") instanceof LioSecureDirectoryStream target)) {
            throw new ProviderMismatchException("not a directory stream of lio-nio's default file system: "
                    + targetdir.getClass().getName());
        }
        jdkStream.move(LioPath.unwrap(srcpath), target.jdkStream, LioPath.unwrap(targetpath));
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
        return jdkStream.getFileAttributeView(type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return jdkStream.getFileAttributeView(LioPath.unwrap(path), type, options);
    }
}
