package io.liouring.property;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Close;
import io.liouring.operation.Fsync;
import io.liouring.operation.Ftruncate;
import io.liouring.operation.LinkTimeout;
import io.liouring.operation.OpenAt;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;
import io.liouring.operation.PollRemove;
import io.liouring.operation.Read;
import io.liouring.operation.ReadMulti;
import io.liouring.operation.ReadSelect;
import io.liouring.operation.Splice;
import io.liouring.operation.Tee;
import io.liouring.operation.Write;
import io.liouring.testing.PipeNative;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Runs a random sequence of {@link Step}s on one ring and checks every completion against a model of a file, of
 * two pipes and (through {@link SocketSteps}) of two socket pairs. Invariants, kept by {@link Requests}: every request
 * completes exactly as documented (once; several times with {@code F_MORE} and then once without; not at all when it
 * succeeded with {@code CQE_SKIP_SUCCESS}), no completion is lost or duplicated, results and bytes match the model.
 * Any violation is an {@link AssertionError} naming the ring's shape, the request and the completion.
 */
final class SequenceRunner implements AutoCloseable {
    /** Largest single transfer; also the size of each buffer. */
    static final int MAX_IO = 8192;
    /** File offsets stay below this. */
    static final int FILE_SPAN = 65536;
    private static final int BUFFERS = 8;
    private static final int SELECT_GROUP = 1;
    private static final int MULTISHOT_GROUP = 2;
    private static final int MULTISHOT_BUFFER = 4096;
    /** Pipes hold 16 page-sized slots; the model drains a pipe before its writes could fill them. */
    private static final int PIPE_SLOT_BUDGET = 10;
    private static final int PIPE_BYTE_BUDGET = 16384;
    private static final int ECANCELED = -Errno.ECANCELED.number();
    private static final int EINTR = -Errno.EINTR.number();
    private static final int ETIME = -Errno.ETIME.number();
    private static final int ENOENT = -Errno.ENOENT.number();
    private static final int EALREADY = -Errno.EALREADY.number();
    private static final int ENOBUFS = -Errno.ENOBUFS.number();

    private static final AtomicLong RUNS = new AtomicLong();

    private final LioUring ring;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment[] writeBuffers = new MemorySegment[BUFFERS];
    private final MemorySegment[] readBuffers = new MemorySegment[BUFFERS];
    private final Path directory;
    private final Path file;
    private final int fileFd;
    private final ByteModel fileModel = new ByteModel();
    private final PipeNative.Ends pipeA;
    private final PipeNative.Ends pipeB;
    private final PipeNative.Ends pipeEmpty;
    private final PipeNative.Ends pipePolled;
    private final PipeNative.Ends pipeMultishot;
    private final ByteModel modelA = new ByteModel();
    private final ByteModel modelB = new ByteModel();
    private int slotsA;
    private int slotsB;
    private final BufferRing selectGroup;

    private final Requests requests;
    private final SocketPairs socketPairs;
    private final SocketSteps sockets;
    private HandleSteps handles;

