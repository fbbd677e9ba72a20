package io.liouring;

import io.liouring.internal.IoUringSys;
import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * An io_uring instance: a submission queue that takes {@link Operation}s and a completion queue that hands
 * back {@link Completion}s ({@code io_uring_setup(2)}, {@code io_uring_enter(2)}, {@code io_uring(7)};
 * Linux 5.1+, 5.11+ for timed waits).
 *
 * <pre>{@code
 * try (var ring = new LioUring(32)) {
 *     ring.push(new Write(fd, data), 1);
 *     ring.submit();
 *     Completion c = ring.waitCompletion();
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> A ring is single-threaded, like liburing's: push, submit and reap from one thread at a
 * time (hand it over with a happens-before edge if you must). {@code io.liouring.async} gives thread-safe
 * access. On {@code SINGLE_ISSUER} rings the kernel itself refuses a second submitting thread (EEXIST).
 *
 * <p><b>Memory.</b> Buffers and structs named by an operation must stay valid until its completion is
 * reaped. The ring keeps each pushed operation reachable at least until the kernel has consumed its entry,
 * so memory owned by the operation (paths, timespecs, iovec arrays) is safe; memory from an {@link Arena}
 * you close yourself must not be closed while the request is in flight.
 *
 * <p><b>Hot path.</b> {@link #push}, {@link #submit} and {@link #forEachCompletion} allocate nothing when
 * the operation is reused.
 */
public final class LioUring implements AutoCloseable {
    /** Largest SQ size the kernel accepts without {@code CLAMP}. */
    public static final int MAX_ENTRIES = 32768;

    private static final int ENTER_GETEVENTS = 1;
    private static final int ENTER_SQ_WAKEUP = 1 << 1;
    private static final int ENTER_EXT_ARG = 1 << 3;
    private static final int ENTER_REGISTERED_RING = 1 << 4;

    private static final long OFF_SQ_RING = 0L;
    private static final long OFF_CQ_RING = 0x8000000L;
    private static final long OFF_SQES = 0x10000000L;

    private static final int REGISTER_PROBE = 8;
    private static final int REGISTER_RING_FDS = 20;

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;
    private static final int ETIME = 62;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno;
    private final MemorySegment waitArg;
    private final MemorySegment waitTimespec;
    private final int fd;
    private final int setupFlags;
    private final int featureBits;
    private final SubmissionQueue sq;
    private final CompletionQueue cq;
    private final Operation[] inSubmission;
    private final Registrar registrar = new Registrar(this);
    private final boolean sqPoll;
    private final boolean deferTaskrun;

    /** Test instrumentation: receives the opcode of every pushed entry; {@code null} (and free) otherwise. */
    static java.util.function.IntConsumer pushObserver;

    private int enterFd;
    private int enterFlags;
    private boolean closed;

    /** A ring with {@code entries} submission slots (a power of two up to 32768; others round up) and default params. */
    public LioUring(int entries) {
        this(entries, Params.defaults());
    }

    /** A ring with {@code entries} submission slots set up as {@code params} says. */
    public LioUring(int entries, Params params) {
        Objects.requireNonNull(params, "params");
        boolean clamp = (params.flags() & Params.CLAMP) != 0;
        if (entries <= 0 || (!clamp && entries > MAX_ENTRIES)) {
            throw new IllegalArgumentException("entries must be between 1 and " + MAX_ENTRIES
                    + " (or use Params.builder().clamp()): " + entries);
        }
        int ringFd = -1;
        try {
            // An automatic arena: downcalls acquire the capture segment's session around every call, which
            // costs two atomic updates on a shared arena and nothing on an automatic one (about 10 ns a syscall).
            errno = Libc.newErrnoState(Arena.ofAuto());
            waitArg = arena.allocate(24, 8);
            waitTimespec = arena.allocate(16, 8);
            MemorySegment p = arena.allocate(120, 8);
            int flags = params.flags() | params.preferredFlags();
            ringFd = setup(entries, params, flags, p);
            if (ringFd == -EINVAL && params.preferredFlags() != 0) {
                flags = params.flags();
                ringFd = setup(entries, params, flags, p);
            }
            if (ringFd < 0) {
                throw setupFailure(-ringFd, flags, entries);
            }
            this.fd = ringFd;
            this.enterFd = ringFd;
            this.setupFlags = p.get(JAVA_INT, 8);
            this.featureBits = p.get(JAVA_INT, 20);
            this.sqPoll = (setupFlags & Params.SQPOLL) != 0;
            this.deferTaskrun = (setupFlags & Params.DEFER_TASKRUN) != 0;
            int sqEntries = p.get(JAVA_INT, 0);
            int cqEntries = p.get(JAVA_INT, 4);
            MemorySegment sqOff = p.asSlice(40, 40);
            MemorySegment cqOff = p.asSlice(80, 40);
            boolean sqe128 = (setupFlags & Params.SQE128) != 0;
            boolean cqe32 = (setupFlags & Params.CQE32) != 0;
            boolean sqArray = (setupFlags & Params.NO_SQARRAY) == 0;

            long sqRingSize = Integer.toUnsignedLong(sqOff.get(JAVA_INT, 24)) + 4L * sqEntries;
            long cqRingSize = Integer.toUnsignedLong(cqOff.get(JAVA_INT, 20)) + ((long) cqEntries << (cqe32 ? 5 : 4));
            MemorySegment sqRing;
            MemorySegment cqRing;
            if (hasFeature(Feature.SINGLE_MMAP)) {
                sqRing = map(Math.max(sqRingSize, cqRingSize), OFF_SQ_RING);
                cqRing = sqRing;
            } else {
                sqRing = map(sqRingSize, OFF_SQ_RING);
                cqRing = map(cqRingSize, OFF_CQ_RING);
            }
            MemorySegment sqes = map((long) sqEntries << (sqe128 ? 7 : 6), OFF_SQES);
            this.sq = new SubmissionQueue(sqRing, sqes, sqOff, sqe128, sqArray);
            this.cq = new CompletionQueue(cqRing, cqOff, cqe32);
            this.inSubmission = new Operation[sqEntries];
        } catch (RuntimeException | Error e) {
            arena.close();
            if (ringFd >= 0) {
                closeQuietly(ringFd);
            }
            throw e;
        }
    }

    private int setup(int entries, Params params, int flags, MemorySegment p) {
        p.fill((byte) 0);
        p.set(JAVA_INT, 4, params.cqEntries());
        p.set(JAVA_INT, 8, flags);
        p.set(JAVA_INT, 12, params.sqThreadCpu());
        p.set(JAVA_INT, 16, params.sqThreadIdleMillis());
        p.set(JAVA_INT, 24, params.attachWqFd());
        return IoUringSys.setup(errno, entries, p);
    }

    private static UringException setupFailure(int err, int flags, int entries) {
        String hint = switch (err) {
            case 38 -> "this kernel has no io_uring (Linux 5.1 or later is needed)";
            case 1 -> "io_uring is not permitted here: check /proc/sys/kernel/io_uring_disabled (0 allows it)"
                    + " and the container's seccomp profile";
            case 22 -> "the kernel refused the setup flags " + Params.describeFlags(flags) + " or entries=" + entries
                    + " (DEFER_TASKRUN needs SINGLE_ISSUER; SQ_AFF needs SQPOLL; CQSIZE must be >= entries)";
            case 12 -> "not enough locked memory for the ring: raise `ulimit -l` (kernels before 5.12 charge rings to it)";
            case 24, 23 -> "out of file descriptors: close some or raise `ulimit -n`";
            default -> null;
        };
        return new UringException("io_uring_setup(entries=" + entries + ", flags=" + Params.describeFlags(flags) + ")",
                err, hint);
    }

    private MemorySegment map(long size, long offset) {
        long address = Libc.mmap(errno, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE,
                fd, offset);
        if (address < 0) {
            throw new UringException("mmap(io_uring, offset=0x" + Long.toHexString(offset) + ")", (int) -address);
        }
        return MemorySegment.ofAddress(address).reinterpret(size, arena, LioUring::unmap);
    }

    private static void unmap(MemorySegment mapping) {
        try (Arena a = Arena.ofConfined()) {
            Libc.munmap(Libc.newErrnoState(a), mapping.address(), mapping.byteSize());
        }
    }

    private static void closeQuietly(int fd) {
        try (Arena a = Arena.ofConfined()) {
            Libc.close(Libc.newErrnoState(a), fd);
        }
    }

    // ---------------------------------------------------------------- submission

    /** Pushes an operation with no extra flags. Throws if the submission queue is full. */
    public void push(Operation operation, long userData) {
        push(operation, userData, SqeFlags.NONE);
    }

    /**
     * Pushes an operation; {@code flags} are OR-ed with the flags the operation sets itself.
     *
     * @throws IllegalStateException if the submission queue is full (call {@link #submit()} first) or the ring is closed
     */
    public void push(Operation operation, long userData, SqeFlags flags) {
        if (!tryPush(operation, userData, flags)) {
            throw new IllegalStateException("submission queue is full (" + sq.entries()
                    + " entries): submit() before pushing more, or check sqSpaceLeft()");
        }
    }

    /** Pushes an operation with no extra flags, or returns {@code false} if the submission queue is full. */
    public boolean tryPush(Operation operation, long userData) {
        return tryPush(operation, userData, SqeFlags.NONE);
    }

    /** Pushes an operation, or returns {@code false} if the submission queue is full. */
    public boolean tryPush(Operation operation, long userData, SqeFlags flags) {
        ensureOpen();
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(flags, "flags");
        int slot = sq.nextSlot();
        if (slot < 0) {
            return false;
        }
        Sqe sqe = sq.sqeAt(slot);
        try {
            operation.encode(sqe);
        } catch (RuntimeException | Error e) {
            sqe.clear(); // the slot stays free, and free slots must be zero
            throw e;
        }
        if (flags != SqeFlags.NONE) {
            sqe.addFlags(flags);
        }
        sqe.userData(userData);
        if (inSubmission[slot] != operation) {
            inSubmission[slot] = operation;
        }
        sq.commit();
        java.util.function.IntConsumer observer = pushObserver;
        if (observer != null) {
            observer.accept(sqe.opcodeValue());
        }
        return true;
    }

    /**
     * Submits everything pushed so far ({@code io_uring_enter}). Also flushes completions the kernel holds
     * back (CQ overflow, pending task work). On an SQPOLL ring this wakes the poll thread if it sleeps.
     *
     * @return the number of entries the kernel took (on SQPOLL rings: the number handed to the poll thread)
     */
    public int submit() {
        ensureOpen();
        int pending = sq.publish();
        if (sqPoll) {
            VarHandle.fullFence();
            int flags = sq.flags();
            int enter = (flags & SubmissionQueue.NEED_WAKEUP) != 0 ? ENTER_SQ_WAKEUP : 0;
            enter |= needsFlush(flags) ? ENTER_GETEVENTS : 0;
            if (enter != 0) {
                enterOrThrow(pending, 0, enter);
            }
            return pending;
        }
        int enter = needsFlush(sq.flags()) ? ENTER_GETEVENTS : 0;
        if (pending == 0 && enter == 0) {
            return 0;
        }
        return enterOrThrow(pending, 0, enter);
    }

    /** Submits everything pushed so far and waits until at least {@code minComplete} completions are ready. */
    public int submitAndWait(int minComplete) {
        ensureOpen();
        if (minComplete < 0) {
            throw new IllegalArgumentException("minComplete must not be negative: " + minComplete);
        }
        int pending = sq.publish();
        int enter = ENTER_GETEVENTS;
        if (sqPoll) {
            VarHandle.fullFence();
            enter |= (sq.flags() & SubmissionQueue.NEED_WAKEUP) != 0 ? ENTER_SQ_WAKEUP : 0;
        }
        while (true) {
            int r = enter(pending, minComplete, enter, 0, 0);
            if (r >= 0) {
                return sqPoll ? pending : r;
            }
            if (r != -EINTR) {
                throw enterFailure(-r);
            }
            pending = sq.publish();
        }
    }

    /** Free submission slots. */
    public int sqSpaceLeft() {
        ensureOpen();
        return sq.spaceLeft();
    }

    // ---------------------------------------------------------------- completion

    /** Completions ready to be reaped without entering the kernel. */
    public int cqReady() {
        ensureOpen();
        return cq.ready();
    }

    /**
     * Waits for the next completion and consumes it. Anything pushed but not yet submitted is submitted
     * first, so a wait can never stall on a request the kernel has not seen. Retries when interrupted by a
     * signal ({@code EINTR}).
     */
    public Completion waitCompletion() {
        ensureOpen();
        while (true) {
            Completion c = cq.poll();
            if (c != null) {
                return c;
            }
            int r = enter(sq.publish(), 1, ENTER_GETEVENTS | wakeupIfNeeded(), 0, 0);
            if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
                throw enterFailure(-r);
            }
        }
    }

    /**
     * Waits at most {@code timeout} for the next completion ({@code IORING_ENTER_EXT_ARG}, 5.11) and consumes
     * it; empty if none came in time. Submits anything pushed first, as {@link #waitCompletion()} does.
     */
    public Optional<Completion> waitCompletion(Duration timeout) {
        ensureOpen();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (!hasFeature(Feature.EXT_ARG)) {
            throw new UnsupportedOperationException("timed waits need IORING_FEAT_EXT_ARG (Linux 5.11)");
        }
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        while (true) {
            Completion c = cq.poll();
            if (c != null) {
                return Optional.of(c);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                flushCompletions();
                return Optional.ofNullable(cq.poll());
            }
            waitTimespec.set(JAVA_LONG, 0, remaining / 1_000_000_000L);
            waitTimespec.set(JAVA_LONG, 8, remaining % 1_000_000_000L);
            waitArg.set(JAVA_LONG, 0, 0L);
            waitArg.set(JAVA_INT, 8, 8);
            waitArg.set(JAVA_INT, 12, 0);
            waitArg.set(JAVA_LONG, 16, waitTimespec.address());
            int r = enter(sq.publish(), 1, ENTER_GETEVENTS | ENTER_EXT_ARG | wakeupIfNeeded(), waitArg.address(), 24);
            if (r == -ETIME) {
                return Optional.ofNullable(cq.poll());
            }
            if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
                throw enterFailure(-r);
            }
        }
    }

    /**
     * Consumes the next completion if one is ready, without waiting. On rings where completions are held
     * back (DEFER_TASKRUN, CQ overflow) this enters the kernel once, without blocking, to collect them.
     */
    public Optional<Completion> tryCompletion() {
        ensureOpen();
        Completion c = cq.poll();
        if (c == null && collectHeldBack()) {
            c = cq.poll();
        }
        return Optional.ofNullable(c);
    }

    /** The next completion without consuming it, or empty; collects held-back completions as {@link #tryCompletion()} does. */
    public Optional<Completion> peekCompletion() {
        ensureOpen();
        Completion c = cq.peek();
        if (c == null && collectHeldBack()) {
            c = cq.peek();
        }
        return Optional.ofNullable(c);
    }

    /**
     * Reaps every ready completion into {@code handler}, as primitives: no allocation. Flushes overflowed
     * completions first. If the handler throws, the completions before it stay consumed.
     *
     * @return the number of completions handled
     */
    public int forEachCompletion(CompletionHandler handler) {
        ensureOpen();
        Objects.requireNonNull(handler, "handler");
        if (needsFlush(sq.flags())) {
            flushCompletions();
        }
        return cq.forEach(handler);
    }

    private boolean collectHeldBack() {
        if (deferTaskrun || needsFlush(sq.flags())) {
            flushCompletions();
            return true;
        }
        return false;
    }

    private void flushCompletions() {
        int r = enter(0, 0, ENTER_GETEVENTS, 0, 0);
        if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
            throw enterFailure(-r);
        }
    }

    private static boolean needsFlush(int sqFlags) {
        return (sqFlags & (SubmissionQueue.CQ_OVERFLOW | SubmissionQueue.TASKRUN)) != 0;
    }

    private int wakeupIfNeeded() {
        if (!sqPoll) {
            return 0;
        }
        VarHandle.fullFence();
        return (sq.flags() & SubmissionQueue.NEED_WAKEUP) != 0 ? ENTER_SQ_WAKEUP : 0;
    }

    private int enter(int toSubmit, int minComplete, int flags, long arg, long argSize) {
        return IoUringSys.enter(errno, enterFd, toSubmit, minComplete, flags | enterFlags, arg, argSize);
    }

    private int enterOrThrow(int toSubmit, int minComplete, int flags) {
        int r = enter(toSubmit, minComplete, flags, 0, 0);
        if (r < 0) {
            throw enterFailure(-r);
        }
        return r;
    }

    private UringException enterFailure(int err) {
        String hint = switch (err) {
            case 17 -> "this SINGLE_ISSUER ring was entered from a thread other than its submitter;"
                    + " use one thread per ring (io.liouring.async hands work over safely)";
            case 16, 11 -> "the completion queue is full: reap completions before submitting more";
            case 77 -> "the kernel dropped completions: the CQ overflowed and its overflow list could not grow";
            case 9 -> "the ring's file descriptor is not valid";
            default -> null;
        };
        return new UringException("io_uring_enter", err, hint);
    }

    // ---------------------------------------------------------------- registration and information

    /**
     * Registers this ring's fd with itself ({@code IORING_REGISTER_RING_FDS}, 5.18), so that every later
     * enter skips the fd lookup. Idempotent.
     */
    public void registerRingFd() {
        ensureOpen();
        if ((enterFlags & ENTER_REGISTERED_RING) != 0) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment update = a.allocate(16, 8);
            update.set(JAVA_INT, 0, -1);
            update.set(JAVA_LONG, 8, fd);
            int r = IoUringSys.register(errno, fd, REGISTER_RING_FDS, update.address(), 1);
            if (r < 0) {
                throw new UringException("io_uring_register(REGISTER_RING_FDS)", -r);
            }
            enterFd = update.get(JAVA_INT, 0);
            enterFlags |= ENTER_REGISTERED_RING;
        }
    }

    /** Whether {@link #registerRingFd()} is in effect. */
    public boolean isRingFdRegistered() {
        return (enterFlags & ENTER_REGISTERED_RING) != 0;
    }

    /**
     * Registers buffers for the fixed-buffer operations ({@code IORING_REGISTER_BUFFERS}, 5.1): the kernel
     * pins them once instead of on every request. Replaces no earlier set; unregister first. The ring keeps
     * the segments reachable until they are unregistered; do not close their arena before that.
     *
     * @return the kernel's result (0)
     */
    public int registerBuffers(MemorySegment... buffers) {
        ensureOpen();
        return registrar.registerBuffers(buffers);
    }

    /** Unregisters the buffers of {@link #registerBuffers} ({@code IORING_UNREGISTER_BUFFERS}). */
    public void unregisterBuffers() {
        ensureOpen();
        registrar.unregisterBuffers();
    }

    /** The registered buffer at {@code index}, as given to {@link #registerBuffers}. */
    public MemorySegment registeredBuffer(int index) {
        ensureOpen();
        return registrar.registeredBuffer(index);
    }

    /**
     * Registers a file table ({@code IORING_REGISTER_FILES}, 5.1); index {@code i} then stands for
     * {@code fds[i]} in requests pushed with {@link SqeFlags#FIXED_FILE}. {@code -1} leaves a slot empty.
     */
    public void registerFiles(int... fds) {
        ensureOpen();
        registrar.registerFiles(fds);
    }

    /** Registers a table of {@code count} empty slots ({@code IORING_REGISTER_FILES2} sparse, 5.19), for direct descriptors. */
    public void registerFilesSparse(int count) {
        ensureOpen();
        registrar.registerFilesSparse(count);
    }

    /**
     * Replaces slots of the file table from {@code offset} ({@code IORING_REGISTER_FILES_UPDATE}, 5.5);
     * {@code -1} empties a slot.
     *
     * @return the number of slots updated
     */
    public int updateFiles(int offset, int... fds) {
        ensureOpen();
        return registrar.updateFiles(offset, fds);
    }

    /** Unregisters the file table ({@code IORING_UNREGISTER_FILES}). */
    public void unregisterFiles() {
        ensureOpen();
        registrar.unregisterFiles();
    }

    /** The opcodes this kernel supports ({@code IORING_REGISTER_PROBE}, 5.6). */
    public Probe probe() {
        ensureOpen();
        int ops = 256;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment probe = a.allocate(16 + 8L * ops, 8);
            int r = IoUringSys.register(errno, fd, REGISTER_PROBE, probe.address(), ops);
            if (r < 0) {
                throw new UringException("io_uring_register(REGISTER_PROBE)", -r);
            }
            int lastOp = Byte.toUnsignedInt(probe.get(JAVA_BYTE, 0));
            int len = Byte.toUnsignedInt(probe.get(JAVA_BYTE, 1));
            boolean[] supported = new boolean[ops];
            for (int i = 0; i < len; i++) {
                long at = 16 + 8L * i;
                int op = Byte.toUnsignedInt(probe.get(JAVA_BYTE, at));
                boolean ok = (probe.get(JAVA_SHORT, at + 2) & 1) != 0;
                supported[op] = ok;
            }
            return new Probe(lastOp, supported);
        }
    }

    /**
     * Calls {@code io_uring_register(2)} with a raw opcode, for the resource APIs built on this ring.
     *
     * @return the kernel's non-negative result
     * @throws UringException naming the errno
     */
    int register(int opcode, String name, MemorySegment arg, int nrArgs) {
        ensureOpen();
        int r = IoUringSys.register(errno, fd, opcode, arg.address(), nrArgs);
        if (r < 0) {
            throw new UringException("io_uring_register(" + name + ")", -r);
        }
        return r;
    }

    /** The ring's file descriptor. */
    public int fd() {
        ensureOpen();
        return fd;
    }

    /** The {@code IORING_SETUP_*} flags the ring was created with (after any fallback). */
    public int setupFlags() {
        return setupFlags;
    }

    /** The features the kernel reported at setup. */
    public Set<Feature> features() {
        return Feature.fromBits(featureBits);
    }

    public boolean hasFeature(Feature feature) {
        return (featureBits & feature.bit()) != 0;
    }

    /** Submission queue size (a power of two). */
    public int sqEntries() {
        return sq.entries();
    }

    /** Completion queue size. */
    public int cqEntries() {
        return cq.entries();
    }

    /** Completions the kernel dropped because the CQ overflowed (0 with {@code FEAT_NODROP} unless memory ran out). */
    public int cqOverflow() {
        ensureOpen();
        return cq.overflow();
    }

    /** Submission entries the kernel dropped as invalid. */
    public int sqDropped() {
        ensureOpen();
        return sq.dropped();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the ring: unmaps its memory and closes its fd; the kernel cancels what is still in flight.
     * Idempotent; any other call afterwards throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        closeQuietly(fd);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ring is closed");
        }
    }

    @Override
    public String toString() {
        return "LioUring[fd=" + fd + ", sq=" + sq.entries() + ", cq=" + cq.entries() + ", flags="
                + Params.describeFlags(setupFlags) + (closed ? ", closed" : "") + "]";
    }
}
