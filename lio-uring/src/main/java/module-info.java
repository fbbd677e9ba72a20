/**
 * lio-uring: the complete io_uring library for Java, in pure Java on the Foreign Function &amp; Memory API.
 * No runtime dependencies. Needs {@code --enable-native-access=io.liouring} (or ALL-UNNAMED on the class path).
 */
@SuppressWarnings("module") // the qualified export names lio-nio, which is built after this module
module io.liouring {
    exports io.liouring;
    exports io.liouring.operation;
    exports io.liouring.struct;
    exports io.liouring.buffer;
    exports io.liouring.async;
    exports io.liouring.file;
    exports io.liouring.net;
    // for lio-nio's java.nio providers: errno -> JDK exceptions (IoErrors), argument checks, getsockname/getpeername
    // (SocketNames), getsockopt below SOL_SOCKET (SocketOptionCalls), non-blocking recv/send and preadv2 tried before
    // the ring (SocketCalls, Libc)
    exports io.liouring.internal to io.liouring.nio;
}
