package io.liouring.net;

import io.liouring.async.EventLoop;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.ProcessResources;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An echo server under sustained load from many connections for a bounded time: no errors, no byte lost or
 * changed, descriptors back where they were, resident memory bounded. (The short version; the benchmark P4 and
 * {@code lio echo-server} run it for longer.)
 */
class EchoOverloadTest {
    private static final int CONNECTIONS = 64;
    private static final Duration LOAD = Duration.ofSeconds(3);

    private static void echo(Connection connection) {
        try (connection; Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(16 * 1024);
            for (int n; (n = connection.read(buffer)) > 0; ) {
                connection.writeFully(buffer.asSlice(0, n));
            }
        }
    }

    private static long residentKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS in /proc/self/status");
    }

    /** Sends random-sized random chunks until the deadline, checking each echo byte for byte; returns bytes echoed. */
    private static long client(EventLoop loop, SockAddrIn server, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long echoed = 0;
        try (Connection c = Connection.connect(loop, server, Duration.ofSeconds(5)); Arena arena = Arena.ofConfined()) {
            MemorySegment sent = arena.allocate(32 * 1024);
            MemorySegment back = arena.allocate(32 * 1024);
            while (System.nanoTime() < deadline) {
                int size = 1 + random.nextInt((int) sent.byteSize());
                for (int i = 0; i < size; i++) {
                    sent.set(JAVA_BYTE, i, (byte) random.nextInt());
                }
                c.writeFully(sent.asSlice(0, size));
                assertEquals(size, c.readFully(back.asSlice(0, size)));
                assertEquals(-1, MemorySegment.mismatch(sent, 0, size, back, 0, size), "echo differs");
                echoed += size;
            }
        }
        return echoed;
    }

    @Test
    void sixtyFourConnectionsUnderSustainedLoadLoseNothingAndLeakNothing() throws Exception {
        long fdsBefore = ProcessResources.openFds();
        long rssBefore = residentKiB();
        AtomicLong echoed = new AtomicLong();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        try (EventLoop serverLoop = EventLoop.open(); EventLoop clientLoop = EventLoop.open();
             Listener listener = Listener.bind(serverLoop, SockAddrIn.loopback(0))) {
            SockAddrIn server = SockAddrIn.loopback(((SockAddrIn) listener.localAddress()).port());
            Thread acceptor = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Connection connection = listener.accept();
                    Thread.ofVirtual().start(() -> echo(connection));
                }
            });
            long deadline = System.nanoTime() + LOAD.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                long seed = i;
                clients.add(Thread.ofVirtual().start(() -> {
                    try {
                        echoed.addAndGet(client(clientLoop, server, seed, deadline));
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (Thread t : clients) {
                t.join(Duration.ofSeconds(30));
            }
            acceptor.join(Duration.ofSeconds(5));
        }
        assertTrue(errors.isEmpty(), "client errors: " + errors);
        assertTrue(echoed.get() > 0, "bytes echoed");
        assertEquals(fdsBefore, ProcessResources.openFds(), "descriptors after closing everything");
        long grownKiB = residentKiB() - rssBefore;
        assertTrue(grownKiB < 256 * 1024, "resident memory grew by " + grownKiB + " KiB");
    }
}