    SequenceRunner(RingShape shape) {
        this.ring = new LioUring(shape.entries(), shape.params());
        this.requests = new Requests(shape, ring);
        this.socketPairs = new SocketPairs(requests);
        this.sockets = new SocketSteps(requests, arena, socketPairs);
        try {
            for (int i = 0; i < BUFFERS; i++) {
                writeBuffers[i] = arena.allocate(MAX_IO, 64);
                readBuffers[i] = arena.allocate(MAX_IO, 64);
            }
            // not Files.createTempDirectory: its SecureRandom keeps descriptors open, which the leak check would see
            directory = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                    "lio-property-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()));
            file = directory.resolve("data");
            fileFd = Fd.open(file, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
            pipeA = PipeNative.pipe();
            pipeB = PipeNative.pipe();
            pipeEmpty = PipeNative.pipe();
            pipePolled = PipeNative.pipe();
            pipeMultishot = PipeNative.pipe();
            selectGroup = BufferRing.register(ring, SELECT_GROUP, 4, MAX_IO);
            handles = new HandleSteps(requests, directory);
        } catch (IOException e) {
            ring.close();
            throw new UncheckedIOException(e);
        }
    }

    /** How many completions the ring posted so far. */
    long completions() {
        return requests.completions();
    }

    /** How many faults the steps caused on purpose: injected errors, cancellations, link timeouts, failed links, shutdowns. */
    long faults() {
        return requests.faults();
    }

    /** How many sockets the steps opened. */
    long sockets() {
        return socketPairs.opened();
    }

    /** How many calls on event-loop handles were raced by a close or a cancel ({@link Step.HandleRace}). */
    long handleRaces() {
        return handles.races();
    }

    /** Runs every step, then waits for everything still in flight. */
    void run(List<Step> steps) {
        for (Step step : steps) {
            apply(step);
        }
        requests.settle();
    }

    private void apply(Step step) {
        switch (step) {
            case Step.FileWrite s -> requests.awaitAll(fileWrite(s.offset(), s.length(), s.seed(), 0, SqeFlags.NONE));
            case Step.FileRead s -> fileRead(s);
            case Step.FileSync s -> requests.awaitAll(requests.push(new Fsync(fileFd), requests.once("fsync", 0)));
            case Step.FileTruncate s -> {
                requests.awaitAll(requests.push(new Ftruncate(fileFd, s.length()), requests.once("ftruncate(" + s.length() + ")", 0)));
                fileModel.truncate(s.length());
            }
            case Step.PipeWrite s -> pipeWrite(s);
            case Step.PipeRead s -> {
                if (modelA.size() > 0) {
                    pipeRead(pipeA, modelA, s.length(), "pipe A");
                }
            }
            case Step.PipeSplice s -> pipeToPipe(s.length(), false);
            case Step.PipeTee s -> pipeToPipe(s.length(), true);
            case Step.SpliceToFile s -> spliceToFile(s);
            case Step.DrainPipeB s -> drain(pipeB, modelB, "pipe B");
            case Step.Timeout s -> requests.push(new io.liouring.operation.Timeout(Duration.ofNanos(s.micros() * 1000L)),
                    requests.once("timeout " + s.micros() + "us", ETIME));
            case Step.Nops s -> {
                for (Step.Nop nop : s.nops()) {
                    pushNop(nop, SqeFlags.NONE, nop.result());
                }
            }
            case Step.Chain s -> chain(s);
            case Step.LinkTimeoutRead s -> linkTimeoutRead(s);
            case Step.CancelWaiting s -> cancelWaiting(s);
            case Step.CancelNothing s -> requests.awaitAll(requests.push(AsyncCancel.byUserData(1L << 62), requests.once("cancel of nothing", ENOENT)));
            case Step.PollMultishot s -> pollMultishot(s.writes());
            case Step.ReadMultishot s -> readMultishot(s.writes(), s.buffers());
            case Step.OpenClose s -> openClose();
            case Step.Settle s -> requests.settle();
            case Step.HandleRace s -> handles.apply(s);
            case Step.SocketStep s -> sockets.apply(s);
        }
    }

    // ---------------------------------------------------------------- the file

    private long fileWrite(int offset, int length, int seed, int buffer, SqeFlags flags) {
        byte[] data = ByteModel.seeded(seed, length);
        MemorySegment.copy(data, 0, writeBuffers[buffer], JAVA_BYTE, 0, length);
        long id = requests.push(new Write(fileFd, writeBuffers[buffer], offset).length(length), flags,
                requests.once("write " + length + " at " + offset, length));
        fileModel.write(offset, data);
        return id;
    }

    private void fileRead(Step.FileRead s) {
        if (s.select()) {
            int wanted = s.length() == 0 ? MAX_IO : Math.min(s.length(), MAX_IO);
            byte[] expected = fileModel.read(s.offset(), wanted);
            requests.awaitAll(requests.push(new ReadSelect(fileFd, SELECT_GROUP, s.length()).offset(s.offset()), SqeFlags.NONE,
                    requests.check("read " + s.length() + " at " + s.offset() + " into a provided buffer", c -> {
                        requests.requireResult(c, expected.length, "read into a provided buffer");
                        if (c.bufferId().isPresent()) {
                            BufferRing.Buffer buffer = selectGroup.take(c);
                            requests.requireBytes(expected, buffer.data().toArray(JAVA_BYTE), "provided buffer");
                            selectGroup.recycle(buffer);
                        } else if (expected.length > 0) {
                            throw requests.failure("a read of " + expected.length + " bytes named no buffer", c);
                        }
                    })));
        } else {
            requests.awaitAll(fileReadRequest(s.offset(), s.length(), 0, SqeFlags.NONE));
        }
    }

    private long fileReadRequest(int offset, int length, int buffer, SqeFlags flags) {
        byte[] expected = fileModel.read(offset, length);
        MemorySegment into = readBuffers[buffer];
        return requests.push(new Read(fileFd, into, offset).length(length), flags,
                requests.check("read " + length + " at " + offset, c -> {
                    requests.requireResult(c, expected.length, "read");
                    requests.requireBytes(expected, into.asSlice(0, expected.length).toArray(JAVA_BYTE), "read buffer");
                }));
    }

    // ---------------------------------------------------------------- the pipes

    private void pipeWrite(Step.PipeWrite s) {
        if (modelA.size() + s.length() > PIPE_BYTE_BUDGET || slotsA + slots(s.length()) > PIPE_SLOT_BUDGET) {
            drain(pipeA, modelA, "pipe A");
        }
        byte[] data = ByteModel.seeded(s.seed(), s.length());
        MemorySegment.copy(data, 0, writeBuffers[0], JAVA_BYTE, 0, data.length);
        requests.awaitAll(requests.push(new Write(pipeA.writeFd(), writeBuffers[0], -1).length(data.length),
                requests.once("write " + data.length + " to pipe A", data.length)));
        modelA.append(data);
        slotsA += slots(data.length);
    }

    private static int slots(int length) {
        return (length + 4095) / 4096 + 1;
    }

    private void pipeRead(PipeNative.Ends pipe, ByteModel model, int length, String name) {
        byte[] expected = model.take(Math.min(length, MAX_IO));
        MemorySegment into = readBuffers[0];
        requests.awaitAll(requests.push(new Read(pipe.readFd(), into, -1).length(Math.min(length, MAX_IO)),
                requests.check("read " + length + " of " + name, c -> {
                    requests.requireResult(c, expected.length, "read of " + name);
                    requests.requireBytes(expected, into.asSlice(0, expected.length).toArray(JAVA_BYTE), name);
                })));
        if (model.size() == 0) {
            if (pipe == pipeA) {
                slotsA = 0;
            } else {
                slotsB = 0;
            }
        }
    }

    private void drain(PipeNative.Ends pipe, ByteModel model, String name) {
        while (model.size() > 0) {
            pipeRead(pipe, model, MAX_IO, name);
        }
    }

    private void pipeToPipe(int length, boolean tee) {
        if (modelA.size() == 0 || length == 0) {
            return; // splice and tee of an empty pipe wait for a writer
        }
        if (modelB.size() + length > PIPE_BYTE_BUDGET || slotsB + slotsA > PIPE_SLOT_BUDGET) {
            drain(pipeB, modelB, "pipe B");
        }
        byte[] moved = tee ? modelA.peek(length) : modelA.take(length);
        Operation op = tee ? new Tee(pipeA.readFd(), pipeB.writeFd(), length)
                : new Splice(pipeA.readFd(), -1, pipeB.writeFd(), -1, length);
        requests.awaitAll(requests.push(op, requests.once((tee ? "tee " : "splice ") + length + " from pipe A to pipe B", moved.length)));
        modelB.append(moved);
        slotsB += slotsA;
        if (modelA.size() == 0) {
            slotsA = 0;
        }
    }

    private void spliceToFile(Step.SpliceToFile s) {
        if (modelA.size() == 0 || s.length() == 0) {
            return;
        }
        byte[] moved = modelA.take(s.length());
        requests.awaitAll(requests.push(new Splice(pipeA.readFd(), -1, fileFd, s.offset(), s.length()),
                requests.once("splice " + s.length() + " from pipe A to the file at " + s.offset(), moved.length)));
        fileModel.write(s.offset(), moved);
        if (modelA.size() == 0) {
            slotsA = 0;
        }
    }

    // ---------------------------------------------------------------- nops, chains, timeouts, cancels

    /** A NOP with {@code result} injected (or none for 0); with CQE_SKIP_SUCCESS a success posts nothing. */
    private long pushNop(Step.Nop nop, SqeFlags flags, int expected) {
        io.liouring.operation.Nop op = new io.liouring.operation.Nop();
        if (nop.result() != 0) {
            op.injectResult(nop.result());
        }
        SqeFlags all = nop.skipSuccess() ? flags.and(SqeFlags.CQE_SKIP_SUCCESS) : flags;
        if (expected < 0) {
            requests.fault();
        }
        boolean silent = nop.skipSuccess() && expected >= 0;
        return requests.push(op, all, silent ? null : requests.once("nop " + nop, expected));
    }

    private void chain(Step.Chain s) {
        List<Step.Member> members = s.members().subList(0, Math.min(s.members().size(), ring.sqEntries()));
        requests.makeRoom(members.size());
        List<Long> ids = new ArrayList<>();
        boolean broken = false;
        boolean silent = false;
        for (int i = 0; i < members.size(); i++) {
            boolean last = i == members.size() - 1;
            SqeFlags link = last ? SqeFlags.NONE : s.hard() ? SqeFlags.IO_HARDLINK : SqeFlags.IO_LINK;
            Step.Member member = members.get(i);
            if (broken) {
                // cancelled by the failed request before it: -ECANCELED, posted even with CQE_SKIP_SUCCESS, unless
                // the request that failed had CQE_SKIP_SUCCESS itself: then the cancelled rest posts nothing
                Expected cancelled = silent ? null : requests.once("cancelled link " + i + " (" + member + ")", ECANCELED);
                ids.add(switch (member) {
                    case Step.Nop n -> requests.push(new io.liouring.operation.Nop(),
                            n.skipSuccess() ? link.and(SqeFlags.CQE_SKIP_SUCCESS) : link, cancelled);
                    case Step.ChainWrite w -> requests.push(new Write(fileFd, writeBuffers[i], w.offset()).length(w.length()),
                            link, cancelled);
                    case Step.ChainRead r -> requests.push(new Read(fileFd, readBuffers[i], r.offset()).length(r.length()),
                            link, cancelled);
                });
                continue;
            }
            boolean failed;
            switch (member) {
                case Step.Nop n -> {
                    ids.add(pushNop(n, link, n.result()));
                    failed = n.result() < 0;
                    silent = failed && n.skipSuccess();
                }
                case Step.ChainWrite w -> {
                    ids.add(fileWrite(w.offset(), w.length(), w.seed(), i, link));
                    failed = false;
                }
                case Step.ChainRead r -> {
                    int available = fileModel.read(r.offset(), r.length()).length;
                    ids.add(fileReadRequest(r.offset(), r.length(), i, link));
                    failed = available < r.length(); // a short read breaks a soft link
                }
            }
            broken = failed && !s.hard();
        }
        requests.awaitAll(ids);
    }

    private void linkTimeoutRead(Step.LinkTimeoutRead s) {
        if (ring.sqEntries() < 2) {
            return; // a link must be submitted whole
        }
        requests.makeRoom(2);
        requests.fault();
        long read = requests.push(new Read(pipeEmpty.readFd(), readBuffers[0], -1).length(16), SqeFlags.IO_LINK,
                requests.once("read of an empty pipe with a link timeout", r -> r == ECANCELED || r == EINTR));
        long timeout = requests.push(new LinkTimeout(Duration.ofNanos(s.micros() * 1000L)),
                requests.once("link timeout " + s.micros() + "us", ETIME));
        requests.awaitAll(read, timeout);
    }

    private void cancelWaiting(Step.CancelWaiting s) {
        requests.fault();
        long target = s.poll()
                ? requests.push(new PollAdd(pipeEmpty.readFd(), PollEvents.POLLIN), requests.once("poll of an empty pipe", ECANCELED))
                : requests.push(new Read(pipeEmpty.readFd(), readBuffers[0], -1).length(16),
                requests.once("read of an empty pipe", r -> r == ECANCELED || r == EINTR));
        long cancel = s.poll() && s.pollRemove()
                ? requests.push(new PollRemove(target), requests.once("poll remove", 0))
                : requests.push(AsyncCancel.byUserData(target), requests.once("cancel", 0));
        requests.awaitAll(target, cancel);
    }

    // ---------------------------------------------------------------- multishot

    private void pollMultishot(List<Integer> writes) {
        int[] finalResult = {1};
        long poll = requests.push(new PollAdd(pipePolled.readFd(), PollEvents.POLLIN).multishot(), new Expected("multishot poll") {
            @Override
            boolean accept(Completion c) {
                if (c.hasMore() && (c.result() < 0 || (c.result() & PollEvents.POLLIN) == 0)) {
                    throw requests.failure("a poll event with F_MORE must report POLLIN", c);
                }
                if (!c.hasMore()) {
                    if (c.result() != ECANCELED && (c.result() < 0 || (c.result() & PollEvents.POLLIN) == 0)) {
                        throw requests.failure("the last poll completion is -ECANCELED or a POLLIN event", c);
                    }
                    finalResult[0] = c.result();
                }
                return !c.hasMore();
            }
        });
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        int seed = writes.size();
        for (int length : writes) {
            byte[] data = ByteModel.seeded(seed++, length);
            written.writeBytes(data);
            MemorySegment.copy(data, 0, writeBuffers[0], JAVA_BYTE, 0, data.length);
            requests.awaitAll(requests.push(new Write(pipePolled.writeFd(), writeBuffers[0], -1).length(length),
                    requests.once("write " + length + " to the polled pipe", length)));
        }
        int[] removed = {1};
        long remove = requests.push(new PollRemove(poll), requests.check("remove the multishot poll", c -> {
            if (c.result() != 0 && c.result() != ENOENT && c.result() != EALREADY) {
                throw requests.failure("poll remove completes with 0, -ENOENT or -EALREADY", c);
            }
            removed[0] = c.result();
        }));
        requests.awaitAll(poll, remove);
        if ((removed[0] == 0) != (finalResult[0] == ECANCELED)) {
            throw requests.failure("poll remove returned " + removed[0] + " but the poll ended with " + finalResult[0]);
        }
        readExactly(pipePolled, written.toByteArray(), "the polled pipe");
    }

    private void readMultishot(List<Integer> writes, int buffers) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (BufferRing group = BufferRing.register(ring, MULTISHOT_GROUP, buffers, MULTISHOT_BUFFER)) {
            long read = requests.push(new ReadMulti(pipeMultishot.readFd(), MULTISHOT_GROUP),
                    requests.multishotInto("multishot read", group, true, received, r -> r == ECANCELED || r == ENOBUFS));
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            int seed = writes.size() * 7;
            for (int length : writes) {
                byte[] data = ByteModel.seeded(seed++, length);
                written.writeBytes(data);
                MemorySegment.copy(data, 0, writeBuffers[0], JAVA_BYTE, 0, data.length);
                requests.awaitAll(requests.push(new Write(pipeMultishot.writeFd(), writeBuffers[0], -1).length(length),
                        requests.once("write " + length + " to the multishot-read pipe", length)));
            }
            long cancel = requests.push(AsyncCancel.byUserData(read), requests.once("cancel the multishot read",
                    r -> r == 0 || r == ENOENT || r == EALREADY));
            requests.awaitAll(read, cancel);
            byte[] all = written.toByteArray();
            byte[] got = received.toByteArray();
            requests.requireBytes(Arrays.copyOf(all, Math.min(got.length, all.length)), got, "bytes of the multishot read");
            readExactly(pipeMultishot, Arrays.copyOfRange(all, got.length, all.length), "the multishot-read pipe");
        }
    }

