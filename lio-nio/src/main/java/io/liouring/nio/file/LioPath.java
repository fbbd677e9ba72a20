package io.liouring.nio.file;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Iterator;
import java.util.Objects;

/**
 * A path of the {@link LioFileSystem}: the JDK's own path of the default file system, wrapped so that
 * {@link #getFileSystem()} and every path derived from this one lead back to lio-nio's provider. Immutable and
 * thread-safe, like the path it wraps; every answer about names, comparison and the URI is the wrapped path's.
 */
final class LioPath implements Path {
    private final LioFileSystem fileSystem;
    private final Path jdkPath;

    LioPath(LioFileSystem fileSystem, Path jdkPath) {
        this.fileSystem = fileSystem;
        this.jdkPath = jdkPath;
    }

    /**
     * The JDK's path behind {@code path}, for handing to the built-in provider.
     *
     * @throws NullPointerException      if {@code path} is null
     * @throws ProviderMismatchException if {@code path} belongs to another provider, as the JDK's own provider
     *                                   answers a path it did not create
     */
    static Path unwrap(Path path) {
        Objects.requireNonNull(path, "path");
        if (path instanceof LioPath lio) {
            return lio.jdkPath;
        }
        throw new ProviderMismatchException("not a path of lio-nio's default file system: " + path.getClass().getName());
    }

    /**
     * The path a system call is to be given for {@code jdkPath}: the current directory for the empty path, as
     * {@link Path} specifies ("accessing a file using an empty path is equivalent to accessing the default directory
     * of the file system"), which {@code open("")} would refuse with {@code ENOENT}; {@code jdkPath} otherwise.
     */
    static Path forSystemCall(Path jdkPath) {
        return jdkPath.toString().isEmpty() ? jdkPath.getFileSystem().getPath(".") : jdkPath;
    }

    /** The JDK's path this one wraps. */
    Path jdkPath() {
        return jdkPath;
    }

    private LioPath wrap(Path jdk) {
        return fileSystem.wrap(jdk);
    }

    @Override
    public LioFileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return jdkPath.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(jdkPath.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(jdkPath.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(jdkPath.getParent());
    }

    @Override
    public int getNameCount() {
        return jdkPath.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(jdkPath.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(jdkPath.subpath(beginIndex, endIndex));
    }

    /** {@code false} for a path of another provider, as {@link Path#startsWith(Path)} specifies. */
    @Override
    public boolean startsWith(Path other) {
        Objects.requireNonNull(other, "other");
        return other instanceof LioPath lio && jdkPath.startsWith(lio.jdkPath);
    }

    @Override
    public boolean startsWith(String other) {
        return jdkPath.startsWith(other);
    }

    /** {@code false} for a path of another provider, as {@link Path#endsWith(Path)} specifies. */
    @Override
    public boolean endsWith(Path other) {
        Objects.requireNonNull(other, "other");
        return other instanceof LioPath lio && jdkPath.endsWith(lio.jdkPath);
    }

    @Override
    public boolean endsWith(String other) {
        return jdkPath.endsWith(other);
    }

    @Override
    public Path normalize() {
        return wrap(jdkPath.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(jdkPath.resolve(unwrap(other)));
    }

    @Override
    public Path resolve(String other) {
        return wrap(jdkPath.resolve(other));
    }

    @Override
    public Path resolveSibling(Path other) {
        return wrap(jdkPath.resolveSibling(unwrap(other)));
    }

    @Override
    public Path resolveSibling(String other) {
        return wrap(jdkPath.resolveSibling(other));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(jdkPath.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return jdkPath.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(jdkPath.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(jdkPath.toRealPath(options));
    }

    /** A {@link File} of this path's string, as for every path of the default file system. */
    @Override
    public File toFile() {
        return new File(toString());
    }

    /**
     * Registers the directory with a watch service of this file system; the key's {@link WatchKey#watchable()} is
     * this path and its events' contexts are paths of this file system.
     *
     * @throws ProviderMismatchException if {@code watcher} was not created by {@link LioFileSystem#newWatchService()}
     */
    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        Objects.requireNonNull(watcher, "watcher");
        if (!(watcher instanceof LioWatchService lio)) {
            throw new ProviderMismatchException("not a watch service of lio-nio's default file system: "
                    + watcher.getClass().getName());
        }
        return lio.register(this, events, modifiers);
    }

    @Override
    public Iterator<Path> iterator() {
        Iterator<Path> names = jdkPath.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return names.hasNext();
            }

            @Override
            public Path next() {
                return wrap(names.next());
            }
        };
    }

    /**
     * Compares the wrapped paths lexicographically.
     *
     * @throws ClassCastException if {@code other} belongs to another provider, as {@link Path#compareTo} specifies
     */
    @Override
    public int compareTo(Path other) {
        if (!(Objects.requireNonNull(other, "other") instanceof LioPath lio)) {
            throw new ClassCastException("not a path of lio-nio's default file system: " + other.getClass().getName());
        }
        return jdkPath.compareTo(lio.jdkPath);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LioPath lio && jdkPath.equals(lio.jdkPath);
    }

    @Override
    public int hashCode() {
        return jdkPath.hashCode();
    }

    @Override
    public String toString() {
        return jdkPath.toString();
    }
}
