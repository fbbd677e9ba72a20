package io.liouring.nio.file;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The default file system while {@link LioFileSystemProvider} is the default provider: the JDK's own default file
 * system, wrapped so that every {@link Path} it gives out is a {@link LioPath} and so reaches lio-nio's provider.
 * Stateless apart from the two objects it links, so thread-safe; it cannot be closed, as no default file system can.
 */
final class LioFileSystem extends FileSystem {
    private final LioFileSystemProvider provider;
    private final FileSystem jdkFileSystem;

    LioFileSystem(LioFileSystemProvider provider, FileSystem jdkFileSystem) {
        this.provider = provider;
        this.jdkFileSystem = jdkFileSystem;
    }

    /** {@code jdkPath} as a path of this file system; {@code null} stays {@code null}. */
    LioPath wrap(Path jdkPath) {
        return jdkPath == null ? null : new LioPath(this, jdkPath);
    }

    @Override
    public LioFileSystemProvider provider() {
        return provider;
    }

    /** Always throws: the default file system cannot be closed. */
    @Override
    public void close() throws IOException {
        jdkFileSystem.close();
    }

    @Override
    public boolean isOpen() {
        return jdkFileSystem.isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return jdkFileSystem.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return jdkFileSystem.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        for (Path root : jdkFileSystem.getRootDirectories()) {
            roots.add(wrap(root));
        }
        return List.copyOf(roots);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return jdkFileSystem.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return jdkFileSystem.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(jdkFileSystem.getPath(first, more));
    }

    /**
     * The JDK's matcher for {@code syntaxAndPattern}; it matches a path of this file system as it matches the
     * wrapped path.
     */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher jdkMatcher = jdkFileSystem.getPathMatcher(syntaxAndPattern);
        return path -> jdkMatcher.matches(path instanceof LioPath lio ? lio.jdkPath() : path);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return jdkFileSystem.getUserPrincipalLookupService();
    }

    /** A watch service whose keys watch paths of this file system and report events about them. */
    @Override
    public WatchService newWatchService() throws IOException {
        return new LioWatchService(this, jdkFileSystem.newWatchService());
    }
}