    /** Reads exactly {@code expected.length} bytes of a pipe through the ring (nothing if empty). */
    private void readExactly(PipeNative.Ends pipe, byte[] expected, String name) {
        ByteModel model = new ByteModel();
        model.append(expected);
        drain(pipe, model, name);
    }

    // ---------------------------------------------------------------- descriptors

    private void openClose() {
        int[] fd = {-1};
        requests.awaitAll(requests.push(new OpenAt(file, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0), requests.check("open", c -> {
            if (c.result() < 0) {
                throw requests.failure("open of the file failed", c);
            }
            fd[0] = c.result();
        })));
        requests.awaitAll(requests.push(new Close(fd[0]), requests.once("close(" + fd[0] + ")", 0)));
    }

    /**
     * Checks the file itself against the model (read back outside the ring), then releases everything: the
     * descriptors are closed through the ring while it still works.
     */
    @Override
    public void close() {
        boolean closedThroughRing = false;
        try {
            if (!requests.inFlight()) {
                byte[] onDisk = Files.readAllBytes(file);
                requests.requireBytes(fileModel.read(0, fileModel.size()), onDisk, "the file on disk");
                selectGroup.close();
                int[] fds = {fileFd, pipeA.readFd(), pipeA.writeFd(), pipeB.readFd(), pipeB.writeFd(),
                        pipeEmpty.readFd(), pipeEmpty.writeFd(), pipePolled.readFd(), pipePolled.writeFd(),
                        pipeMultishot.readFd(), pipeMultishot.writeFd()};
                List<Long> ids = new ArrayList<>();
                for (int fd : fds) {
                    ids.add(requests.push(new Close(fd), requests.once("close(" + fd + ")", 0)));
                }
                ids.addAll(socketPairs.closeAll());
                closedThroughRing = true;
                requests.awaitAll(ids);
                socketPairs.requireReleased();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ring.close();
            if (!closedThroughRing) {
                for (PipeNative.Ends p : List.of(pipeA, pipeB, pipeEmpty, pipePolled, pipeMultishot)) {
                    quietly(p::close);
                }
                quietly(() -> Fd.close(fileFd));
                quietly(socketPairs::closeQuietly);
            }
            arena.close();
            if (handles != null) {
                handles.close();
            }
            quietly(() -> Files.deleteIfExists(file));
            quietly(() -> Files.deleteIfExists(directory));
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action action) {
        try {
            action.run();
        } catch (Exception | AssertionError ignored) {
            // cleanup after a failure: the failure itself is what the test reports
        }
    }
}
