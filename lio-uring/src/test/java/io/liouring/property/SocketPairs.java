package io.liouring.property;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.operation.Accept;
import io.liouring.operation.Bind;
import io.liouring.operation.Close;
import io.liouring.operation.Connect;
import io.liouring.operation.Listen;
import io.liouring.operation.Socket;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.ProcessResources;
import io.liouring.testing.SocketNative;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The socket pairs of a random sequence: an AF_UNIX socketpair, and a TCP connection over loopback made through the
 * ring (SOCKET, BIND and LISTEN once, then ACCEPT waiting while CONNECT goes in after it), each made when a step first
 * uses it and made anew after a step closed it. At the end every socket is closed through the ring and must then be
 * gone from the kernel, not merely from the descriptor table: a request that kept one alive would be a leak.
 */
final class SocketPairs {
    /** The AF_UNIX pair and the TCP pair, null until first used and after a step closed them. */
    private final SocketPair[] pairs = new SocketPair[2];
    private final Set<Integer> open = new LinkedHashSet<>();
    private final List<Long> inodes = new ArrayList<>();
    private final SockAddr anyLoopbackPort = SockAddrIn.loopback(0);
    private final Requests requests;
    private int listener = -1;
    private SockAddr listening;

    SocketPairs(Requests requests) {
        this.requests = requests;
    }

    /** How many sockets were opened (every one of them checked released at the end). */
    long opened() {
        return inodes.size();
    }

    /** The TCP pair or the AF_UNIX one, made now if there is none. */
    SocketPair get(boolean tcp) {
        int i = tcp ? 1 : 0;
        if (pairs[i] == null) {
            pairs[i] = tcp ? tcpPair() : unixPair();
        }
        return pairs[i];
    }

    /** Forgets a pair whose sockets a step closed (or is closing): the next step on it gets a new one. */
    void retire(SocketPair pair) {
        pairs[pair.tcp ? 1 : 0] = null;
    }

    private SocketPair unixPair() {
        int[] fds = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
        opened(fds[0]);
        opened(fds[1]);
        return new SocketPair(false, fds[0], fds[1]);
    }

    /** A TCP connection to the listener (made on first use): ACCEPT waits while CONNECT goes in after it. */
    private SocketPair tcpPair() {
        if (listener < 0) {
            listener = newSocket("socket for the listener");
            requests.awaitAll(requests.push(new Bind(listener, anyLoopbackPort), requests.once("bind", 0)));
            requests.awaitAll(requests.push(new Listen(listener, 4), requests.once("listen", 0)));
            listening = SockAddrIn.loopback(SocketNative.localPort(listener));
        }
        int client = newSocket("socket for a client");
        int[] server = {-1};
        long accept = requests.push(new Accept(listener).flags(SocketType.SOCK_CLOEXEC),
                requests.check("accept", c -> server[0] = requireFd(c)));
        long connect = requests.push(new Connect(client, listening), requests.once("connect", 0));
        requests.awaitAll(accept, connect);
        opened(server[0]);
        return new SocketPair(true, client, server[0]);
    }

    private int newSocket(String what) {
        int[] fd = {-1};
        requests.awaitAll(requests.push(new Socket(AddressFamily.AF_INET,
                SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC, 0), requests.check(what, c -> fd[0] = requireFd(c))));
        opened(fd[0]);
        return fd[0];
    }

    private int requireFd(Completion c) {
        if (c.result() < 0) {
            throw requests.failure("expected a new descriptor", c);
        }
        return c.result();
    }

    private void opened(int fd) {
        open.add(fd);
        inodes.add(ProcessResources.socketInode(fd));
    }

    /** Pushes a CLOSE of {@code fd} that must succeed. */
    long close(int fd) {
        open.remove(fd);
        return requests.push(new Close(fd), requests.once("close of socket " + fd, 0));
    }

    /** Pushes a CLOSE of every socket still open; the caller waits for them, then calls {@link #requireReleased}. */
    List<Long> closeAll() {
        return List.copyOf(open).stream().map(this::close).toList();
    }

    /** After a failure: closes what is still open, outside the ring. */
    void closeQuietly() {
        for (int fd : open) {
            try {
                Fd.close(fd);
            } catch (RuntimeException ignored) {
                // the failure that brought us here is what the test reports
            }
        }
        open.clear();
    }

    /**
     * Every socket the steps opened is gone from the kernel once its descriptors are closed and its requests are
     * done (waiting at most {@link Requests#GUARD} for the kernel to finish releasing them).
     */
    void requireReleased() {
        long deadline = System.nanoTime() + Requests.GUARD.toNanos();
        while (true) {
            Set<Long> live = ProcessResources.liveSocketInodes();
            List<Long> leaked = inodes.stream().filter(live::contains).toList();
            if (leaked.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw requests.failure("sockets still held in the kernel after their descriptors were closed and"
                        + " their requests completed: inodes " + leaked);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
