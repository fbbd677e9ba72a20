package io.liouring.stress;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import io.liouring.stress.Tally.Count;
import io.liouring.testing.ProcessResources;
import io.liouring.testing.SocketNative;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The socket close race, shared by {@link SocketCloseRaceTest} (seconds) and {@link SocketCloseRaceSoak} (minutes).
 *
 * <p>{@code slots} threads each run connection "lives" back to back until {@code lives} have run. A life is a
 * connected pair — TCP over loopback (each slot has its own listener, so its accept gets its own connection) or an
 * AF_UNIX socketpair taken over with {@link Connection#of} — with one end on each of two event loops. Each end has a
 * writer thread sending its own {@link TaggedStream} (with {@code writeFully}, or single {@code writeAsync}s) and a
 * reader thread receiving the peer's (with blocking {@code read}s or {@code readAsync} futures) and checking every
 * byte against the stream it must belong to. A closer thread closes an end at a random moment (blocking, async, on
 * the loop thread, or both ends from two threads); sometimes a canceller thread cancels the ends' current read and
 * write futures meanwhile. A reader that meets the end of its stream, or an error, closes its own end, so every life
 * ends. Since only a few slots run at once and the kernel hands out the lowest free number, every new socket gets a
 * descriptor number that a socket of an earlier life had just given back.
 *
 * <p>What must hold, each a failure if not: every byte a reader receives is the next byte of the stream of the
 * connection it arrived on (a byte of another connection names it); a reader that met a clean end of stream got every
 * byte whose send was acknowledged; {@code writeFully}/{@code read} and the futures end normally or with a
 * documented outcome ({@link Outcomes}); a cancelled request's {@code released()} completion accounts for the bytes it
 * moved anyway (the stream stays gapless); every future completes and is released; every life ends within the
 * guard; every socket is closed (its descriptor given back) when its close future says so.
 */
final class SocketRace {
    /**
     * @param lives      connection pairs to run, in all
     * @param slots      lives running at once
     * @param maxChunk   the largest {@code writeFully}
     * @param unixShare  percentage of lives over an AF_UNIX socketpair (the rest are TCP)
     * @param seed       for every random choice (threads interleave differently each run all the same)
     * @param guard      how long a life may take before it counts as hung
     */
    record Settings(int lives, int slots, int maxChunk, int unixShare, long seed, Duration guard) {
    }

    private static final int READ_MAX = 64 * 1024;

    private final Settings settings;
    private final EventLoop clientLoop;
    private final EventLoop serverLoop;
    private final Tally tally = new Tally();
    private final AtomicLong nextLife = new AtomicLong();
    /** Descriptor numbers given back by an earlier life. */
    private final Set<Integer> givenBack = ConcurrentHashMap.newKeySet();
    /** The inodes of every socket the run opened: all must be gone from the kernel at the end. */
    private final Set<Long> inodes = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    SocketRace(Settings settings, EventLoop clientLoop, EventLoop serverLoop) {
        this.settings = settings;
        this.clientLoop = clientLoop;
        this.serverLoop = serverLoop;
    }

    Tally tally() {
        return tally;
    }

    /** The inodes of every socket opened, to check they are gone from {@code /proc/net} after the run. */
    Set<Long> inodes() {
        return inodes;
    }

    /** Runs every life; the failures are in {@link #tally()}. */
    void run() throws InterruptedException {
        List<Thread> slots = new ArrayList<>();
        for (int i = 0; i < settings.slots(); i++) {
            long slotSeed = settings.seed() * 31 + i;
            slots.add(Thread.ofVirtual().name("slot-" + i).start(() -> slot(slotSeed)));
        }
        for (Thread slot : slots) {
            slot.join();
        }
    }

    // ---------------------------------------------------------------- a slot: lives one after another

    private void slot(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // Not closed after a hang: the kernel may still hold requests that name this memory.
        Arena arena = Arena.ofShared();
        try (Listener listener = Listener.bind(serverLoop, SockAddrIn.loopback(0))) {
            SockAddrIn address = SockAddrIn.loopback(((SockAddrIn) listener.localAddress()).port());
            Buffers[] buffers = {new Buffers(arena, settings.maxChunk()), new Buffers(arena, settings.maxChunk())};
            long life;
            while (!aborted && (life = nextLife.getAndIncrement()) < settings.lives()) {
                boolean unix = random.nextInt(100) < settings.unixShare();
                life(life, unix, listener, address, buffers, random.split());
            }
        } catch (Throwable t) {
            tally.fail("slot failed: " + Outcomes.describe(t));
            aborted = true;
        }
        if (!aborted) {
            arena.close();
        }
    }

    /** The memory of one end, reused by the slot's lives (only once the previous life's requests are released). */
    private static final class Buffers {
        final MemorySegment write;
        final MemorySegment read;
        final MemorySegment scratch;

        Buffers(Arena arena, int maxChunk) {
            write = arena.allocate(maxChunk + 16L, 8);
            read = arena.allocate(READ_MAX, 8);
            scratch = arena.allocate(READ_MAX + 16L, 8);
        }
    }

    // ---------------------------------------------------------------- a life

    /** One end of a life's pair, with what its threads saw. */
    private final class End implements RacingClose.Closable {
        final String name;
        final Connection connection;
        final int fd;
        final long outId;
        final long inId;
        final Buffers buffers;
        /** Whether this end's writer sends (else it returns at once). */
        final boolean sends;
        final List<IoFuture<?>> futures = new CopyOnWriteArrayList<>();
        volatile IoFuture<Integer> currentRead;
        volatile IoFuture<Integer> currentWrite;
        /** Bytes whose send was acknowledged (a {@code writeFully} returned, or a send's result or released() said so). */
        volatile long acknowledged;
        /** Acknowledged plus the bytes of the send that ended the writer: at most this much can have gone out. */
        volatile long attempted;
        volatile long received;
        volatile boolean endOfStream;
        Thread writer;
        Thread reader;

        @Override
        public void close() throws IOException {
            connection.close();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> closeAsync() {
            return connection.closeAsync();
        }

        @Override
        public io.liouring.async.EventLoop loop() {
            return connection.loop();
        }

        @Override
        public String name() {
            return name;
        }

        End(String name, Connection connection, long outId, long inId, Buffers buffers, boolean sends)
                throws IOException {
            this.name = name;
            this.sends = sends;
            this.connection = connection;
            this.fd = connection.fd();
            this.outId = outId;
            this.inId = inId;
            this.buffers = buffers;
        }

        <T extends IoFuture<?>> T track(T future) {
            futures.add(future);
            return future;
        }
    }

    private void life(long life, boolean unix, Listener listener, SockAddrIn address, Buffers[] buffers,
                      SplittableRandom random) throws Exception {
        tally.add(Count.LIVES);
        tally.add(unix ? Count.UNIX_LIVES : Count.TCP_LIVES);
        Connection first;
        Connection second;
        if (unix) {
            int[] fds = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
            first = Connection.of(clientLoop, fds[0]);
            second = Connection.of(serverLoop, fds[1]);
        } else {
            IoFuture<Connection> accepted = listener.acceptAsync();
            first = Connection.connect(clientLoop, address, settings.guard());
            second = accepted.get(settings.guard().toSeconds(), TimeUnit.SECONDS);
        }
        long idA = 2 * life + 1;
        long idB = 2 * life + 2;
        // A third of the TCP lives send one way only (A to B), so that their end of stream can be checked for lost
        // bytes: where both ends send, a close with unread bytes makes TCP reset the connection, which drops what
        // the closed end had queued, and the reset may be reported to the peer's writer, leaving its reader a plain
        // end of stream. (AF_UNIX queues a send in the receiver at once, so nothing acknowledged is ever dropped.)
        boolean oneWay = !unix && random.nextInt(3) == 0;
        String kind = unix ? "unix" : oneWay ? "tcp, one way" : "tcp";
        End a = new End("life " + life + " (" + kind + ") end A", first, idA, idB, buffers[0], true);
        End b = new End("life " + life + " (" + kind + ") end B", second, idB, idA, buffers[1], !oneWay);
        for (End e : List.of(a, b)) {
            if (givenBack.contains(e.fd)) {
                tally.add(Count.FDS_REUSED);
            }
            inodes.add(ProcessResources.socketInode(e.fd));
        }
        for (End e : List.of(a, b)) {
            long seed = random.nextLong();
            e.writer = Thread.ofVirtual().name(e.name + " writer").start(() -> write(e, new SplittableRandom(seed)));
            long seed2 = random.nextLong();
            e.reader = Thread.ofVirtual().name(e.name + " reader").start(() -> read(e, new SplittableRandom(seed2)));
        }
        Thread canceller = null;
        AtomicBoolean lifeOver = new AtomicBoolean();
        if (random.nextBoolean()) {
            long seed = random.nextLong();
            canceller = Thread.ofVirtual().name("life " + life + " canceller").start(
                    () -> cancel(List.of(a, b), new SplittableRandom(seed), lifeOver));
        }
        close(random, random.nextBoolean() ? a : b, a, b);

        long deadline = System.nanoTime() + settings.guard().toNanos();
        List<Thread> threads = List.of(a.writer, a.reader, b.writer, b.reader);
        for (Thread t : threads) {
            if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                hung(life, t, threads, a, b);
                return;
            }
        }
        lifeOver.set(true);
        if (canceller != null) {
            canceller.join();
        }
        for (End e : List.of(a, b)) {
            try {
                e.connection.closeAsync().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException x) {
                tally.fail(e.name + ": its descriptor " + e.fd + " was not closed within " + settings.guard()
                        + " after its threads ended");
                aborted = true;
                return;
            }
            for (IoFuture<?> f : e.futures) {
                tally.add(Count.FUTURES);
                if (!f.isDone()) {
                    tally.fail(e.name + ": a future never completed after its socket was closed: " + f);
                }
                try {
                    f.released().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException x) {
                    tally.fail(e.name + ": a request was never released after its socket was closed: " + f);
                }
            }
        }
        for (End[] direction : new End[][]{{a, b}, {b, a}}) {
            End from = direction[0];
            End to = direction[1];
            if (to.received > from.attempted) {
                tally.fail(to.name + " received " + to.received + " bytes of stream " + from.outId + ", more than the "
                        + from.attempted + " its writer ever handed to the kernel");
            }
            boolean complete = unix || oneWay;
            if (complete && to.endOfStream && to.received < from.acknowledged) {
                tally.fail(to.name + " met a clean end of stream after " + to.received + " bytes of stream "
                        + from.outId + ", but " + from.acknowledged + " had been acknowledged as sent: bytes lost");
            }
        }
        givenBack.add(a.fd);
        givenBack.add(b.fd);
    }

    /**
     * Closes an end at a random moment, in one of the ways a user would ({@link RacingClose}); the concurrent close
     * is of the other end, so both ends go at once.
     */
    private void close(SplittableRandom random, End end, End a, End b) throws Exception {
        RacingClose.close(random, tally, end, end == a ? b : a, () -> end.currentRead);
    }

    /** Cancels the ends' current read and write futures now and then, until the life is over. */
    private void cancel(List<End> ends, SplittableRandom random, AtomicBoolean lifeOver) {
        while (!lifeOver.get()) {
            LockSupport.parkNanos(random.nextLong(100_000, 3_000_000));
            End e = ends.get(random.nextInt(ends.size()));
            IoFuture<Integer> f = random.nextBoolean() ? e.currentRead : e.currentWrite;
            if (f != null && f.cancel(false)) {
                tally.add(Count.CANCELS_RACED);
            }
        }
    }

    private int chunk(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> 1 + random.nextInt(64);
            case 4, 5, 6 -> 1 + random.nextInt(4096);
            case 7, 8 -> 1 + random.nextInt(64 * 1024);
            default -> 1 + random.nextInt(settings.maxChunk());
        };
    }

    // ---------------------------------------------------------------- the writer

    private void write(End e, SplittableRandom random) {
        if (!e.sends) {
            return;
        }
        long position = 0;
        try {
            while (true) {
                int length = chunk(random);
                MemorySegment bytes = TaggedStream.fill(e.buffers.write, e.outId, position, length);
                e.attempted = position + length;
                if (random.nextInt(4) != 0) {
                    e.connection.writeFully(bytes);
                    position += length;
                    e.acknowledged = position;
                    tally.add(Count.WRITES_COMPLETED);
                    continue;
                }
                IoFuture<Integer> f = e.track(e.connection.writeAsync(bytes));
                e.currentWrite = f;
                try {
                    int n = f.get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                    if (n < 1 || n > length) {
                        tally.fail(e.name + ": a send of " + length + " bytes reported " + n);
                        return;
                    }
                    position += n;
                    tally.add(Count.WRITES_COMPLETED);
                } catch (CancellationException c) {
                    tally.add(Count.WRITES_CANCELLED);
                    Completion kernel = f.released().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                    if (kernel != null && kernel.result() > 0) {
                        position += kernel.result(); // the cancel came too late: the bytes went, and count
                        tally.add(Count.BYTES_OF_CANCELLED_REQUESTS, kernel.result());
                    }
                } catch (ExecutionException x) {
                    throw x.getCause();
                }
                e.acknowledged = position;
                e.attempted = position;
            }
        } catch (TimeoutException x) {
            tally.fail(e.name + ": a send future did not complete within " + settings.guard());
        } catch (Throwable t) {
            Outcomes.Outcome outcome = Outcomes.of(t, true);
            if (outcome == null) {
                tally.fail(e.name + ": the writer of stream " + e.outId + " failed with " + Outcomes.describe(t));
            } else {
                tally.add(switch (outcome) {
                    case CLOSED -> Count.WRITES_CLOSED;
                    case ASYNC_CLOSE -> Count.WRITES_ASYNC_CLOSE;
                    case PEER_GONE -> Count.WRITES_PEER_GONE;
                    case CANCELLED -> Count.WRITES_CANCELLED;
                });
            }
        }
    }

    // ---------------------------------------------------------------- the reader

    private void read(End e, SplittableRandom random) {
        long position = 0;
        try {
            while (true) {
                MemorySegment into = e.buffers.read.asSlice(0, 1 + random.nextInt(READ_MAX));
                int n;
                if (random.nextInt(4) == 0) {
                    n = e.connection.read(into);
                } else {
                    IoFuture<Integer> f = e.track(e.connection.readAsync(into));
                    e.currentRead = f;
                    try {
                        n = f.get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                    } catch (CancellationException c) {
                        tally.add(Count.READS_CANCELLED);
                        Completion kernel = f.released().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                        if (kernel == null || kernel.result() <= 0) {
                            continue;
                        }
                        // cancelled too late: the kernel received bytes into the buffer all the same
                        n = kernel.result();
                        tally.add(Count.BYTES_OF_CANCELLED_REQUESTS, n);
                    } catch (ExecutionException x) {
                        throw x.getCause();
                    }
                }
                if (n == 0) {
                    e.endOfStream = true;
                    break;
                }
                String wrong = TaggedStream.check(into.asSlice(0, n), e.inId, position, e.buffers.scratch);
                if (wrong != null) {
                    tally.fail(e.name + " (fd " + e.fd + "): received " + n + " bytes at stream position " + position
                            + " that are not its peer's stream: " + wrong);
                    break;
                }
                position += n;
                e.received = position;
                tally.add(Count.BYTES_CHECKED, n);
            }
        } catch (TimeoutException x) {
            tally.fail(e.name + ": a receive future did not complete within " + settings.guard());
        } catch (Throwable t) {
            Outcomes.Outcome outcome = Outcomes.of(t, true);
            if (outcome == null || outcome == Outcomes.Outcome.CANCELLED) {
                tally.fail(e.name + ": the reader of stream " + e.inId + " failed with " + Outcomes.describe(t));
            } else {
                tally.add(switch (outcome) {
                    case CLOSED -> Count.READS_CLOSED;
                    case ASYNC_CLOSE -> Count.READS_ASYNC_CLOSE;
                    default -> Count.READS_PEER_GONE;
                });
            }
        }
        e.received = position;
        try {
            e.connection.close(); // the peer is done, or this end is closed: end the writer too
        } catch (Throwable t) {
            tally.fail(e.name + ": close after the reader ended threw " + Outcomes.describe(t));
        }
    }

    // ---------------------------------------------------------------- a life that hangs

    private void hung(long life, Thread stuck, List<Thread> threads, End a, End b) {
        StringBuilder why = new StringBuilder("life " + life + " hung: " + stuck.getName() + " still running after "
                + settings.guard() + "; " + a.connection + " (acknowledged " + a.acknowledged + ", received "
                + a.received + "), " + b.connection + " (acknowledged " + b.acknowledged + ", received " + b.received
                + "); loops " + clientLoop + ", " + serverLoop);
        for (Thread t : threads) {
            if (t.isAlive()) {
                why.append("\n  ").append(t.getName()).append(':');
                for (StackTraceElement s : t.getStackTrace()) {
                    why.append("\n    at ").append(s);
                }
            }
        }
        tally.fail(why.toString());
        aborted = true;
        a.connection.closeAsync();
        b.connection.closeAsync();
        threads.forEach(Thread::interrupt);
    }
}
