package io.liouring.nio.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Iterator;

/**
 * A directory stream of the {@link LioFileSystem}: the JDK's stream, its entries handed out as {@link LioPath}s.
 * Iteration, closing and their thread-safety are the JDK stream's.
 */
sealed class LioDirectoryStream implements DirectoryStream<Path> permits LioSecureDirectoryStream {
    private final LioFileSystem fileSystem;
    private final DirectoryStream<Path> jdkStream;

    LioDirectoryStream(LioFileSystem fileSystem, DirectoryStream<Path> jdkStream) {
        this.fileSystem = fileSystem;
        this.jdkStream = jdkStream;
    }

    /** Wraps {@code jdkStream}, as a {@link SecureDirectoryStream} if the JDK's is one. */
    static LioDirectoryStream of(LioFileSystem fileSystem, DirectoryStream<Path> jdkStream) {
        return jdkStream instanceof SecureDirectoryStream<Path> secure
                ? new LioSecureDirectoryStream(fileSystem, secure)
                : new LioDirectoryStream(fileSystem, jdkStream);
    }

    final LioFileSystem fileSystem() {
        return fileSystem;
    }

    @Override
    public final Iterator<Path> iterator() {
        Iterator<Path> entries = jdkStream.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Path next() {
                return fileSystem.wrap(entries.next());
            }

            @Override
            public void remove() {
                entries.remove();
            }
        };
    }

    @Override
    public final void close() throws IOException {
        jdkStream.close();
    }
}
