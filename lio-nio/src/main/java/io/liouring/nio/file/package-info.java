/**
 * A default {@link java.nio.file.spi.FileSystemProvider} whose file channels run on io_uring:
 * {@link io.liouring.nio.file.LioFileSystemProvider}, switched on with
 * {@code -Djava.nio.file.spi.DefaultFileSystemProvider=io.liouring.nio.file.LioFileSystemProvider}. It wraps the
 * JDK's built-in provider, its file system and its paths, and delegates everything but the channels to it.
 */
package io.liouring.nio.file;
