/**
 * lio-nio: drop-in {@code java.nio} providers whose channels run on io_uring.
 *
 * <p>Nothing here is switched on by being on the class path or module path: the module declares no services.
 * An application opts in with the two system properties the JDK reads,
 * {@code java.nio.channels.spi.AsynchronousChannelProvider} and {@code java.nio.file.spi.DefaultFileSystemProvider}
 * (see the README).
 */
module io.liouring.nio {
    requires io.liouring;
    requires jdk.net;

    exports io.liouring.nio.channels;
    exports io.liouring.nio.file;
}
