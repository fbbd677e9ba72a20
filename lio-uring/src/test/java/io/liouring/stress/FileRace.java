package io.liouring.stress;

import io.liouring.Completion;
import io.liouring.OpenFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.file.AsyncFile;
import io.liouring.file.TransferFuture;
import io.liouring.stress.Tally.Count;
import io.liouring.testing.PipeNative;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The file close race, shared by {@link FileCloseRaceTest} (seconds) and {@link FileCloseRaceSoak} (minutes).
 *
 * <p>{@code slots} threads each run "lives" back to back. Most lives are a regular file of its own, opened with
 * {@link AsyncFile#open} on one of two loops: a writer thread writes the file's {@link TaggedStream} at its own
 * positions (byte {@code p} of the file is byte {@code p} of its stream), block after block, with {@code writeFully},
 * {@code writeFullyAsync} ({@link TransferFuture}) or single {@code writeAsync}s, wrapping round to the start past
 * a bound (rewriting the same bytes); a reader thread reads back blocks already acknowledged (with
 * {@code readFully}, {@code readFullyAsync} or {@code readAsync}) and checks them; a closer thread closes the file at
 * a random moment (blocking, async, on the loop thread, from two threads at once, or with a cancel), and sometimes a
 * canceller thread cancels the current request or transfer of either. The rest of the lives are a pipe whose two
 * ends are taken over with {@link AsyncFile#of}: a writer sends the stream through it in {@code writeFullyAsync}
 * transfers bigger than the pipe (so each takes several requests, and a close or a cancel lands mid-way), a reader
 * takes it out with {@code readFullyAsync}, and the closer closes either end.
 *
 * <p>What must hold, each a failure if not: afterwards every byte of a file is its own stream's or zero — never
 * another file's — and every block acknowledged as written is there exactly; every block read back while racing is
 * the file's own; the bytes through a pipe are the stream in order, and a transfer cut short leaves its buffer
 * holding a prefix of it; every call ends normally or with a documented outcome ({@link Outcomes}); every future and
 * transfer completes and is {@code released()}; every life ends within the guard; the descriptor is closed when the
 * close future says so.
 */
final class FileRace {
    /**
     * @param lives      files and pipes to run, in all
     * @param slots      lives running at once
     * @param maxBlock   the largest write or read
     * @param fileBound  where a writer wraps round to the start of its file
     * @param pipeShare  percentage of lives that are pipes
     * @param seed       for every random choice
     * @param guard      how long a life may take before it counts as hung
     */
    record Settings(int lives, int slots, int maxBlock, int fileBound, int pipeShare, long seed, Duration guard) {
    }

    private final Settings settings;
    private final EventLoop[] loops;
    private final Path directory;
    private final Tally tally = new Tally();
    private final AtomicLong nextLife = new AtomicLong();
    private final Set<Integer> givenBack = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    FileRace(Settings settings, Path directory, EventLoop... loops) {
        this.settings = settings;
        this.directory = directory;
        this.loops = loops;
    }

    Tally tally() {
        return tally;
    }

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

    // ---------------------------------------------------------------- a slot

    /** The memory of a slot, reused by its lives (only once the previous life's requests are all released). */
    private static final class Buffers {
        final MemorySegment write;
        final MemorySegment writeScratch;
        final MemorySegment read;
        final MemorySegment readScratch;

        Buffers(Arena arena, int maxBlock) {
            write = arena.allocate(maxBlock + 16L, 8);
            writeScratch = arena.allocate(maxBlock + 16L, 8);
            read = arena.allocate(maxBlock, 8);
            readScratch = arena.allocate(maxBlock + 16L, 8);
        }
    }

    private void slot(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Arena arena = Arena.ofShared(); // not closed after a hang: the kernel may still hold requests naming it
        try {
            Buffers buffers = new Buffers(arena, settings.maxBlock());
            long life;
            while (!aborted && (life = nextLife.getAndIncrement()) < settings.lives()) {
                EventLoop loop = loops[random.nextInt(loops.length)];
                if (random.nextInt(100) < settings.pipeShare()) {
                    pipeLife(life, loop, buffers, random.split());
                } else {
                    fileLife(life, loop, buffers, random.split());
                }
            }
        } catch (Throwable t) {
            tally.fail("slot failed: " + Outcomes.describe(t));
            aborted = true;
        }
        if (!aborted) {
            arena.close();
        }
    }

    // ---------------------------------------------------------------- what a life shares

    /** A future of a life and how to know the kernel is done with it. */
    private record Tracked(Future<?> future, Supplier<CompletableFuture<?>> released) {
    }

    /** A handle of a life, with the futures its threads made and the one each is waiting for. */
    private final class Side implements RacingClose.Closable {
        final String name;
        final AsyncFile file;
        final int fd;
        final List<Tracked> futures = new CopyOnWriteArrayList<>();
        volatile Future<?> currentWrite;
        volatile Future<?> currentRead;

        @Override
        public void close() throws IOException {
            file.close();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> closeAsync() {
            return file.closeAsync();
        }

        @Override
        public io.liouring.async.EventLoop loop() {
            return file.loop();
        }

        @Override
        public String name() {
            return name;
        }

        Side(String name, AsyncFile file) throws IOException {
            this.name = name;
            this.file = file;
            this.fd = file.fd();
            if (givenBack.contains(fd)) {
                tally.add(Count.FDS_REUSED);
            }
        }

        IoFuture<Integer> track(IoFuture<Integer> f) {
            futures.add(new Tracked(f, () -> f.released()));
            return f;
        }

        TransferFuture track(TransferFuture f) {
            futures.add(new Tracked(f, f::released));
            return f;
        }

        @Override
        public String toString() {
            return name + ": " + file;
        }
    }

    /** Waits for {@code f}; a cancellation is thrown as {@link CancellationException}, a failure as its cause. */
    private <T> T await(Future<T> f) throws Throwable {
        try {
            return f.get(settings.guard().toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private void released(Supplier<CompletableFuture<?>> released, String name) throws Exception {
        try {
            released.get().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            tally.fail(name + ": a request or transfer was never released (" + settings.guard() + ")");
            aborted = true;
        }
    }

    /** Records the outcome of a raced call that ended a thread, or a failure if it is not a documented one. */
    private void ended(Side side, String who, Throwable t, Outcomes.Kind kind, boolean writer) {
        if (t instanceof TimeoutException) {
            tally.fail(side.name + ": the " + who + "'s future did not complete within " + settings.guard());
            return;
        }
        Outcomes.Outcome outcome = Outcomes.of(t, kind);
        if (outcome == null) {
            tally.fail(side.name + ": the " + who + " failed with " + Outcomes.describe(t));
            return;
        }
        tally.add(switch (outcome) {
            case CLOSED -> writer ? Count.WRITES_CLOSED : Count.READS_CLOSED;
            case ASYNC_CLOSE -> writer ? Count.WRITES_ASYNC_CLOSE : Count.READS_ASYNC_CLOSE;
            case PEER_GONE -> writer ? Count.WRITES_PEER_GONE : Count.READS_PEER_GONE;
            case CANCELLED -> writer ? Count.WRITES_CANCELLED : Count.READS_CANCELLED;
        });
    }

    /** Closes {@code side} at a random moment, in one of the ways a user would ({@link RacingClose}). */
    private void close(SplittableRandom random, Side side) throws Exception {
        RacingClose.close(random, tally, side, side, () -> side.currentRead);
    }

    private void closeQuietly(Side side, String what) {
        RacingClose.closeQuietly(tally, side, what);
    }

    private void canceller(List<Side> sides, SplittableRandom random, AtomicBoolean over) {
        while (!over.get()) {
            LockSupport.parkNanos(random.nextLong(100_000, 3_000_000));
            Side s = sides.get(random.nextInt(sides.size()));
            Future<?> f = random.nextBoolean() ? s.currentRead : s.currentWrite;
            if (f != null && f.cancel(false)) {
                tally.add(Count.CANCELS_RACED);
            }
        }
    }

    private int block(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> 1 + random.nextInt(512);
            case 3, 4, 5 -> 1 + random.nextInt(64 * 1024);
            default -> 1 + random.nextInt(settings.maxBlock());
        };
    }

    /**
     * Waits for the life's threads, its close and every future it made; a thread or future past the guard is a
     * hang, which ends the run (what it holds is left alone).
     *
     * @return whether the life ended cleanly enough to check what it left
     */
    private boolean finish(long life, List<Thread> threads, List<Side> sides, Thread canceller, AtomicBoolean over)
            throws Exception {
        long deadline = System.nanoTime() + settings.guard().toNanos();
        for (Thread t : threads) {
            if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                StringBuilder why = new StringBuilder("life " + life + " hung: " + t.getName() + " still running after "
                        + settings.guard() + "; " + sides + "; loops " + List.of(loops));
                for (Thread s : threads) {
                    if (s.isAlive()) {
                        why.append("\n  ").append(s.getName()).append(':');
                        for (StackTraceElement e : s.getStackTrace()) {
                            why.append("\n    at ").append(e);
                        }
                    }
                }
                tally.fail(why.toString());
                aborted = true;
                sides.forEach(s -> s.file.closeAsync());
                threads.forEach(Thread::interrupt);
                return false;
            }
        }
        over.set(true);
        if (canceller != null) {
            canceller.join();
        }
        for (Side s : sides) {
            try {
                s.file.closeAsync().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                tally.fail(s.name + ": descriptor " + s.fd + " not closed within " + settings.guard()
                        + " after the life's threads ended");
                aborted = true;
                return false;
            }
            for (Tracked t : s.futures) {
                tally.add(Count.FUTURES);
                if (!t.future().isDone()) {
                    tally.fail(s.name + ": a future never completed after the file was closed: " + t.future());
                }
                released(t.released(), s.name);
            }
            givenBack.add(s.fd);
        }
        return !aborted;
    }

    // ---------------------------------------------------------------- a regular file

    /** The blocks acknowledged as written: each {@code {start, end}}. */
    private static final class Written {
        private final List<long[]> blocks = new ArrayList<>();

        synchronized void add(long start, long end) {
            if (end > start) {
                blocks.add(new long[]{start, end});
            }
        }

        synchronized long[] pick(SplittableRandom random) {
            return blocks.isEmpty() ? null : blocks.get(random.nextInt(blocks.size()));
        }

        synchronized List<long[]> all() {
            return List.copyOf(blocks);
        }
    }

    private void fileLife(long life, EventLoop loop, Buffers buffers, SplittableRandom random) throws Exception {
        tally.add(Count.LIVES);
        tally.add(Count.FILE_LIVES);
        long id = life + 1;
        Path path = directory.resolve("file-" + life);
        AsyncFile file = AsyncFile.open(loop, path, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
        Side side = new Side("life " + life + " (file " + path.getFileName() + ")", file);
        Written written = new Written();
        long writerSeed = random.nextLong();
        long readerSeed = random.nextLong();
        Thread writer = Thread.ofVirtual().name(side.name + " writer").start(
                () -> writeFile(side, id, written, buffers, new SplittableRandom(writerSeed)));
        Thread reader = Thread.ofVirtual().name(side.name + " reader").start(
                () -> readFile(side, id, written, buffers, new SplittableRandom(readerSeed)));
        AtomicBoolean over = new AtomicBoolean();
        Thread canceller = null;
        if (random.nextBoolean()) {
            long seed = random.nextLong();
            canceller = Thread.ofVirtual().start(() -> canceller(List.of(side), new SplittableRandom(seed), over));
        }
        close(random, side);
        if (finish(life, List.of(writer, reader), List.of(side), canceller, over)) {
            checkFile(side, path, id, written, buffers);
        }
        Files.deleteIfExists(path);
    }

    private void writeFile(Side side, long id, Written written, Buffers buffers, SplittableRandom random) {
        long position = 0;
        try {
            while (true) {
                if (position > settings.fileBound()) {
                    position = 0; // rewrite from the start: the same bytes again
                }
                int length = block(random);
                MemorySegment bytes = TaggedStream.fill(buffers.write, id, position, length);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        side.file.writeFully(bytes, position);
                        written.add(position, position + length);
                        tally.add(Count.WRITES_COMPLETED);
                    }
                    case 1 -> {
                        TransferFuture t = side.track(side.file.writeFullyAsync(bytes, position));
                        side.currentWrite = t;
                        try {
                            long n = await(t);
                            if (n != length) {
                                tally.fail(side.name + ": writeFullyAsync of " + length + " bytes completed with " + n);
                                return;
                            }
                            written.add(position, position + length);
                            tally.add(Count.WRITES_COMPLETED);
                        } catch (CancellationException c) {
                            tally.add(Count.WRITES_CANCELLED);
                            released(t::released, side.name);
                        }
                    }
                    default -> {
                        IoFuture<Integer> f = side.track(side.file.writeAsync(bytes, position));
                        side.currentWrite = f;
                        int n;
                        try {
                            n = await(f);
                            tally.add(Count.WRITES_COMPLETED);
                        } catch (CancellationException c) {
                            tally.add(Count.WRITES_CANCELLED);
                            Completion kernel = f.released().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                            n = kernel == null ? 0 : Math.max(0, kernel.result());
                            tally.add(Count.BYTES_OF_CANCELLED_REQUESTS, n);
                        }
                        if (n > length) {
                            tally.fail(side.name + ": a write of " + length + " bytes reported " + n);
                            return;
                        }
                        written.add(position, position + n); // what the kernel says it wrote must be there
                    }
                }
                position += length;
            }
        } catch (Throwable t) {
            ended(side, "writer", t, Outcomes.Kind.FILE, true);
        }
    }

    private void readFile(Side side, long id, Written written, Buffers buffers, SplittableRandom random) {
        try {
            while (true) {
                long[] block = written.pick(random);
                long start;
                int length;
                if (block == null) {
                    start = 0;
                    length = 1 + random.nextInt(4096); // nothing acknowledged yet: whatever is there
                } else {
                    long size = block[1] - block[0];
                    start = block[0] + random.nextLong(size);
                    length = (int) Math.min(block[1] - start, 1 + random.nextInt(settings.maxBlock()));
                }
                boolean exact = block != null;
                boolean cut = false; // a cancelled request: fewer bytes than asked are fine
                MemorySegment into = buffers.read.asSlice(0, length);
                into.fill((byte) 0);
                long n;
                switch (random.nextInt(3)) {
                    case 0 -> n = side.file.readFully(into, start);
                    case 1 -> {
                        TransferFuture t = side.track(side.file.readFullyAsync(into, start));
                        side.currentRead = t;
                        try {
                            n = await(t);
                        } catch (CancellationException c) {
                            tally.add(Count.READS_CANCELLED);
                            released(t::released, side.name);
                            n = length;
                            exact = false; // cut short: what arrived is the file's, the rest still zero
                        }
                    }
                    default -> {
                        IoFuture<Integer> f = side.track(side.file.readAsync(into, start));
                        side.currentRead = f;
                        try {
                            n = await(f);
                        } catch (CancellationException c) {
                            tally.add(Count.READS_CANCELLED);
                            Completion kernel = f.released().get(settings.guard().toSeconds(), TimeUnit.SECONDS);
                            n = kernel == null ? 0 : Math.max(0, kernel.result());
                            tally.add(Count.BYTES_OF_CANCELLED_REQUESTS, n);
                            cut = true; // the n bytes the kernel says it read must be the file's all the same
                        }
                    }
                }
                if (exact && !cut && n != length) {
                    tally.fail(side.name + ": a read of " + length + " acknowledged bytes at " + start + " got " + n);
                    return;
                }
                MemorySegment got = into.asSlice(0, n);
                String wrong = exact ? TaggedStream.check(got, id, start, buffers.readScratch)
                        : TaggedStream.checkOrZero(got, id, start, buffers.readScratch);
                if (wrong != null) {
                    tally.fail(side.name + " (fd " + side.fd + "): read back at " + start + ": " + wrong);
                    return;
                }
                tally.add(Count.BYTES_CHECKED, n);
            }
        } catch (Throwable t) {
            ended(side, "reader", t, Outcomes.Kind.FILE, false);
        }
    }

    /** The file as the kernel has it now (read with the JDK, not the ring): its own bytes or zeros, and every acknowledged block. */
    private void checkFile(Side side, Path path, long id, Written written, Buffers buffers) throws IOException {
        int chunk = (int) buffers.read.byteSize();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long at = 0; at < size; at += chunk) {
                MemorySegment into = buffers.read.asSlice(0, Math.min(chunk, size - at));
                var buffer = into.asByteBuffer();
                while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
                    // read the chunk whole
                }
                String wrong = TaggedStream.checkOrZero(into, id, at, buffers.readScratch);
                if (wrong != null) {
                    tally.fail(side.name + " (fd " + side.fd + "): the file on disk: " + wrong);
                    return;
                }
                tally.add(Count.BYTES_CHECKED, into.byteSize());
            }
            for (long[] block : written.all()) {
                if (block[1] > size) {
                    tally.fail(side.name + ": bytes " + block[0] + "-" + block[1] + " were acknowledged as written,"
                            + " but the file has only " + size);
                    return;
                }
                for (long at = block[0]; at < block[1]; at += chunk) {
                    MemorySegment into = buffers.read.asSlice(0, Math.min(chunk, block[1] - at));
                    var buffer = into.asByteBuffer();
                    while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
                        // read the chunk whole
                    }
                    String wrong = TaggedStream.check(into, id, at, buffers.readScratch);
                    if (wrong != null) {
                        tally.fail(side.name + ": acknowledged bytes " + block[0] + "-" + block[1] + " are not all"
                                + " there: " + wrong);
                        return;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- a pipe

    private void pipeLife(long life, EventLoop loop, Buffers buffers, SplittableRandom random) throws Exception {
        tally.add(Count.LIVES);
        tally.add(Count.PIPE_LIVES);
        long id = life + 1;
        PipeNative.Ends ends = PipeNative.pipe();
        Side out = new Side("life " + life + " (pipe, write end)", AsyncFile.of(loop, ends.writeFd()));
        Side in = new Side("life " + life + " (pipe, read end)", AsyncFile.of(loops[random.nextInt(loops.length)],
                ends.readFd()));
        PipeState state = new PipeState();
        long writerSeed = random.nextLong();
        long readerSeed = random.nextLong();
        Thread writer = Thread.ofVirtual().name(out.name + " writer").start(
                () -> writePipe(out, id, buffers, new SplittableRandom(writerSeed), state));
        Thread reader = Thread.ofVirtual().name(in.name + " reader").start(
                () -> readPipe(in, id, buffers, new SplittableRandom(readerSeed), state));
        AtomicBoolean over = new AtomicBoolean();
        Thread canceller = null;
        if (random.nextBoolean()) {
            long seed = random.nextLong();
            canceller = Thread.ofVirtual().start(() -> canceller(List.of(out, in), new SplittableRandom(seed), over));
        }
        close(random, random.nextBoolean() ? out : in);
        if (finish(life, List.of(writer, reader), List.of(out, in), canceller, over)) {
            if (state.received > state.attempted) {
                tally.fail(in.name + ": received " + state.received + " bytes, more than the " + state.attempted
                        + " ever written");
            }
            if (state.endOfStream && state.received < state.acknowledged) {
                tally.fail(in.name + ": end of file after " + state.received + " bytes, but " + state.acknowledged
                        + " were acknowledged as written: bytes lost");
            }
        }
    }

    /** What the two ends of a pipe did. */
    private static final class PipeState {
        /** Bytes whose write was acknowledged. */
        volatile long acknowledged;
        /** Acknowledged plus the write that ended the writer: at most this much went into the pipe. */
        volatile long attempted;
        volatile long received;
        volatile boolean endOfStream;
    }

    /** Writes the stream into the pipe in transfers bigger than it holds; closes its end when it stops. */
    private void writePipe(Side side, long id, Buffers buffers, SplittableRandom random, PipeState state) {
        long position = 0;
        try {
            while (true) {
                int length = block(random);
                MemorySegment bytes = TaggedStream.fill(buffers.write, id, position, length);
                state.attempted = position + length;
                if (random.nextInt(4) == 0) {
                    side.file.writeFully(bytes, 0);
                } else {
                    TransferFuture t = side.track(side.file.writeFullyAsync(bytes, 0));
                    side.currentWrite = t;
                    try {
                        long n = await(t);
                        if (n != length) {
                            tally.fail(side.name + ": writeFullyAsync of " + length + " bytes completed with " + n);
                            break;
                        }
                    } catch (CancellationException c) {
                        // cut short: how much went is unknown, so the stream cannot go on
                        tally.add(Count.WRITES_CANCELLED);
                        tally.add(Count.TRANSFERS_CUT);
                        released(t::released, side.name);
                        break;
                    }
                }
                tally.add(Count.WRITES_COMPLETED);
                position += length;
                state.acknowledged = position;
            }
        } catch (Throwable t) {
            if (Outcomes.of(t, Outcomes.Kind.PIPE) == Outcomes.Outcome.ASYNC_CLOSE) {
                tally.add(Count.TRANSFERS_CUT);
            }
            ended(side, "writer", t, Outcomes.Kind.PIPE, true);
        }
        closeQuietly(side, "the writer's close of its end");
    }

    /** Reads the stream out of the pipe with full-length reads; closes its end when it stops. */
    private void readPipe(Side side, long id, Buffers buffers, SplittableRandom random, PipeState state) {
        long position = 0;
        try {
            while (true) {
                int length = block(random);
                MemorySegment into = buffers.read.asSlice(0, length);
                into.fill((byte) 0);
                long n;
                if (random.nextInt(4) == 0) {
                    n = side.file.readFully(into, 0);
                } else {
                    TransferFuture t = side.track(side.file.readFullyAsync(into, 0));
                    side.currentRead = t;
                    try {
                        n = await(t);
                    } catch (CancellationException c) {
                        tally.add(Count.READS_CANCELLED);
                        tally.add(Count.TRANSFERS_CUT);
                        released(t::released, side.name);
                        // cut short: the buffer holds the next bytes of the stream, then zeros
                        String wrong = TaggedStream.checkOrZero(into, id, position, buffers.readScratch);
                        if (wrong != null) {
                            tally.fail(side.name + ": a cancelled readFullyAsync left in its buffer: " + wrong);
                        }
                        break;
                    }
                }
                String wrong = TaggedStream.check(into.asSlice(0, n), id, position, buffers.readScratch);
                if (wrong != null) {
                    tally.fail(side.name + " (fd " + side.fd + "): read " + n + " bytes at stream position " + position
                            + ": " + wrong);
                    break;
                }
                tally.add(Count.BYTES_CHECKED, n);
                position += n;
                state.received = position;
                if (n < length) {
                    state.endOfStream = true;
                    break;
                }
            }
        } catch (Throwable t) {
            if (Outcomes.of(t, Outcomes.Kind.PIPE) == Outcomes.Outcome.ASYNC_CLOSE) {
                tally.add(Count.TRANSFERS_CUT);
            }
            ended(side, "reader", t, Outcomes.Kind.PIPE, false);
        }
        closeQuietly(side, "the reader's close of its end");
    }
}
