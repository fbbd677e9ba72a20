package io.liouring.testing;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SocketType;
import io.liouring.operation.Accept;
import io.liouring.operation.Bind;
import io.liouring.operation.Connect;
import io.liouring.operation.Listen;
import io.liouring.operation.Socket;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.struct.SockAddrIn6;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** Test fixture: loopback sockets made with the ring's own socket operations, and small helpers around them. */
public final class Loopback {
    /** The two IP versions every socket test runs over. */
    public enum Ip {
        V4(AddressFamily.AF_INET), V6(AddressFamily.AF_INET6);

        public final int family;

        Ip(int family) {
            this.family = family;
        }

        public SockAddr loopback(int port) {
            return this == V4 ? SockAddrIn.loopback(port) : SockAddrIn6.loopback(port);
        }
    }

    /** A connected TCP pair and the listener it came from; closes all three. */
    public record Tcp(int listener, int client, int server) implements AutoCloseable {
        @Override
        public void close() {
            Fd.close(client);
            Fd.close(server);
            Fd.close(listener);
        }
    }

    /** A listener and a client whose connection waits in the listener's backlog, not yet accepted; closes both. */
    public record Pending(int listener, int client) implements AutoCloseable {
        @Override
        public void close() {
            Fd.close(client);
            Fd.close(listener);
        }
    }

    private Loopback() {
    }

    public static int socket(LioUring ring, int family, int type) {
        return Roundtrip.run(ring, new Socket(family, type | SocketType.SOCK_CLOEXEC, 0)).resultOrThrow();
    }

    /** A listening TCP socket on the loopback address, at a port the kernel picks. */
    public static int listener(LioUring ring, Ip ip) {
        int fd = socket(ring, ip.family, SocketType.SOCK_STREAM);
        Roundtrip.run(ring, new Bind(fd, ip.loopback(0))).resultOrThrow();
        Roundtrip.run(ring, new Listen(fd, 16)).resultOrThrow();
        return fd;
    }

    /** A new TCP socket connected to {@code listener} (the connection waits in its backlog until accepted). */
    public static int connect(LioUring ring, Ip ip, int listener) {
        int client = socket(ring, ip.family, SocketType.SOCK_STREAM);
        Roundtrip.run(ring, new Connect(client, ip.loopback(SocketNative.localPort(listener)))).resultOrThrow();
        return client;
    }

    /** A listener with one connection to accept. */
    public static Pending pending(LioUring ring, Ip ip) {
        int listener = listener(ring, ip);
        return new Pending(listener, connect(ring, ip, listener));
    }

    /** A connected TCP pair over loopback: socket, bind, listen, connect and accept, all through the ring. */
    public static Tcp tcp(LioUring ring, Ip ip) {
        Pending pending = pending(ring, ip);
        int server = Roundtrip.run(ring, new Accept(pending.listener())).resultOrThrow();
        return new Tcp(pending.listener(), pending.client(), server);
    }

    /** A UDP socket bound to the loopback address at a port the kernel picks. */
    public static int boundUdp(LioUring ring, Ip ip) {
        int fd = socket(ring, ip.family, SocketType.SOCK_DGRAM);
        Roundtrip.run(ring, new Bind(fd, ip.loopback(0))).resultOrThrow();
        return fd;
    }

    public static MemorySegment bytes(Arena arena, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        MemorySegment s = arena.allocate(b.length);
        MemorySegment.copy(b, 0, s, JAVA_BYTE, 0, b.length);
        return s;
    }

    public static String text(MemorySegment segment) {
        return new String(segment.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
