package io.liouring.net;

import io.liouring.async.EventLoop;
import io.liouring.struct.SockAddrIn;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Test support: an echo server on one event loop under load from many clients on another. Each client, on its own
 * virtual thread, sends messages of mixed sizes and random content until a deadline and checks every byte that comes
 * back; the server echoes each connection on a virtual thread. Shared by {@link EchoOverloadTest} (seconds, in
 * {@code mvn test}) and {@link EchoSoak} (minutes).
 */
final class EchoLoad implements AutoCloseable {
    static final int MAX_MESSAGE = 64 * 1024;
    private static final int SERVER_BUFFER = 16 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long past the deadline the threads may take to finish before the run counts them as an error. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    /** What a run did: bytes that came back intact, and every error a client or the server met. */
    record Result(int connections, long bytesEchoed, List<Throwable> errors) {
    }

    private final int connections;
    private final long deadline;
    private final EventLoop serverLoop;
    private final EventLoop clientLoop;
    private final Listener listener;
    private final AtomicLong echoed = new AtomicLong();
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> servers = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();
    private final Thread acceptor;

    private EchoLoad(int connections, Duration duration, long seed) throws IOException {
        this.connections = connections;
        this.deadline = System.nanoTime() + duration.toNanos();
        this.serverLoop = EventLoop.open();
        this.clientLoop = EventLoop.open();
        this.listener = Listener.bind(serverLoop, SockAddrIn.loopback(0));
        SockAddrIn server = SockAddrIn.loopback(((SockAddrIn) listener.localAddress()).port());
        this.acceptor = Thread.ofVirtual().name("echo-acceptor").start(this::accept);
        for (int i = 0; i < connections; i++) {
            long clientSeed = seed + i;
            clients.add(Thread.ofVirtual().name("echo-client-" + i).start(() -> client(server, clientSeed)));
        }
    }

    /** Starts {@code connections} clients that send until {@code duration} has passed; client i uses seed {@code seed + i}. */
    static EchoLoad start(int connections, Duration duration, long seed) throws IOException {
        return new EchoLoad(connections, duration, seed);
    }

    /** Whether any client is still sending. */
    boolean isRunning() {
        return clients.stream().anyMatch(Thread::isAlive);
    }

    /** {@link System#nanoTime()} at which the clients stop sending. */
    long deadline() {
        return deadline;
    }

    /** Waits for every client and server thread (a thread still running a minute past the deadline is an error). */
    Result await() throws InterruptedException {
        long limit = deadline + GRACE.toNanos();
        for (Thread client : clients) {
            join(client, limit);
        }
        join(acceptor, limit);
        for (Thread server : servers) {
            join(server, limit);
        }
        return new Result(connections, echoed.get(), List.copyOf(errors));
    }

    private void join(Thread thread, long limit) throws InterruptedException {
        if (!thread.join(Duration.ofNanos(Math.max(0, limit - System.nanoTime())))) {
            errors.add(new AssertionError(thread.getName() + " still running " + GRACE + " after the deadline"));
        }
    }

    /** Closes the listener and both loops. */
    @Override
    public void close() throws IOException {
        try (serverLoop; clientLoop; listener) {
            // closed in reverse order: the listener, then the loops
        }
    }

    private void accept() {
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = listener.accept();
                servers.add(Thread.ofVirtual().name("echo-server-" + i).start(() -> serve(connection)));
            }
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    private void serve(Connection connection) {
        try {
            echo(connection);
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    /** Echoes everything a connection sends until it shuts down its side, then closes it. */
    static void echo(Connection connection) throws IOException {
        try (connection; Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SERVER_BUFFER);
            for (int n; (n = connection.read(buffer)) > 0; ) {
                connection.writeFully(buffer.asSlice(0, n));
            }
        }
    }

    /** Sends random messages until the deadline, checking each echo byte for byte. */
    private void client(SockAddrIn server, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection c = Connection.connect(clientLoop, server, CONNECT_TIMEOUT); Arena arena = Arena.ofConfined()) {
            MemorySegment sent = arena.allocate(MAX_MESSAGE + Long.BYTES);
            MemorySegment back = arena.allocate(MAX_MESSAGE);
            while (System.nanoTime() < deadline) {
                int size = messageSize(random);
                for (int i = 0; i < size; i += Long.BYTES) {
                    sent.set(JAVA_LONG_UNALIGNED, i, random.nextLong());
                }
                c.writeFully(sent.asSlice(0, size));
                long received = c.readFully(back.asSlice(0, size));
                if (received != size || MemorySegment.mismatch(sent, 0, size, back, 0, size) != -1) {
                    throw new AssertionError("echo of a " + size + "-byte message differs (" + received + " bytes back)");
                }
                echoed.addAndGet(size);
            }
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    /** Mixed sizes: half the messages up to 64 bytes, a third up to 4 KiB, the rest up to {@link #MAX_MESSAGE}. */
    private static int messageSize(SplittableRandom random) {
        int kind = random.nextInt(6);
        int max = kind < 3 ? 64 : kind < 5 ? 4096 : MAX_MESSAGE;
        return 1 + random.nextInt(max);
    }
}
