package io.liouring.net;

import io.liouring.AddressFamily;
import io.liouring.Errno;
import io.liouring.SocketOptions;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.struct.SockAddrIn6;
import io.liouring.struct.SockAddrUn;
import io.liouring.testing.IoFailures;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Echo round trips over TCP (IPv4, IPv6), Unix streams and datagrams (UDP, Unix), through the event loop. */
class EchoTest {
    private final EventLoop loop = EventLoop.open();

    @AfterEach
    void close() {
        loop.close();
    }

    private static MemorySegment bytes(Arena arena, byte[] data) {
        MemorySegment segment = arena.allocate(Math.max(1, data.length)).asSlice(0, data.length);
        MemorySegment.copy(data, 0, segment, JAVA_BYTE, 0, data.length);
        return segment;
    }

    /** Runs {@code body} on a new virtual thread; the future fails with what it throws (IOExceptions included). */
    private static <T> CompletableFuture<T> onVirtualThread(Callable<T> body) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                done.complete(body.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    private static SockAddr portOf(Listener listener, SockAddr template) throws IOException {
        SockAddr bound = listener.localAddress();
        return template instanceof SockAddrIn6 ? SockAddrIn6.loopback(((SockAddrIn6) bound).port())
                : template instanceof SockAddrIn ? SockAddrIn.loopback(((SockAddrIn) bound).port()) : bound;
    }

    private void roundTrip(SockAddr bindTo) throws Exception {
        try (Listener listener = Listener.bind(loop, bindTo)) {
            SockAddr address = portOf(listener, bindTo);
            CompletableFuture<Void> server = onVirtualThread(() -> {
                EchoLoad.echo(listener.accept());
                return null;
            });
            byte[] message = "round trip through io_uring".getBytes(StandardCharsets.UTF_8);
            try (Connection client = Connection.connect(loop, address, Duration.ofSeconds(5));
                 Arena arena = Arena.ofConfined()) {
                client.writeFully(bytes(arena, message));
                client.shutdownOutput();
                MemorySegment back = arena.allocate(message.length + 10);
                assertEquals(message.length, client.readFully(back), "the whole message, then end of stream");
                assertArrayEquals(message, back.asSlice(0, message.length).toArray(JAVA_BYTE));
            }
            server.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void tcpOverIpv4() throws Exception {
        roundTrip(SockAddrIn.loopback(0));
    }

    @Test
    void tcpOverIpv6() throws Exception {
        try {
            roundTrip(SockAddrIn6.loopback(0));
        } catch (IOException e) {
            // A blocking call's exception has the loop's as its cause, and that one the UringException.
            if (e.getCause() != null && e.getCause().getCause() instanceof UringException u) {
                Assumptions.assumeTrue(u.errno() != Errno.EADDRNOTAVAIL && u.errno() != Errno.EAFNOSUPPORT,
                        "no IPv6 loopback here: " + e.getMessage());
            }
            throw e;
        }
    }

    @Test
    void unixStream(@TempDir Path dir) throws Exception {
        roundTrip(SockAddrUn.of(dir.resolve("echo.sock")));
    }

    @Test
    void udpOverIpv4() throws Exception {
        datagramRoundTrip(SockAddrIn.loopback(0), AddressFamily.AF_INET);
    }

    @Test
    void unixDatagrams(@TempDir Path dir) throws Exception {
        datagramRoundTrip(SockAddrUn.of(dir.resolve("server.sock")), AddressFamily.AF_UNIX, dir.resolve("client.sock"));
    }

    private void datagramRoundTrip(SockAddr serverAddress, int family) throws Exception {
        datagramRoundTrip(serverAddress, family, null);
    }

    private void datagramRoundTrip(SockAddr serverAddress, int family, Path clientPath) throws Exception {
        try (DatagramSocket server = DatagramSocket.bind(loop, serverAddress);
             DatagramSocket client = clientPath == null ? DatagramSocket.open(loop, family)
                     : DatagramSocket.bind(loop, SockAddrUn.of(clientPath));
             Arena arena = Arena.ofShared()) {
            SockAddr target = family == AddressFamily.AF_INET
                    ? SockAddrIn.loopback(((SockAddrIn) server.localAddress()).port()) : serverAddress;
            CompletableFuture<Void> echo = onVirtualThread(() -> {
                MemorySegment buffer = arena.allocate(1500);
                for (int i = 0; i < 3; i++) {
                    Datagram d = server.receive(buffer);
                    server.send(buffer.asSlice(0, d.length()), d.sender());
                }
                return null;
            });
            MemorySegment back = arena.allocate(1500);
            for (int i = 0; i < 3; i++) {
                byte[] message = ("datagram " + i).getBytes(StandardCharsets.UTF_8);
                assertEquals(message.length, client.send(bytes(arena, message), target));
                Datagram reply = client.receive(back);
                assertEquals(message.length, reply.length());
                assertFalse(reply.truncated());
                assertEquals(target, reply.sender());
                assertArrayEquals(message, back.asSlice(0, reply.length()).toArray(JAVA_BYTE));
            }
            echo.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDatagramLongerThanTheBufferIsReportedTruncated() throws Exception {
        try (DatagramSocket server = DatagramSocket.bind(loop, SockAddrIn.loopback(0));
             DatagramSocket client = DatagramSocket.open(loop, AddressFamily.AF_INET);
             Arena arena = Arena.ofShared()) {
            client.connect(SockAddrIn.loopback(((SockAddrIn) server.localAddress()).port()));
            client.send(bytes(arena, new byte[100]));
            Datagram d = server.receive(arena.allocate(10));
            assertEquals(10, d.length());
            assertTrue(d.truncated());
        }
    }

    @Test
    void aThousandConcurrentConnectionsEachGetTheirOwnBytesBack() throws Exception {
        int connections = 1000;
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            SockAddr address = portOf(listener, SockAddrIn.loopback(0));
            AtomicInteger served = new AtomicInteger();
            var accepting = listener.acceptEach(c -> Thread.ofVirtual().start(() -> {
                try {
                    EchoLoad.echo(c);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // not counted as served
                }
                served.incrementAndGet();
            }));
            AtomicInteger ok = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                byte[] message = ("client " + i + " says hello").repeat(10).getBytes(StandardCharsets.UTF_8);
                clients.add(Thread.ofVirtual().start(() -> {
                    try (Connection c = Connection.connect(loop, address, Duration.ofSeconds(30));
                         Arena arena = Arena.ofConfined()) {
                        c.writeFully(bytes(arena, message));
                        c.shutdownOutput();
                        MemorySegment back = arena.allocate(message.length + 1);
                        if (c.readFully(back) == message.length
                                && java.util.Arrays.equals(message, back.asSlice(0, message.length).toArray(JAVA_BYTE))) {
                            ok.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // not counted as ok
                    }
                }));
            }
            for (Thread t : clients) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertEquals(connections, ok.get(), "every client got exactly its own bytes back");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (served.get() < connections && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(connections, served.get());
            assertTrue(accepting.cancel(false));
            assertEquals(Errno.ECANCELED, accepting.released().get(5, TimeUnit.SECONDS).errno());
        }
    }

    @Test
    void connectFailsByNameWhenNobodyListens() throws Exception {
        int port;
        try (Listener probe = Listener.bind(loop, SockAddrIn.loopback(0))) {
            port = ((SockAddrIn) probe.localAddress()).port();
        }
        ConnectException e = assertThrows(ConnectException.class, () -> Connection.connect(loop, SockAddrIn.loopback(port)));
        assertEquals(Errno.ECONNREFUSED, IoFailures.errnoOfBlocking(e));
        assertTrue(e.getMessage().contains(SockAddrIn.loopback(port).toString()), "names the address: " + e.getMessage());
    }

    @Test
    void connectGivesUpAfterItsTimeout() throws Exception {
        // A listener with backlog 0 that never accepts: once its queue is full the kernel drops further SYNs,
        // so a connect waits until the linked timeout cancels it.
        try (Listener full = Listener.bind(loop, SockAddrIn.loopback(0), 0)) {
            SockAddr address = portOf(full, SockAddrIn.loopback(0));
            List<Connection> queued = new ArrayList<>();
            SocketTimeoutException timedOut = null;
            try {
                for (int i = 0; i < 8 && timedOut == null; i++) {
                    try {
                        queued.add(Connection.connect(loop, address, Duration.ofMillis(300)));
                    } catch (SocketTimeoutException e) {
                        timedOut = e;
                    }
                }
            } finally {
                for (Connection c : queued) {
                    c.close();
                }
            }
            Assumptions.assumeTrue(timedOut != null, "this kernel kept accepting SYNs beyond the backlog");
            assertEquals(Errno.ETIME, IoFailures.errnoOfBlocking(timedOut),
                    "the caller's exception has the loop's as its cause, and that one the errno");
        }
    }

    @Test
    void aZeroCopySendArrivesIntact() throws Exception {
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0));
             Arena arena = Arena.ofShared()) {
            SockAddr address = portOf(listener, SockAddrIn.loopback(0));
            var accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, address); Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                int size = 1 << 20;
                MemorySegment data = arena.allocate(size);
                for (int i = 0; i < size; i++) {
                    data.set(JAVA_BYTE, i, (byte) (i * 7));
                }
                var sent = onVirtualThread(() -> {
                    long total = 0;
                    while (total < size) {
                        total += client.writeZeroCopy(data.asSlice(total));
                    }
                    return total;
                });
                MemorySegment back = arena.allocate(size);
                assertEquals(size, server.readFully(back));
                assertEquals(size, sent.get(10, TimeUnit.SECONDS));
                assertEquals(-1, back.mismatch(data));
            }
        }
    }

