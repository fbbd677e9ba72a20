package io.liouring.bench.echo;

import java.util.Arrays;
import java.util.Locale;

/**
 * Starts one echo server in this JVM, prints {@code READY <port>} on stdout once it listens, and serves until the
 * process is stopped (or stdin closes). Usage: {@code EchoServerMain <server> [port]}, where server is one of
 * {@link Kind} (lowercase, {@code _} as {@code -}) and port 0 (the default) picks a free one.
 */
public final class EchoServerMain {
    /** The servers of benchmark P4. */
    public enum Kind {
        /** lio-uring, everything on the event loop thread: multishot receive over a buffer ring, async sends. */
        LIO_LOOP,
        /** lio-uring, the README's server: a virtual thread per connection doing blocking read/writeFully. */
        LIO_VT,
        /** Netty 4.2 with its io_uring transport, one event loop. */
        NETTY_IO_URING,
        /** Netty 4.2 with its epoll transport, one event loop. */
        NETTY_EPOLL,
        /** A single-threaded java.nio Selector server. */
        NIO,
        /**
         * P9's NIO.2 server ({@link Nio2EchoServer}: completion handlers, a fixed group of one thread) on the provider
         * the JVM is given, the JDK's when none: P9's JDK side, run beside lio-uring's own servers.
         */
        NIO2;

        /** The name used on command lines and in reports, e.g. {@code netty-io_uring}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace("netty_", "netty-").replace("lio_", "lio-");
        }

        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown server " + label + "; one of "
                    + Arrays.stream(values()).map(Kind::label).toList());
        }
    }

    private EchoServerMain() {
    }

    static EchoServer start(Kind kind, int port) throws Exception {
        return switch (kind) {
            case LIO_LOOP -> LioEchoServer.startLoop(port);
            case LIO_VT -> LioEchoServer.startVirtualThreads(port);
            case NETTY_IO_URING -> NettyEchoServer.start(port, true);
            case NETTY_EPOLL -> NettyEchoServer.start(port, false);
            case NIO -> NioEchoServer.start(port);
            case NIO2 -> Nio2EchoServer.start(port, 1);
        };
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: EchoServerMain <" + String.join("|", Arrays.stream(Kind.values()).map(Kind::label).toList())
                    + "> [port]");
            System.exit(2);
        }
        Kind kind = Kind.of(args[0]);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (EchoServer server = start(kind, port)) {
            System.out.println("READY " + server.port());
            System.out.flush();
            // Serve until the runner closes our stdin (or kills us).
            while (System.in.read() >= 0) {
                // discard
            }
        }
    }
}
