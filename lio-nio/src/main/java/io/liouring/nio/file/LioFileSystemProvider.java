package io.liouring.nio.file;

import io.liouring.nio.internal.RingSupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The default {@link FileSystemProvider} of lio-nio: wraps the JDK's built-in provider and delegates every operation
 * to it except opening channels, which run on io_uring. Enabled only by the JVM option
 * <pre>{@code -Djava.nio.file.spi.DefaultFileSystemProvider=io.liouring.nio.file.LioFileSystemProvider}</pre>
 * (it is never declared as a service). {@link java.nio.file.FileSystems#getDefault()}, {@link Path#of},
 * {@link java.nio.file.Paths#get} and {@link java.io.File#toPath()} then return this provider's file system and
 * paths, and {@code FileChannel.open}, {@code Files.newByteChannel}, {@code Files.newInputStream},
 * {@code Files.readAllBytes}, {@code AsynchronousFileChannel.open} and the like reach its channels unchanged.
 *
 * <p>Every path argument must be a path of this provider, and is unwrapped before it is handed to the built-in
 * provider; a path of another provider is refused with {@link ProviderMismatchException}, as the JDK's own provider
 * refuses it. Every path returned (symbolic link targets, directory entries, watch events) is wrapped.
 *
 * <p>The JDK constructs this provider early in start-up, from the first use of the default file system, so the
 * constructor touches neither io_uring nor threads nor {@code java.nio.file}: whether io_uring is usable is found
 * out when the first channel is opened ({@link RingSupport}). If it is not (an old kernel, a seccomp filter,
 * {@code kernel.io_uring_disabled}), channels are the JDK's own, so everything keeps working, and the reason is
 * logged once at {@link System.Logger.Level#WARNING WARNING} through {@link System#getLogger System.Logger}, in
 * the words of {@code lio probe}.
 *
 * <p>Thread-safe: it holds no state besides the built-in provider and its file system.
 */
public final class LioFileSystemProvider extends FileSystemProvider {
    private static final String SCHEME = "file";

    private final FileSystemProvider builtIn;
    private final LioFileSystem fileSystem;

    /**
     * The constructor the JDK calls when this class is named by the system property
     * {@code java.nio.file.spi.DefaultFileSystemProvider}.
     *
     * @param builtIn the provider this one wraps: the JDK's built-in default provider (or the one listed before this
     *                class in the property); its scheme must be {@code "file"}
     * @throws NullPointerException     if {@code builtIn} is null
     * @throws IllegalArgumentException if {@code builtIn} is not a provider of the scheme {@code "file"}
     */
    public LioFileSystemProvider(FileSystemProvider builtIn) {
        Objects.requireNonNull(builtIn, "builtIn");
        if (!SCHEME.equals(builtIn.getScheme())) {
            throw new IllegalArgumentException("builtIn must be a provider of the scheme \"file\", not \""
                    + builtIn.getScheme() + "\"");
        }
        this.builtIn = builtIn;
        this.fileSystem = new LioFileSystem(this, builtIn.getFileSystem(URI.create("file:///")));
    }

    private Path unwrap(Path path) {
        return LioPath.unwrap(path);
    }

    // ---- channels: io_uring when usable ----

    /**
     * Where {@link #newFileChannel} and {@link #newByteChannel} land: the ring's channel, or the JDK's when io_uring
     * is not usable (the availability check runs the probe once and logs the fallback warning).
     */
    private FileChannel openFileChannel(Path jdkPath, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return RingSupport.available()
                ? LioFileChannel.open(jdkPath, options, attrs)
                : builtIn.newFileChannel(jdkPath, options, attrs);
    }

    /** Where {@link #newAsynchronousFileChannel} lands: the ring's channel, or the JDK's when io_uring is not usable. */
    private AsynchronousFileChannel openAsynchronousFileChannel(Path jdkPath, Set<? extends OpenOption> options,
                                                                ExecutorService executor, FileAttribute<?>... attrs)
            throws IOException {
        return RingSupport.available()
                ? LioAsynchronousFileChannel.open(jdkPath, options, executor, attrs)
                : builtIn.newAsynchronousFileChannel(jdkPath, options, executor, attrs);
    }

    /**
     * Opens a file channel on io_uring ({@code openat(2)} and the ring's read, write and fsync), or the JDK's own
     * channel when io_uring is not usable. Options, attributes and exceptions are those of
     * {@link FileChannel#open(Path, Set, FileAttribute[])}.
     */
    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return openFileChannel(unwrap(path), options, attrs);
    }

    /**
     * Opens a byte channel: the same file channel as {@link #newFileChannel}. {@code Files.readAllBytes} comes here
     * too, through {@code Files.newByteChannel(path)} without options; the JDK makes its own channel uninterruptible
     * there, which this provider cannot see without a stack walk, so such a channel decides on an interrupt only when
     * one arrives (see {@link Interrupts#AT_CALL_BOUNDARIES}).
     */
    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        FileChannel channel = openFileChannel(unwrap(path), options, attrs);
        if (options.isEmpty() && attrs.length == 0 && channel instanceof LioFileChannel lio) {
            lio.setInterruptibleAtCallBoundaries();
        }
        return channel;
    }

    /**
     * Opens an input stream on the file, as {@link FileSystemProvider#newInputStream} specifies, on an uninterruptible
     * file channel as the JDK's (an interrupt neither closes the stream nor ends a read); a named pipe or device is
     * read as a stream without a position, as the JDK's ({@link LioFileInputStream}).
     *
     * @throws UnsupportedOperationException for {@code APPEND} or {@code WRITE}
     */
    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        if (!RingSupport.available()) {
            return builtIn.newInputStream(unwrap(path), options);
        }
        Set<OpenOption> set = new HashSet<>();
        for (OpenOption option : options) {
            if (option == StandardOpenOption.APPEND || option == StandardOpenOption.WRITE) {
                throw new UnsupportedOperationException("'" + option + "' not allowed");
            }
            set.add(Objects.requireNonNull(option, "options"));
        }
        LioFileChannel channel = (LioFileChannel) LioFileChannel.open(unwrap(path), set);
        channel.setUninterruptible();
        return new LioFileInputStream(channel);
    }

    /**
     * Opens an output stream on the file, as {@link FileSystemProvider#newOutputStream} specifies (no options:
     * {@code CREATE}, {@code TRUNCATE_EXISTING}, {@code WRITE}), on an uninterruptible file channel as the JDK's.
     *
     * @throws IllegalArgumentException for {@code READ}
     */
    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        if (!RingSupport.available()) {
            return builtIn.newOutputStream(unwrap(path), options);
        }
        Set<OpenOption> set = new HashSet<>();
        if (options.length == 0) {
            set.addAll(List.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } else {
            for (OpenOption option : options) {
                if (option == StandardOpenOption.READ) {
                    throw new IllegalArgumentException("READ not allowed");
                }
                set.add(Objects.requireNonNull(option, "options"));
            }
            set.add(StandardOpenOption.WRITE);
        }
        LioFileChannel channel = (LioFileChannel) LioFileChannel.open(unwrap(path), set);
        channel.setUninterruptible();
        return Channels.newOutputStream(channel);
    }

    /**
     * Opens an asynchronous file channel on io_uring, or the JDK's own when io_uring is not usable. Options,
     * executor, attributes and exceptions are those of
     * {@link AsynchronousFileChannel#open(Path, Set, ExecutorService, FileAttribute[])}.
     */
    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
                                                              ExecutorService executor, FileAttribute<?>... attrs)
            throws IOException {
        return openAsynchronousFileChannel(unwrap(path), options, executor, attrs);
    }

    // ---- the file system and its paths ----

    /** {@code "file"}, as a default provider's scheme must be. */
    @Override
    public String getScheme() {
        return SCHEME;
    }

    /**
     * Always throws, as the built-in provider does: the default file system exists already.
     *
     * @throws IllegalArgumentException         if {@code uri} is not {@code file:///}
     * @throws java.nio.file.FileSystemAlreadyExistsException otherwise
     */
    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        return builtIn.newFileSystem(uri, env);
    }

    /**
     * Delegates to the built-in provider, which supports no file system inside a file (it throws
     * {@link UnsupportedOperationException}). A path of another provider (a file inside a zip file system, say) is
     * not supported either: {@code UnsupportedOperationException} too, not {@code ProviderMismatchException}, so that
     * {@link java.nio.file.FileSystems#newFileSystem(Path)}, which asks every installed provider in turn and skips
     * those that throw it, goes on to the provider that can open the file.
     *
     * @throws UnsupportedOperationException always, from the built-in provider for a path of this one
     */
    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
        if (!(path instanceof LioPath lio)) {
            throw new UnsupportedOperationException("no file system inside a file of another provider");
        }
        return builtIn.newFileSystem(lio.jdkPath(), env);
    }

    /**
     * The default file system of this provider.
     *
     * @throws IllegalArgumentException if {@code uri} is not {@code file:///}, as the built-in provider checks it
     */
    @Override
    public FileSystem getFileSystem(URI uri) {
        builtIn.getFileSystem(uri);
        return fileSystem;
    }

    /** The path of this provider that a {@code file:} URI names; the URI is checked by the built-in provider. */
    @Override
    public Path getPath(URI uri) {
        return fileSystem.wrap(builtIn.getPath(uri));
    }

    /** Opens the directory with the built-in provider; the filter and the iterator see paths of this provider. */
    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Objects.requireNonNull(filter, "filter");
        DirectoryStream<Path> jdkStream = builtIn.newDirectoryStream(unwrap(dir),
                entry -> filter.accept(fileSystem.wrap(entry)));
        return LioDirectoryStream.of(fileSystem, jdkStream);
    }

    // ---- everything else: the built-in provider's, with paths unwrapped ----

    /** Delegates to the built-in provider ({@code mkdir(2)}). */
    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        builtIn.createDirectory(unwrap(dir), attrs);
    }

    /** Delegates to the built-in provider ({@code symlink(2)}); {@code target} may be relative. */
    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        builtIn.createSymbolicLink(unwrap(link), unwrap(target), attrs);
    }

    /** Delegates to the built-in provider ({@code link(2)}). */
    @Override
    public void createLink(Path link, Path existing) throws IOException {
        builtIn.createLink(unwrap(link), unwrap(existing));
    }

    /** Delegates to the built-in provider ({@code unlink(2)} or {@code rmdir(2)}). */
    @Override
    public void delete(Path path) throws IOException {
        builtIn.delete(unwrap(path));
    }

    /** Delegates to the built-in provider. */
    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return builtIn.deleteIfExists(unwrap(path));
    }

    /** The link's target ({@code readlink(2)}), as a path of this provider. */
    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fileSystem.wrap(builtIn.readSymbolicLink(unwrap(link)));
    }

    /** Delegates to the built-in provider; both paths must be of this provider. */
    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        builtIn.copy(unwrap(source), unwrap(target), options);
    }

    /** Delegates to the built-in provider; both paths must be of this provider. */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        builtIn.move(unwrap(source), unwrap(target), options);
    }

    /** Delegates to the built-in provider; {@code false} if {@code path2} is a path of another provider. */
    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        Path jdkPath = unwrap(path);
        if (!(Objects.requireNonNull(path2, "path2") instanceof LioPath other)) {
            return false;
        }
        return builtIn.isSameFile(jdkPath, other.jdkPath());
    }

    /** Delegates to the built-in provider (a name starting with a dot). */
    @Override
    public boolean isHidden(Path path) throws IOException {
        return builtIn.isHidden(unwrap(path));
    }

    /** Delegates to the built-in provider. */
    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return builtIn.getFileStore(unwrap(path));
    }

    /** Delegates to the built-in provider ({@code access(2)}). */
    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        builtIn.checkAccess(unwrap(path), modes);
    }

    /** Delegates to the built-in provider. */
    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return builtIn.getFileAttributeView(unwrap(path), type, options);
    }

    /** Delegates to the built-in provider ({@code stat(2)}). */
    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return builtIn.readAttributes(unwrap(path), type, options);
    }

    /** Delegates to the built-in provider ({@code stat(2)}). */
    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return builtIn.readAttributes(unwrap(path), attributes, options);
    }

    /** Delegates to the built-in provider. */
    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        builtIn.setAttribute(unwrap(path), attribute, value, options);
    }

    /** Delegates to the built-in provider (one {@code stat(2)}, no exception for a missing file). */
    @Override
    public boolean exists(Path path, LinkOption... options) {
        return builtIn.exists(unwrap(path), options);
    }

    /** Delegates to the built-in provider: the attributes, or {@code null} if the file does not exist. */
    @Override
    public <A extends BasicFileAttributes> A readAttributesIfExists(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return builtIn.readAttributesIfExists(unwrap(path), type, options);
    }
}