    @Test
    void aZeroCopySendOnAUnixSocketIsRefusedWithEopnotsupp(@TempDir Path dir) throws Exception {
        SockAddrUn address = SockAddrUn.of(dir.resolve("zc.sock"));
        try (Listener listener = Listener.bind(loop, address);
             Arena arena = Arena.ofShared()) {
            var accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, address); Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                MemorySegment data = bytes(arena, "zero copy".getBytes(StandardCharsets.UTF_8));
                java.net.SocketException e = assertThrows(java.net.SocketException.class, () -> client.writeZeroCopy(data));
                assertTrue(e.getMessage().contains("EOPNOTSUPP"), e.getMessage());
                client.writeFully(data);
                client.shutdownOutput();
                MemorySegment back = arena.allocate(data.byteSize() + 1);
                assertEquals(data.byteSize(), server.readFully(back), "the refused send sent nothing; writeFully did");
            }
        }
    }

    @Test
    void anInterruptedReadThrowsInterruptedIoExceptionAndTheConnectionStaysOpen() throws Exception {
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0));
             Arena arena = Arena.ofShared()) {
            var accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, portOf(listener, SockAddrIn.loopback(0)));
                 Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                MemorySegment buffer = arena.allocate(16);
                CompletableFuture<Boolean> statusKept = new CompletableFuture<>();
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        client.read(buffer);
                        statusKept.completeExceptionally(new AssertionError("read returned without data"));
                    } catch (java.io.InterruptedIOException e) {
                        statusKept.complete(Thread.currentThread().isInterrupted());
                    } catch (Throwable t) {
                        statusKept.completeExceptionally(t);
                    }
                });
                while (loop.inFlight() == 0) { // the read is in the kernel
                    Thread.onSpinWait();
                }
                reader.interrupt();
                assertTrue(statusKept.get(5, TimeUnit.SECONDS), "the interrupt status is set again");
                assertFalse(client.isClosed(), "the connection stays open");
                server.writeFully(bytes(arena, "after".getBytes(StandardCharsets.UTF_8)));
                assertEquals(5, client.read(buffer), "the cancelled read took nothing; the next one gets the bytes");
            }
        }
    }

    @Test
    void socketOptionsReachTheKernel() throws Exception {
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            assertEquals(1, listener.getOption(SocketOptions.SO_REUSEADDR), "listeners reuse addresses");
            var accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, portOf(listener, SockAddrIn.loopback(0)));
                 Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                client.setNoDelay(true);
                assertEquals(1, SocketNative.intOption(client.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
                client.setNoDelay(false);
                assertEquals(0, SocketNative.intOption(client.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
                server.setReceiveBufferSize(64 * 1024);
                assertEquals(128 * 1024, server.getOption(SocketOptions.SO_RCVBUF), "the kernel doubles what was set");
                client.setKeepAlive(true);
                assertEquals(1, client.getOption(SocketOptions.SO_KEEPALIVE));
                assertEquals(client.localAddress(), server.remoteAddress());
            }
        }
    }

    @Test
    void closingAConnectionCancelsAReadWaitingOnIt() throws Exception {
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            var accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, portOf(listener, SockAddrIn.loopback(0)));
                 Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                var read = server.readAsync(Arena.ofAuto().allocate(16));
                while (loop.inFlight() < 1) {
                    Thread.sleep(2);
                }
                server.close();
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
                assertInstanceOf(AsynchronousCloseException.class, e.getCause(), "a read pending at the close");
                assertEquals(Errno.ECANCELED, read.released().get(5, TimeUnit.SECONDS).errno(),
                        "the kernel cancelled the read");
                ClosedChannelException after = assertThrows(ClosedChannelException.class,
                        () -> server.read(Arena.ofAuto().allocate(1)));
                assertFalse(after instanceof AsynchronousCloseException, "refused, not cancelled: " + after);
            }
        }
    }

    @Test
    void aSlowReaderLeavesDataInTheKernelNotInTheLoop() throws Exception {
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0)); Arena arena = Arena.ofShared()) {
            var accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, portOf(listener, SockAddrIn.loopback(0)));
                 Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                int chunk = 1 << 20;
                int chunks = 64;
                MemorySegment data = arena.allocate(chunk);
                AtomicInteger sentChunks = new AtomicInteger();
                Thread sender = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < chunks; i++) {
                            client.writeFully(data);
                            sentChunks.incrementAndGet();
                        }
                        client.shutdownOutput();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // the reader then sees fewer bytes than sent
                    }
                });
                Thread.sleep(500); // nobody reads: the sender must stall once the socket buffers are full
                int stalledAt = sentChunks.get();
                assertTrue(stalledAt < chunks / 2, "the sender went " + stalledAt + " MiB ahead of a reader that reads nothing");
                assertTrue(loop.inFlight() <= 1, "at most the one stalled send waits in the kernel: " + loop.inFlight());

                MemorySegment sink = arena.allocate(chunk);
                long received = 0;
                for (int n; (n = server.read(sink)) > 0; ) {
                    received += n;
                }
                sender.join(TimeUnit.SECONDS.toMillis(30));
                assertEquals((long) chunk * chunks, received);
            }
        }
    }
}
