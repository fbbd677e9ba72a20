/**
 * lio-uring: the complete io_uring library for Java, in pure Java on the Foreign Function &amp; Memory API.
 * No runtime dependencies. Needs {@code --enable-native-access=io.liouring} (or ALL-UNNAMED on the class path).
 */
module io.liouring {
    exports io.liouring;
    exports io.liouring.operation;
    exports io.liouring.struct;
    exports io.liouring.buffer;
    exports io.liouring.async;
    exports io.liouring.file;
    exports io.liouring.net;
    /** lio-nio speaks Java's exceptions as the file layer does ({@code IoErrors}) and checks arguments as the core does. */
    exports io.liouring.internal to io.liouring.nio;
}
