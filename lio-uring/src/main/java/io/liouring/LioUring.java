package io.liouring;

import io.liouring.internal.Checks;
import io.liouring.internal.IoUringSys;
import io.liouring.internal.Libc;
import io.liouring.internal.NativeAccess;
import io.liouring.internal.ProcessFence;
import io.liouring.internal.RingInternals;
import io.liouring.internal.SetupDiagnosis;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 * access. On {@code SINGLE_ISSUER} rings the kernel itself refuses a second submitting thread (EEXIST). The one
 * exception is {@link #close()}, which any thread may call at any time, also while another thread is blocked in a
 * wait: that waiter wakes with an {@link IllegalStateException} (see {@code close()}).
 *
 * <p><b>Completion handlers.</b> A handler called by {@link #forEachCompletion} may push and submit, as with
 * liburing, but may not reap this ring again (a nested {@code forEachCompletion}, {@code tryCompletion},
 * {@code peekCompletion}, {@code waitCompletion} or {@code resize}): that throws {@link IllegalStateException}.
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
    private static final int ENTER_SQ_WAIT = 1 << 2;
    private static final int ENTER_EXT_ARG = 1 << 3;
    private static final int ENTER_REGISTERED_RING = 1 << 4;
    private static final int ENTER_ABS_TIMER = 1 << 5;
    private static final int ENTER_EXT_ARG_REG = 1 << 6;
    private static final int ENTER_NO_IOWAIT = 1 << 7;
    /** OR-ed into a register opcode: the fd argument is the calling thread's registered ring index. */
    private static final int REGISTER_USE_REGISTERED_RING = 1 << 31;
    private static final int CQ_EVENTFD_DISABLED = 1;

    private static final int REGISTER_PROBE = 8;
    /** {@code IORING_MSG_RING_FLAGS_PASS}: the message carries the completion's flags in {@code file_index}. */
    private static final int MSG_RING_FLAGS_PASS = 1 << 1;

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;
    private static final int ETIME = 62;
    private static final int EBADR = 53;

    /**
     * The most entries an enter that only submits hands the kernel through a critical downcall (see {@link #enter}),
     * and the most {@link #submitAndWait(int)} submits alone before it waits: the kernel issues them inline, and
     * safepoints (garbage collection) wait meanwhile.
     */
    private static final int CRITICAL_SUBMIT_MAX = 8;
    /** The waits that go straight to the kernel after a submission alone did not make one unnecessary. */
    private static final int SUBMIT_FIRST_BACKOFF = 64;
    /** What {@link #submitAndWaitOpen} returns when another thread closed the ring meanwhile. */
    private static final int CLOSED_MEANWHILE = -1;

    private static final String CLOSED_WHILE_WAITING = "ring closed by another thread while waiting";

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno;
    private final MemorySegment waitArg;
    private final MemorySegment waitTimespec;
    /** The 64-signal kernel {@code sigset_t} of a masked wait ({@link #submitAndWait(int, long, long)}). */
    private final MemorySegment waitSigmask;
    /** {@code ENTER_NO_IOWAIT} while {@link #iowait(boolean) iowait(false)} is in effect, else 0. */
    private int waitFlags;
    /** The registered wait region of this ring ({@link #registerWaitRegion(int)}), or {@code null}. */
    private WaitRegion waitRegion;
    private final int fd;
    private final int setupFlags;
    private final int featureBits;
    /** The shared ring memory and the queues over it; replaced by {@link #resize(int, int)}. */
    private RingMapping mapping;
    private SubmissionQueue sq;
    private CompletionQueue cq;
    private Operation[] inSubmission;
    private final Registrar registrar = new Registrar(this);
    /** The memory of a {@code NO_MMAP} ring ({@link RingMemory}) and its owner, or {@code null}. */
    private Arena userMemory;
    private MemorySegment userRings;
    /** Resources built on this ring in other packages ({@link RingInternals#addDependent}), closed after it. */
    private final Set<AutoCloseable> dependents = Collections.newSetFromMap(new IdentityHashMap<>());
    private final boolean sqPoll;
    private final boolean deferTaskrun;
    /**
     * IOPOLL without SQPOLL: the kernel posts polled completions only while someone polls for them inside
     * {@code io_uring_enter(GETEVENTS)}, so reaping must enter when the CQ is empty (with SQPOLL its thread polls).
     */
    private final boolean pollsOnEnter;

    /** Test instrumentation: receives the opcode of every pushed entry when -Dio.liouring.observePushes=true. */
    static volatile java.util.function.IntConsumer pushObserver;
    /** Whether pushes are observed at all: a constant, so production code pays nothing for the test hook. */
    private static final boolean OBSERVE_PUSHES = Boolean.getBoolean("io.liouring.observePushes");

    /** The CQ overflow counter (completions the kernel dropped) when EBADR was last reported. */
    private int droppedReported;

    /** Waits left before {@link #submitAndWait(int)} tries to submit alone first again (see {@link #trySubmitFirst}). */
    private int submitFirstSkips;

    /** How many times this ring entered the kernel; lets tests show what needs no system call. */
    long enterCalls;
    /** How many register calls named the ring by its registered index; lets tests show that they do. */
    long registeredRingRegisterCalls;

    /** The registered index of the ring fd ({@link #registerRingFd()}), valid only on {@link #ringFdOwner}'s thread. */
    private int registeredIndex;
    private Thread ringFdOwner;
    /** Set once by {@link #close()}; read (a volatile read, never an atomic update) by every call. */
    private volatile boolean closed;
    /**
     * The {@code min_complete} of the blocking call a thread is in ({@link #waitCompletion()}, its timed forms, the
     * {@code submitAndWait} forms), 0 when none: stored before the call touches the ring and cleared after. With
     * {@link #closed} it makes a handshake (each side stores its own field, then reads the other's): either
     * {@code close()} sees the waiter, wakes it and leaves the release of the ring to it, or the waiter sees the ring
     * closed before it touches the ring. So a waiter never enters with a descriptor number that may already name
     * another file, nor reads unmapped memory. A waiter also checks {@link #closed} after it takes a completion and
     * before it hands it out: {@code close()} marks the ring closed before it posts the completions that wake the
     * waiter, so one of those is never mistaken for the caller's.
     *
     * <p>The handshake is asymmetric where the kernel has {@code membarrier(2)} ({@link ProcessFence}): the waiter,
     * which comes by on every wait, stores this field opaque (ordered by the compiler, no fence), and a
     * {@code close()} from another thread than {@link #lastWaiter} pays for both sides with a process-wide barrier
     * between its store of {@link #closed} and its read of this field. Elsewhere both sides store volatile.
     */
    private volatile int waitingFor;
    private static final VarHandle WAITING_FOR;

    static {
        try {
            WAITING_FOR = MethodHandles.lookup().findVarHandle(LioUring.class, "waitingFor", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The thread of the latest blocking call, {@code null} before the first: stored (volatile) by a wait only when the
     * waiting thread changes. A {@code close()} on that same thread, or on a ring nobody waited on, needs no
     * process-wide barrier: if another thread starts a wait meanwhile, its store of this field comes after
     * {@code close()} read it, so that wait sees {@link #closed}.
     */
    private volatile Thread lastWaiter;
    /** Serialises {@link #close()} with a woken waiter's release of the ring. */
    private final Object closeLock = new Object();
    /** Whether {@code close()} left the release to a woken waiter (guarded by {@link #closeLock}). */
    private boolean releaseLeftToWaiter;
    /** Whether a {@link #forEachCompletion} pass is handing out completions: reaping again then is refused. */
    private boolean reaping;

    /**
     * A ring with {@code entries} submission slots (a power of two up to 32768; others round up) and default params.
     *
     * @param entries submission queue size, 1 to {@link #MAX_ENTRIES}; the completion queue gets twice as many
     */
    public LioUring(int entries) {
        this(entries, Params.defaults());
    }

    /**
     * A ring with {@code entries} submission slots set up as {@code params} says.
     *
     * @param entries submission queue size, 1 to {@link #MAX_ENTRIES}
     * @param params the setup flags and sizes; flags this kernel lacks fail the setup with EINVAL, except preferred
     * ones such as {@code NO_SQARRAY}, which are dropped
     */
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
            waitSigmask = arena.allocate(8, 8);
            MemorySegment p = arena.allocate(120, 8);
            int flags = params.flags() | params.preferredFlags();
            if ((flags & Params.NO_MMAP) != 0) {
                userMemory = Arena.ofShared();
                userRings = RingMemory.allocate(userMemory, entries, params.cqEntries(), flags, params.hugePages(), errno);
            }
            ringFd = setup(entries, params, flags, p);
            if (ringFd == -EINVAL && params.preferredFlags() != 0) {
                flags = params.flags();
                ringFd = setup(entries, params, flags, p);
            }
            if (ringFd < 0) {
                throw setupFailure(-ringFd, flags, entries);
            }
            this.fd = ringFd;
            this.setupFlags = p.get(JAVA_INT, 8);
            this.featureBits = p.get(JAVA_INT, 20);
            this.sqPoll = (setupFlags & Params.SQPOLL) != 0;
            this.deferTaskrun = (setupFlags & Params.DEFER_TASKRUN) != 0;
            this.pollsOnEnter = (setupFlags & (Params.IOPOLL | Params.SQPOLL)) == Params.IOPOLL;
            mapRings(p);
            this.inSubmission = new Operation[sq.entries()];
        } catch (RuntimeException | Error e) {
            if (mapping != null) {
                mapping.close();
            } else if (userMemory != null) {
                userMemory.close();
            }
            arena.close();
            if (ringFd >= 0) {
                closeQuietly(ringFd);
            }
            throw e;
        }
    }

    private int setup(int entries, Params params, int flags, MemorySegment p) {
        p.fill((byte) 0);
        if (userRings != null) {
            p.set(JAVA_LONG, 40 + 32, userRings.address()); // sq_off.user_addr: the SQE array
            p.set(JAVA_LONG, 80 + 32, userRings.address() + RingMemory.ringsOffset(entries, flags)); // cq_off: rings
        }
        p.set(JAVA_INT, 4, params.cqEntries());
        p.set(JAVA_INT, 8, flags);
        p.set(JAVA_INT, 12, params.sqThreadCpu());
        p.set(JAVA_INT, 16, params.sqThreadIdleMillis());
        p.set(JAVA_INT, 24, params.attachWqFd());
        return IoUringSys.setup(errno, entries, p);
    }

    private static UringException setupFailure(int err, int flags, int entries) {
        String hint = switch (err) {
            case 38 -> SetupDiagnosis.missing();
            case 1 -> SetupDiagnosis.notPermitted();
            case 22 -> "the kernel refused the setup flags " + Params.describeFlags(flags) + " or entries=" + entries
                    + " (DEFER_TASKRUN needs SINGLE_ISSUER; SQ_AFF needs SQPOLL; CQSIZE must be >= entries)";
            case 12 -> "not enough locked memory for the ring: raise `ulimit -l` (without CAP_IPC_LOCK, kernels before"
                    + " 5.12 and recent ones charge rings to it)";
            case 24, 23 -> "out of file descriptors: close some or raise `ulimit -n`";
            default -> null;
        };
        return new UringException("io_uring_setup(entries=" + entries + ", flags=" + Params.describeFlags(flags) + ")",
                err, hint);
    }

    /** Maps the rings {@code p} describes and points this ring's queues at them. */
    private void mapRings(MemorySegment p) {
        mapping = userRings != null
                ? RingMapping.ofUserMemory(userMemory, userRings, RingMemory.ringsOffset(p.get(JAVA_INT, 0), setupFlags), p,
                        setupFlags)
                : RingMapping.map(fd, p, setupFlags, hasFeature(Feature.SINGLE_MMAP), errno);
        sq = mapping.sq();
        cq = mapping.cq();
        droppedReported = cq.overflow();
    }

    private static void closeQuietly(int fd) {
        try (Arena a = Arena.ofConfined()) {
            Libc.close(Libc.newErrnoState(a), fd);
        }
    }

    // ---------------------------------------------------------------- submission

    /**
     * Pushes an operation with no extra flags. Throws if the submission queue is full.
     *
     * @param operation the request; its memory must stay open until it completes
     * @param userData any 64-bit value; the completion carries it back
     */
    public void push(Operation operation, long userData) {
        push(operation, userData, SqeFlags.NONE);
    }

    /**
     * Pushes an operation; {@code flags} are OR-ed with the flags the operation sets itself.
     *
     * @param operation the request; its memory must stay open until it completes
     * @param userData any 64-bit value; the completion carries it back
     * @param flags {@code IOSQE_*} flags to add
     * @throws IllegalStateException  if the submission queue is full (call {@link #submit()} first) or the ring is closed
     * @throws IllegalCallerException an operation of your own from a module without native access (see {@link Operation})
     */
    public void push(Operation operation, long userData, SqeFlags flags) {
        push(operation, userData, flags, 0);
    }

    /**
     * Pushes an operation that runs with the credentials of a registered personality
     * ({@link #registerPersonality()}) instead of the submitting thread's.
     *
     * <p>The personality is an argument of the push, like the flags and the user data, because it is a property of
     * the request that any operation can carry, written into the common {@code sqe.personality} field by the ring
     * rather than by each operation class.
     *
     * @param operation the request; its memory must stay open until it completes
     * @param userData any 64-bit value; the completion carries it back
     * @param flags {@code IOSQE_*} flags to add
     * @param personality an id from {@link #registerPersonality()}, or 0 for the submitter's own credentials
     * @throws IllegalStateException  if the submission queue is full or the ring is closed
     * @throws IllegalCallerException an operation of your own from a module without native access (see {@link Operation})
     */
    public void push(Operation operation, long userData, SqeFlags flags, int personality) {
        if (!tryPush(operation, userData, flags, personality)) {
            throw new IllegalStateException("submission queue is full (" + sq.entries()
                    + " entries): submit() before pushing more, or check sqSpaceLeft()");
        }
    }

    /**
     * Pushes an operation with no extra flags, or returns {@code false} if the submission queue is full.
     *
     * @param operation the request; its memory must stay open until it completes
     * @param userData any 64-bit value; the completion carries it back
     * @return whether it was pushed
     */
    public boolean tryPush(Operation operation, long userData) {
        return tryPush(operation, userData, SqeFlags.NONE, 0);
    }

    /**
     * Pushes an operation, or returns {@code false} if the submission queue is full.
     *
     * @param operation the request; its memory must stay open until it completes
     * @param userData any 64-bit value; the completion carries it back
     * @param flags {@code IOSQE_*} flags to add
     * @return whether it was pushed
     */
    public boolean tryPush(Operation operation, long userData, SqeFlags flags) {
        return tryPush(operation, userData, flags, 0);
    }

    /**
     * Pushes an operation run with a registered personality (0: none), or returns {@code false} if the SQ is full.
     *
     * @param operation the request; its memory must stay open until it completes
     * @param userData any 64-bit value; the completion carries it back
     * @param flags {@code IOSQE_*} flags to add
     * @param personality an id from {@link #registerPersonality()}, or 0
     * @return whether it was pushed
     */
    public boolean tryPush(Operation operation, long userData, SqeFlags flags, int personality) {
        ensureOpen();
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(flags, "flags");
        NativeAccess.requireFor(operation.getClass(), "a custom operation");
        Registrar.requirePersonality(personality);
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
        if (personality != 0) {
            sqe.personality(personality);
        }
        if (inSubmission[slot] != operation) {
            inSubmission[slot] = operation;
        }
        sq.commit();
        if (OBSERVE_PUSHES) {
            java.util.function.IntConsumer observer = pushObserver;
            if (observer != null) {
                observer.accept(sqe.opcodeValue());
            }
        }
        return true;
    }

    /**
     * A mark of the entries pushed so far, for {@link #unpush(int)}: lets a caller that pushes several entries as one
     * unit ({@link Link#pushTo}) take them all back when one of them fails.
     */
    int pushMark() {
        ensureOpen();
        return sq.tail();
    }

    /**
     * Takes back every entry pushed since {@link #pushMark()} returned {@code mark}: their slots are zeroed and free
     * again, and the ring lets go of their operations. Nothing may have been submitted in between.
     */
    void unpush(int mark) {
        ensureOpen();
        int tail = sq.tail();
        sq.rollback(mark);
        for (int i = mark; i != tail; i++) {
            inSubmission[i & (inSubmission.length - 1)] = null;
        }
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

    /**
     * Submits everything pushed so far and waits until at least {@code minComplete} completions are ready. The kernel
     * ends the wait early when a timeout request fires (timeouts wake waiters, {@code io_uring_enter(2)}); a signal
     * that interrupts the wait ({@code EINTR}, which the kernel reports as a successful submission when it had
     * submitted something) is waited out. So with {@code minComplete >= 1} it never returns with no completion ready.
     *
     * <p>A few pending entries (up to 8) are submitted alone first, through a downcall that skips the JVM's
     * thread-state transitions (an {@code io_uring_enter} without {@code GETEVENTS} cannot block): when the requests
     * complete as they are submitted (a NOP, a read from the page cache), that one system call is the whole round
     * trip. Otherwise the wait is a second {@code io_uring_enter}, and the next 64 waits go straight to it.
     *
     * @param minComplete completions to wait for, 0 (submit only) or more
     * @return the number of entries the kernel took (on SQPOLL rings: the number handed to the poll thread)
     * @throws IllegalStateException if another thread closes the ring meanwhile (see {@link #close()})
     */
    public int submitAndWait(int minComplete) {
        ensureOpen();
        if (minComplete < 0) {
            throw new IllegalArgumentException("minComplete must not be negative: " + minComplete);
        }
        beginWait(minComplete);
        int submitted;
        try {
            submitted = closed ? CLOSED_MEANWHILE : submitAndWaitOpen(minComplete);
        } catch (IllegalStateException e) {
            throw closed ? closedWhileWaiting("submitAndWait", e) : e;
        } finally {
            endWait();
        }
        if (submitted == CLOSED_MEANWHILE) {
            throw closedWhileWaiting("submitAndWait", null);
        }
        return submitted;
    }

    /**
     * The body of {@link #submitAndWait(int)} between the two halves of the {@link #waitingFor} handshake: the
     * entries submitted, or {@link #CLOSED_MEANWHILE} if another thread closed the ring.
     */
    private int submitAndWaitOpen(int minComplete) {
        int pending = sq.publish();
        int submitted = 0;
        if (pending > 0 && minComplete > 0 && trySubmitFirst(pending)) {
            // Submit alone first, through a critical downcall (it cannot block): requests that complete inline (a
            // NOP, a read from the page cache, a socket with data waiting) may leave nothing to wait for.
            int r = enter(pending, 0, 0, 0, 0);
            if (closed) {
                return CLOSED_MEANWHILE;
            }
            if (r < 0 && r != -EINTR) {
                throw enterFailure(-r);
            }
            if (r > 0) {
                submitted = r;
            }
            if (cq.ready() >= minComplete) {
                submitFirstSkips = 0;
                return closed ? CLOSED_MEANWHILE : submitted; // see waitingFor for why closed is read again
            }
            submitFirstSkips = SUBMIT_FIRST_BACKOFF;
            pending = sq.publish();
        }
        int enter = ENTER_GETEVENTS;
        if (sqPoll) {
            VarHandle.fullFence();
            enter |= (sq.flags() & SubmissionQueue.NEED_WAKEUP) != 0 ? ENTER_SQ_WAKEUP : 0;
        }
        int handedOver = pending;
        while (true) {
            int r = enter(pending, minComplete, enter, 0, 0);
            if (closed) {
                return CLOSED_MEANWHILE;
            }
            if (r < 0 && r != -EINTR) {
                throw enterFailure(-r);
            }
            if (r > 0) {
                submitted += r;
            }
            // Nothing ready after a wait for at least one: a signal cut it short (a timeout wakes waiters only by
            // posting its completion). Wait again, submitting whatever the kernel has not taken yet.
            if (r >= 0 && (minComplete == 0 || cq.ready() > 0 || flushPending())) {
                // Maybe completions close() posted to wake this thread: see waitingFor.
                return closed ? CLOSED_MEANWHILE : sqPoll ? handedOver : submitted;
            }
            pending = sq.publish();
        }
    }

    /**
     * Whether {@link #submitAndWaitOpen} submits {@code pending} entries alone before it waits: not on SQPOLL rings
     * (the kernel's thread submits) nor on IOPOLL rings (completions are found only by the wait's polling), only for
     * a few entries (the critical downcall holds safepoints off while the kernel issues them), and not for
     * {@link #SUBMIT_FIRST_BACKOFF} waits after a submission alone left the wait to do: requests that complete
     * later (a socket without data) would pay a second system call each time.
     */
    private boolean trySubmitFirst(int pending) {
        if (sqPoll || pollsOnEnter || pending > CRITICAL_SUBMIT_MAX) {
            return false;
        }
        if (submitFirstSkips > 0) {
            submitFirstSkips--;
            return false;
        }
        return true;
    }

    /**
     * Submits everything pushed so far and waits until at least {@code minComplete} completions are ready or
     * {@code timeoutNanos} have passed, without consuming any ({@code IORING_ENTER_EXT_ARG}, 5.11; liburing's
     * {@code io_uring_submit_and_wait_timeout(3)}). A signal that interrupts the wait is waited out. Allocates
     * nothing.
     *
     * @param minComplete completions to wait for, 0 or more
     * @param timeoutNanos the longest wait, in nanoseconds (0: do not wait)
     * @return whether {@code minComplete} completions are ready ({@code false}: the time ran out first)
     * @throws UnsupportedOperationException on kernels without {@code IORING_FEAT_EXT_ARG}
     * @throws IllegalStateException          if another thread closes the ring meanwhile (see {@link #close()})
     */
    public boolean submitAndWait(int minComplete, long timeoutNanos) {
        ensureOpen();
        requireWaitArguments(minComplete, timeoutNanos);
        return extendedWait(minComplete, WAIT_RELATIVE, timeoutNanos, false);
    }

    /**
     * {@link #submitAndWait(int, long)} with the calling thread's signal mask replaced by {@code signalMask} for the
     * duration of the wait, as {@code pselect(2)} does ({@code sigmask} of {@code IORING_ENTER_EXT_ARG}, 5.11;
     * liburing's {@code io_uring_wait_cqes(3)} with a {@code sigmask}). A signal the mask blocks stays pending until
     * the wait is over; one it lets through and that interrupts the wait is waited out, as in every other wait.
     * Allocates nothing.
     *
     * @param minComplete  how many completions to wait for
     * @param timeoutNanos the longest wait, in nanoseconds ({@link Long#MAX_VALUE}: practically none)
     * @param signalMask   the kernel {@code sigset_t} of 64 signals: bit {@code n - 1} blocks signal {@code n}
     * @return whether {@code minComplete} completions are ready ({@code false}: the time ran out first)
     * @throws UnsupportedOperationException on kernels without {@code IORING_FEAT_EXT_ARG}
     * @throws IllegalStateException          if another thread closes the ring meanwhile (see {@link #close()})
     */
    public boolean submitAndWait(int minComplete, long timeoutNanos, long signalMask) {
        ensureOpen();
        requireWaitArguments(minComplete, timeoutNanos);
        waitSigmask.set(JAVA_LONG, 0, signalMask);
        return extendedWait(minComplete, WAIT_RELATIVE, timeoutNanos, true);
    }

    /**
     * Submits everything pushed so far and waits until at least {@code minComplete} completions are ready or the
     * ring's wait clock reaches {@code deadlineNanos} ({@code IORING_ENTER_ABS_TIMER}, 6.12; liburing's
     * {@code IORING_ENTER_ABS_TIMER} with {@code io_uring_submit_and_wait_reg(3)}). The deadline is absolute, in
     * nanoseconds of the clock the ring measures waits on: {@link WaitClock#MONOTONIC} unless
     * {@link #registerClock} chose another; read it with {@link WaitClock#nanoTime()}. A wait that a signal cuts
     * short resumes against the same deadline. Allocates nothing.
     *
     * @param minComplete   how many completions to wait for
     * @param deadlineNanos the wait clock's time at which to stop waiting (a time already past: do not wait)
     * @return whether {@code minComplete} completions are ready ({@code false}: the deadline passed first)
     * @throws UnsupportedOperationException on kernels before 6.12 (without {@code IORING_FEAT_MIN_TIMEOUT}, which
     *                                       came with absolute timers)
     * @throws IllegalStateException          if another thread closes the ring meanwhile (see {@link #close()})
     */
    public boolean submitAndWaitUntil(int minComplete, long deadlineNanos) {
        ensureOpen();
        requireWaitArguments(minComplete, Math.max(0, deadlineNanos));
        if (!hasFeature(Feature.MIN_TIMEOUT)) {
            throw new UnsupportedOperationException("absolute wait deadlines need IORING_ENTER_ABS_TIMER (Linux 6.12)");
        }
        return extendedWait(minComplete, WAIT_ABSOLUTE, Math.max(0, deadlineNanos), false);
    }

    private void requireWaitArguments(int minComplete, long timeoutNanos) {
        if (minComplete < 0) {
            throw new IllegalArgumentException("minComplete must not be negative: " + minComplete);
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must not be negative: " + timeoutNanos);
        }
        if (!hasFeature(Feature.EXT_ARG)) {
            throw new UnsupportedOperationException("timed waits need IORING_FEAT_EXT_ARG (Linux 5.11)");
        }
    }

    /** How {@link #extendedWait} reads its {@code time}: a relative timeout in nanoseconds. */
    private static final int WAIT_RELATIVE = 0;
    /** How {@link #extendedWait} reads its {@code time}: a deadline on the ring's wait clock. */
    private static final int WAIT_ABSOLUTE = 1;
    /** How {@link #extendedWait} reads its {@code time}: the byte offset of a slot of the registered wait region. */
    private static final int WAIT_REGISTERED = 2;

    /**
     * The loop of the {@code EXT_ARG} waits, as {@code how} ({@link #WAIT_RELATIVE}, {@link #WAIT_ABSOLUTE} or
     * {@link #WAIT_REGISTERED}) reads {@code time}; {@code masked}: {@link #waitSigmask} holds the signal mask of the
     * wait (not with a registered slot, which holds its own).
     */
    private boolean extendedWait(int minComplete, int how, long time, boolean masked) {
        boolean relative = how == WAIT_RELATIVE;
        boolean registered = how == WAIT_REGISTERED;
        long deadline = relative ? System.nanoTime() + Math.min(time, Long.MAX_VALUE / 4) : 0;
        int flags = ENTER_GETEVENTS | ENTER_EXT_ARG | switch (how) {
            case WAIT_ABSOLUTE -> ENTER_ABS_TIMER;
            case WAIT_REGISTERED -> ENTER_EXT_ARG_REG;
            default -> 0;
        };
        long arg = registered ? time : waitArg.address();
        int argSize = registered ? WaitRegion.SLOT_SIZE : 24;
        beginWait(minComplete);
        try {
            while (!closed) {
                long remaining = relative ? Math.max(0, deadline - System.nanoTime()) : time;
                if (!registered) {
                    setWaitArg(remaining, masked ? waitSigmask.address() : 0L, 0);
                }
                int r = enter(sq.publish(), minComplete, flags | wakeupIfNeeded(), arg, argSize);
                boolean ready = cq.ready() >= minComplete;
                if (closed) {
                    break; // maybe completions close() posted to wake this thread: see waitingFor
                }
                if (ready) {
                    return true;
                }
                if (r == -ETIME || relative && remaining == 0) {
                    return false;
                }
                if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
                    throw enterFailure(-r);
                }
            }
        } catch (IllegalStateException e) {
            throw closed ? closedWhileWaiting("submitAndWait", e) : e;
        } finally {
            endWait();
        }
        throw closedWhileWaiting("submitAndWait", null);
    }

    /**
     * Fills {@link #waitArg}, the {@code struct io_uring_getevents_arg} of an {@code EXT_ARG} wait: the signal mask's
     * address (0: none), {@code min_wait_usec}, and {@link #waitTimespec} holding {@code timeNanos}.
     */
    private void setWaitArg(long timeNanos, long sigmaskAddress, int minWaitMicros) {
        waitTimespec.set(JAVA_LONG, 0, timeNanos / 1_000_000_000L);
        waitTimespec.set(JAVA_LONG, 8, timeNanos % 1_000_000_000L);
        waitArg.set(JAVA_LONG, 0, sigmaskAddress);
        waitArg.set(JAVA_INT, 8, 8);
        waitArg.set(JAVA_INT, 12, minWaitMicros);
        waitArg.set(JAVA_LONG, 16, waitTimespec.address());
    }

    /** Whether completions wait to be flushed into the CQ (CQ overflow, pending task work). */
    private boolean flushPending() {
        return needsFlush(sq.flags());
    }

    /** {@return the number of free submission slots} */
    public int sqSpaceLeft() {
        ensureOpen();
        return sq.spaceLeft();
    }

    /**
     * Waits until the submission queue has a free slot ({@code IORING_ENTER_SQ_WAIT}, 5.10; {@code
     * io_uring_sqring_wait(3)}). On an {@code SQPOLL} ring the kernel thread, not {@link #submit()}, empties the
     * queue: a producer that finds it full sleeps here until the thread has taken entries, instead of retrying in a
     * busy loop. Everything pushed is handed to the thread first (waking it if it sleeps).
     *
     * @throws IllegalStateException on a ring without {@code SQPOLL} whose queue is full: only {@link #submit()}
     *                               empties it there (returns at once if it has room)
     */
    public void awaitSqSpace() {
        ensureOpen();
        if (sq.spaceLeft() > 0) {
            return;
        }
        if (!sqPoll) {
            throw new IllegalStateException("the submission queue is full and only SQPOLL rings empty it on their"
                    + " own: submit() instead");
        }
        int pending = sq.publish();
        while (sq.spaceLeft() == 0) {
            int r = enter(pending, 0, ENTER_SQ_WAIT | wakeupIfNeeded(), 0, 0);
            if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
                throw enterFailure(-r);
            }
        }
    }

    /**
     * Whether a thread that waits on this ring while it has requests in flight counts as waiting for I/O
     * ({@code IORING_ENTER_NO_IOWAIT}, 6.15; {@code io_uring_set_iowait(3)}); {@code true} by default. The kernel
     * accounts such a thread like one blocked on a disk: its idle CPU shows as iowait (in {@code top}, {@code
     * /proc/stat}), and some cpufreq governors raise the clock for it. A loop that mostly waits for sockets should
     * turn it off ({@code io.liouring.async}'s loops do where the kernel can).
     *
     * @param enabled {@code false}: every later wait passes {@code IORING_ENTER_NO_IOWAIT}
     * @throws UnsupportedOperationException for {@code false} on kernels without {@code IORING_FEAT_NO_IOWAIT}
     */
    public void iowait(boolean enabled) {
        ensureOpen();
        if (!enabled && !hasFeature(Feature.NO_IOWAIT)) {
            throw new UnsupportedOperationException("waits that do not count as iowait need IORING_FEAT_NO_IOWAIT"
                    + " (Linux 6.15)");
        }
        waitFlags = enabled ? 0 : ENTER_NO_IOWAIT;
    }

    /**
     * Whether waits count as iowait (see {@link #iowait(boolean)}).
     *
     * @return {@code false} once {@code iowait(false)} is in effect
     */
    public boolean iowait() {
        ensureOpen();
        return waitFlags == 0;
    }

    /**
     * Registers a region of {@code slots} wait arguments shared with the kernel ({@code IORING_REGISTER_MEM_REGION}
     * with {@code IORING_MEM_REGION_REG_WAIT_ARG}, 6.13; {@code io_uring_register_region(3)}): a wait then names a
     * slot ({@link #submitAndWait(int, WaitRegion, int)}) instead of passing its timeout in a structure the kernel
     * copies on every call. Once per ring, on a ring created with {@code Params.builder().rDisabled()} and not yet
     * {@link #enable() enabled} (the kernel's rule: no waiter may race the set-up). The region's memory lives as long
     * as the ring.
     *
     * @param slots how many wait arguments (64 bytes each; the region is rounded up to whole pages)
     * @return the region, whose slots the caller fills
     * @throws UringException with EINVAL if the ring is enabled already or the kernel is older than 6.13, EBUSY if
     *                        the ring has a region
     */
    public WaitRegion registerWaitRegion(int slots) {
        ensureOpen();
        if (slots <= 0 || slots > WaitRegion.MAX_SLOTS) {
            throw new IllegalArgumentException("slots must be between 1 and " + WaitRegion.MAX_SLOTS + ": " + slots);
        }
        WaitRegion region = WaitRegion.allocate(arena, slots);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment desc = a.allocate(64, 8);
            desc.set(JAVA_LONG, 0, region.memory().address());
            desc.set(JAVA_LONG, 8, region.memory().byteSize());
            desc.set(JAVA_INT, 16, WaitRegion.TYPE_USER);
            MemorySegment reg = a.allocate(32, 8);
            reg.set(JAVA_LONG, 0, desc.address());
            reg.set(JAVA_LONG, 8, WaitRegion.REG_WAIT_ARG);
            try {
                register(RegisterOp.REGISTER_MEM_REGION, reg, 1);
            } catch (UringException e) {
                throw new UringException(e.call(), e.errnoNumber(), switch (e.errnoNumber()) {
                    case 22 -> "a wait region needs a ring created with Params.builder().rDisabled() and not enabled"
                            + " yet (Linux 6.13)";
                    case 16 -> "this ring has a registered region already";
                    default -> null;
                });
            }
        }
        waitRegion = region;
        return region;
    }

    /**
     * Registers a zero-copy receive queue ({@code IORING_REGISTER_ZCRX_IFQ}, 6.15; the kernel's {@code
     * Documentation/networking/iou-zcrx.rst}, no man page): receive queue {@code rxQueue} of network interface
     * {@code ifIndex} then receives into an area of this ring's memory, which {@link io.liouring.operation.RecvZc}
     * reads without copying. The area and the refill ring ({@code struct io_uring_region_desc} of user memory) are
     * allocated here and live as long as the ring; so does the registration (the kernel has no unregister call).
     *
     * <p>The kernel checks, in this order: {@code CAP_NET_ADMIN} ({@code EPERM}); a ring created with {@code
     * DEFER_TASKRUN}, then with {@code CQE32} or {@code CQE_MIXED} ({@code EINVAL}); {@code refillEntries} at most
     * {@link ZeroCopyRx#MAX_REFILL_ENTRIES} unless the ring has {@code CLAMP} ({@code EINVAL}); the interface
     * ({@code ENODEV}); a device behind it ({@code EOPNOTSUPP}: a virtual interface such as {@code lo}); then the
     * NIC's queue: it must support header/data split and io_uring memory providers. Not run end to end by this
     * library's tests: no NIC of the build machines can.
     *
     * @param ifIndex       the network interface's index ({@code if_nametoindex(3)})
     * @param rxQueue       the interface's receive queue, whose flows the application steers to it (ethtool)
     * @param refillEntries refill ring entries (the kernel rounds up to a power of two)
     * @param areaBytes     the receive area's size (rounded up to whole 64 KiB)
     * @return the registered queue
     * @throws IllegalArgumentException if an argument is negative, or {@code refillEntries} or {@code areaBytes}
     *                                  is 0
     * @throws UringException           with the errno of the first check the kernel refuses (see above)
     */
    public ZeroCopyRx registerZeroCopyRx(int ifIndex, int rxQueue, int refillEntries, long areaBytes) {
        ensureOpen();
        if (ifIndex < 0) {
            throw new IllegalArgumentException("ifIndex must not be negative: " + ifIndex);
        }
        if (rxQueue < 0) {
            throw new IllegalArgumentException("rxQueue must not be negative: " + rxQueue);
        }
        if (refillEntries <= 0) {
            throw new IllegalArgumentException("refillEntries must be positive: " + refillEntries);
        }
        if (areaBytes <= 0) {
            throw new IllegalArgumentException("areaBytes must be positive: " + areaBytes);
        }
        int entries = ZeroCopyRx.roundedEntries((setupFlags & Params.CLAMP) != 0
                ? Math.min(refillEntries, ZeroCopyRx.MAX_REFILL_ENTRIES) : refillEntries);
        // Freed with the ring's dependents, after its fd (the kernel pins both while registered); at once on failure.
        Arena memory = Arena.ofShared();
        MemorySegment refillRing = ZeroCopyRx.allocatePages(memory, ZeroCopyRx.refillRingBytes(entries));
        MemorySegment area = ZeroCopyRx.allocatePages(memory, areaBytes);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment region = a.allocate(ZeroCopyRx.REGION_DESC_SIZE, 8);
            region.set(JAVA_LONG, 0, refillRing.address());
            region.set(JAVA_LONG, 8, refillRing.byteSize());
            region.set(JAVA_INT, 16, WaitRegion.TYPE_USER);
            MemorySegment areaReg = a.allocate(ZeroCopyRx.AREA_REG_SIZE, 8);
            areaReg.set(JAVA_LONG, ZeroCopyRx.AREA_ADDR, area.address());
            areaReg.set(JAVA_LONG, ZeroCopyRx.AREA_LEN, area.byteSize());
            MemorySegment reg = a.allocate(ZeroCopyRx.IFQ_REG_SIZE, 8);
            reg.set(JAVA_INT, ZeroCopyRx.IFQ_IF_IDX, ifIndex);
            reg.set(JAVA_INT, ZeroCopyRx.IFQ_IF_RXQ, rxQueue);
            reg.set(JAVA_INT, ZeroCopyRx.IFQ_RQ_ENTRIES, refillEntries);
            reg.set(JAVA_LONG, ZeroCopyRx.IFQ_AREA_PTR, areaReg.address());
            reg.set(JAVA_LONG, ZeroCopyRx.IFQ_REGION_PTR, region.address());
            try {
                register(RegisterOp.REGISTER_ZCRX_IFQ, reg, 1);
            } catch (RuntimeException e) {
                memory.close();
                if (!(e instanceof UringException u)) {
                    throw e;
                }
                throw new UringException(u.call(), u.errnoNumber(), switch (u.errnoNumber()) {
                    case 1 -> "zero-copy receive needs CAP_NET_ADMIN";
                    case 22 -> "zero-copy receive needs a ring with DEFER_TASKRUN and CQE32 or CQE_MIXED, and at most "
                            + ZeroCopyRx.MAX_REFILL_ENTRIES + " refill entries without CLAMP (Linux 6.15)";
                    case 19 -> "no network interface has index " + ifIndex;
                    case 95 -> "interface " + ifIndex + " or its receive queue " + rxQueue
                            + " cannot receive into io_uring memory (no device, header/data split or queue management)";
                    default -> null;
                });
            }
            dependents.add(memory::close);
            int off = ZeroCopyRx.IFQ_OFFSETS;
            return new ZeroCopyRx(reg.get(JAVA_INT, ZeroCopyRx.IFQ_ZCRX_ID), area,
                    areaReg.get(JAVA_LONG, ZeroCopyRx.AREA_TOKEN), refillRing,
                    reg.get(JAVA_INT, ZeroCopyRx.IFQ_RQ_ENTRIES), reg.get(JAVA_INT, off),
                    reg.get(JAVA_INT, off + 4), reg.get(JAVA_INT, off + 8));
        }
    }

    /**
     * Submits everything pushed so far and waits as slot {@code slot} of the ring's registered wait region says
     * ({@code IORING_ENTER_EXT_ARG} with {@code IORING_ENTER_EXT_ARG_REG}, 6.13; {@code
     * io_uring_submit_and_wait_reg(3)}): until {@code minComplete} completions are ready, or its timeout
     * passes. A signal that interrupts the wait is waited out (the slot's timeout starts again). Allocates nothing.
     *
     * @param minComplete how many completions to wait for
     * @param region      the region {@link #registerWaitRegion(int)} returned for this ring
     * @param slot        the wait argument to use
     * @return whether {@code minComplete} completions are ready ({@code false}: the slot's timeout passed first)
     * @throws IllegalStateException if another thread closes the ring meanwhile (see {@link #close()})
     */
    public boolean submitAndWait(int minComplete, WaitRegion region, int slot) {
        ensureOpen();
        if (region == null || region != waitRegion) {
            throw new IllegalArgumentException("region must be the wait region registered with this ring: " + region);
        }
        long offset = region.offsetOf(slot);
        if (minComplete < 0) {
            throw new IllegalArgumentException("minComplete must not be negative: " + minComplete);
        }
        return extendedWait(minComplete, WAIT_REGISTERED, offset, false);
    }

    // ---------------------------------------------------------------- completion

    /** {@return the number of completions ready to be reaped without entering the kernel} */
    public int cqReady() {
        ensureOpen();
        return cq.ready();
    }

    /**
     * Waits for the next completion and consumes it. Anything pushed but not yet submitted is submitted
     * first, so a wait can never stall on a request the kernel has not seen. Retries when interrupted by a
     * signal ({@code EINTR}).
     *
     * @return the completion, consumed
     * @throws IllegalStateException if another thread closes the ring meanwhile (see {@link #close()})
     */
    public Completion waitCompletion() {
        ensureOpen();
        ensureNotReaping("waitCompletion()");
        beginWait(1);
        try {
            while (!closed) {
                Completion c = cq.poll();
                if (c != null) {
                    if (closed) {
                        break; // maybe a completion close() posted to wake this thread: see waitingFor
                    }
                    return c;
                }
                int r = enter(sq.publish(), 1, ENTER_GETEVENTS | wakeupIfNeeded(), 0, 0);
                if (closed) {
                    break;
                }
                if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
                    throw enterFailure(-r);
                }
            }
        } catch (IllegalStateException e) {
            throw closed ? closedWhileWaiting("waitCompletion", e) : e;
        } finally {
            endWait();
        }
        throw closedWhileWaiting("waitCompletion", null);
    }

    /**
     * Waits at most {@code timeout} for the next completion ({@code IORING_ENTER_EXT_ARG}, 5.11) and consumes
     * it; empty if none came in time. Submits anything pushed first, as {@link #waitCompletion()} does.
     *
     * @param timeout the longest wait, not negative
     * @return the completion, consumed, or empty
     * @throws IllegalStateException if another thread closes the ring meanwhile (see {@link #close()})
     */
    public Optional<Completion> waitCompletion(Duration timeout) {
        ensureOpen();
        ensureNotReaping("waitCompletion(timeout)");
        return timedWait(1, 0, requireNonNegative(timeout, "timeout"));
    }

    /**
     * Waits for a batch: until {@code count} completions are ready, or, once {@code minWait} has passed, until at
     * least one is ({@code min_wait_usec} of {@code IORING_ENTER_EXT_ARG}, 6.12, {@code IORING_FEAT_MIN_TIMEOUT};
     * {@code io_uring_submit_and_wait_min_timeout(3)}); at most {@code timeout} in all. Consumes and returns the
     * first completion, leaving the rest ready for {@link #forEachCompletion}; empty if none came in time.
     * Submits anything pushed first.
     *
     * @param count   how many completions make a full batch (at least 1)
     * @param minWait how long to wait for a full batch before settling for any (microsecond precision)
     * @param timeout the longest wait in all, not negative
     * @return the first completion, consumed, or empty
     * @throws UnsupportedOperationException on kernels without {@code IORING_FEAT_MIN_TIMEOUT}
     * @throws IllegalStateException          if another thread closes the ring meanwhile (see {@link #close()})
     */
    public Optional<Completion> waitCompletion(int count, Duration minWait, Duration timeout) {
        ensureOpen();
        ensureNotReaping("waitCompletion(count, minWait, timeout)");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        long minWaitMicros = saturatedNanos(requireNonNegative(minWait, "minWait")) / 1000;
        if (minWaitMicros > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("minWait must be below 2^32 microseconds (about 71 minutes): " + minWait);
        }
        if (minWaitMicros > 0 && !hasFeature(Feature.MIN_TIMEOUT)) {
            throw new UnsupportedOperationException("waits with a minimum need IORING_FEAT_MIN_TIMEOUT (Linux 6.12)");
        }
        return timedWait(count, (int) minWaitMicros, requireNonNegative(timeout, "timeout"));
    }

    private Optional<Completion> timedWait(int count, int minWaitMicros, Duration timeout) {
        if (!hasFeature(Feature.EXT_ARG)) {
            throw new UnsupportedOperationException("timed waits need IORING_FEAT_EXT_ARG (Linux 5.11)");
        }
        long deadline = System.nanoTime() + Math.min(saturatedNanos(timeout), Long.MAX_VALUE / 4);
        beginWait(count);
        try {
            while (!closed) {
                boolean take = cq.ready() >= count;
                if (!take) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        flushCompletions();
                        take = true; // whatever is there, if anything
                    } else {
                        setWaitArg(remaining, 0L, minWaitMicros);
                        int r = enter(sq.publish(), count, ENTER_GETEVENTS | ENTER_EXT_ARG | wakeupIfNeeded(),
                                waitArg.address(), 24);
                        if (closed) {
                            break;
                        }
                        if (r < 0 && r != -ETIME && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
                            throw enterFailure(-r);
                        }
                        // timed out, or the minimum wait passed with a partial batch
                        take = r == -ETIME || r >= 0 && minWaitMicros != 0 && cq.ready() > 0;
                    }
                }
                if (take) {
                    Completion c = cq.poll();
                    if (closed) {
                        break; // maybe a completion close() posted to wake this thread: see waitingFor
                    }
                    return Optional.ofNullable(c);
                }
            }
        } catch (IllegalStateException e) {
            throw closed ? closedWhileWaiting("waitCompletion", e) : e;
        } finally {
            endWait();
        }
        throw closedWhileWaiting("waitCompletion", null);
    }

    /** Starts a blocking call of the {@link #waitingFor} handshake: the caller reads {@link #closed} next. */
    private void beginWait(int minComplete) {
        Thread current = Thread.currentThread();
        if (lastWaiter != current) {
            lastWaiter = current;
        }
        if (ProcessFence.AVAILABLE) {
            WAITING_FOR.setOpaque(this, minComplete);
        } else {
            waitingFor = minComplete;
        }
    }

    /**
     * Ends a blocking call of the {@link #waitingFor} handshake; if {@code close()} left the release of the ring to
     * this thread, releases it.
     */
    private void endWait() {
        if (ProcessFence.AVAILABLE) {
            WAITING_FOR.setOpaque(this, 0);
        } else {
            waitingFor = 0;
        }
        if (closed) {
            synchronized (closeLock) {
                if (releaseLeftToWaiter) {
                    releaseLeftToWaiter = false;
                    release();
                }
            }
        }
    }

    /**
     * The exception of a blocking call that found the ring closed by another thread. {@code cause}, if not
     * {@code null}, is what the call threw meanwhile: FFM's "Already closed", which only a second thread waiting on
     * the ring at the same time can meet, since the ring's memory is released after the (single) waiter has left.
     */
    private static IllegalStateException closedWhileWaiting(String call, IllegalStateException cause) {
        return new IllegalStateException(CLOSED_WHILE_WAITING + " in " + call + "()", cause);
    }

    private static Duration requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }

    private static long saturatedNanos(Duration duration) {
        return duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : duration.toNanos();
    }

    /**
     * Consumes the next completion if one is ready, without waiting. When the completion queue is empty on a ring
     * whose completions wait for the kernel to be entered (DEFER_TASKRUN, CQ overflow, IOPOLL without SQPOLL, where a
     * polled request's completion is posted only when someone polls for it), this enters the kernel once with
     * {@code GETEVENTS}, without blocking, to collect them, as liburing does.
     *
     * @return the completion, consumed, or empty if none was ready
     */
    public Optional<Completion> tryCompletion() {
        ensureOpen();
        ensureNotReaping("tryCompletion()");
        Completion c = cq.poll();
        if (c == null && collectHeldBack()) {
            c = cq.poll();
        }
        return Optional.ofNullable(c);
    }

    /**
     * {@return the next completion without consuming it, or empty; collects held-back completions as {@link
     * #tryCompletion()} does}
     */
    public Optional<Completion> peekCompletion() {
        ensureOpen();
        ensureNotReaping("peekCompletion()");
        Completion c = cq.peek();
        if (c == null && collectHeldBack()) {
            c = cq.peek();
        }
        return Optional.ofNullable(c);
    }

    /**
     * Reaps every ready completion into {@code handler}, as primitives: no allocation. Flushes overflowed
     * completions first, and on an IOPOLL ring (without SQPOLL) with an empty completion queue polls once for
     * completed requests, as {@link #tryCompletion()} does. If the handler throws, the completions before it stay
     * consumed.
     *
     * <p>Not reentrant: while the pass runs, reaping this ring again from a handler ({@code forEachCompletion},
     * {@code tryCompletion}, {@code peekCompletion}, {@code waitCompletion}, {@code resize}) throws
     * {@link IllegalStateException}, since it would move the completion head under the pass. Pushing and submitting
     * from a handler are allowed; what they complete is handed out by a later pass.
     *
     * @param handler gets each completion, on this thread
     * @return the number of completions handled
     * @throws IllegalStateException if called from a handler of a pass on this ring
     */
    public int forEachCompletion(CompletionHandler handler) {
        ensureOpen();
        Objects.requireNonNull(handler, "handler");
        ensureNotReaping("forEachCompletion()");
        if (needsFlush(sq.flags()) || pollsOnEnter && cq.ready() == 0) {
            flushCompletions();
        }
        reaping = true;
        try {
            return cq.forEach(handler);
        } finally {
            reaping = false;
        }
    }

    private void ensureNotReaping(String call) {
        if (reaping) {
            throw new IllegalStateException("forEachCompletion is not reentrant: " + call + " was called from a"
                    + " completion handler of this ring; reap after the pass returns (pushing and submitting from a"
                    + " handler are fine)");
        }
    }

    /** Enters once to collect completions the kernel posts only when entered; called with the CQ empty. */
    private boolean collectHeldBack() {
        if (deferTaskrun || pollsOnEnter || needsFlush(sq.flags())) {
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

    /**
     * {@code io_uring_enter} through the registered ring fd when this thread registered it. Calls without a wait
     * argument go first without errno capture (see {@link IoUringSys#enterWithoutErrno}): allocation-free however
     * the JIT compiles the caller. Only a failure is repeated with errno captured; a failure that was the one-time
     * report of dropped completions shows as a rise of the ring's overflow counter and is returned as EBADR
     * instead, since repeating it could wait for a completion that will never come. An enter that only submits (no
     * {@code GETEVENTS}, no {@code SQ_WAIT}: it cannot wait) of at most {@link #CRITICAL_SUBMIT_MAX} entries goes
     * through a critical downcall ({@link IoUringSys#submitWithoutWaiting}), which skips the thread-state transitions.
     */
    private int enter(int toSubmit, int minComplete, int flags, long arg, long argSize) {
        enterCalls++;
        int ringFd = fd;
        Thread owner = ringFdOwner;
        if (owner != null && owner == Thread.currentThread()) {
            ringFd = registeredIndex;
            flags |= ENTER_REGISTERED_RING;
        }
        if ((flags & ENTER_GETEVENTS) != 0) {
            flags |= waitFlags;
        }
        if (argSize == 0) {
            int r = (flags & (ENTER_GETEVENTS | ENTER_SQ_WAIT)) == 0 && toSubmit <= CRITICAL_SUBMIT_MAX
                    ? IoUringSys.submitWithoutWaiting(ringFd, toSubmit, flags)
                    : IoUringSys.enterWithoutErrno(ringFd, toSubmit, minComplete, flags);
            if (r != -1) {
                return r;
            }
            int dropped = cq.overflow();
            if (dropped != droppedReported) {
                droppedReported = dropped;
                return -EBADR;
            }
        }
        int r = IoUringSys.enter(errno, ringFd, toSubmit, minComplete, flags, arg, argSize);
        if (r == -EBADR) {
            droppedReported = cq.overflow();
        }
        return r;
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
            case 77 -> "the ring is disabled (Params.builder().rDisabled()): enable() it first";
            case 53 -> "the kernel dropped completions: the CQ overflowed and its overflow list could not grow";
            case 9 -> "the ring's file descriptor is not valid";
            default -> null;
        };
        return new UringException("io_uring_enter", err, hint);
    }

    // ---------------------------------------------------------------- registration and information

    // -------- registered ring fd

    /**
     * Registers this ring's fd with the calling thread ({@code IORING_REGISTER_RING_FDS}, 5.18), so that its later
     * enters skip the fd lookup. The kernel keeps the registration per OS thread: enters from other threads keep
     * using the plain fd, and a virtual thread, which can move between carrier threads, may not register. The
     * registration holds a reference to the ring; {@link #unregisterRingFd()} or {@link #close()} on the same
     * thread drops it (a thread holds at most 16). Idempotent.
     *
     * @throws IllegalStateException on a virtual thread, or if another thread registered the fd already
     */
    public void registerRingFd() {
        ensureOpen();
        Thread current = Thread.currentThread();
        if (ringFdOwner == current) {
            return;
        }
        if (ringFdOwner != null) {
            throw new IllegalStateException("the ring fd is already registered by thread " + ringFdOwner.getName());
        }
        if (current.isVirtual()) {
            throw new IllegalStateException("a registered ring fd belongs to one OS thread, and a virtual thread can"
                    + " move between carriers: register it from a platform thread");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment update = a.allocate(16, 8);
            update.set(JAVA_INT, 0, -1);
            update.set(JAVA_LONG, 8, fd);
            register(RegisterOp.REGISTER_RING_FDS, update, 1);
            registeredIndex = update.get(JAVA_INT, 0);
            ringFdOwner = current;
        }
    }

    /**
     * Drops the registration of {@link #registerRingFd()} ({@code IORING_UNREGISTER_RING_FDS}, 5.18); enters use
     * the plain fd again. Does nothing if the fd is not registered.
     *
     * @throws IllegalStateException if another thread registered it: only that thread can unregister
     */
    public void unregisterRingFd() {
        ensureOpen();
        if (ringFdOwner == null) {
            return;
        }
        if (ringFdOwner != Thread.currentThread()) {
            throw new IllegalStateException("the ring fd was registered by thread " + ringFdOwner.getName()
                    + "; the kernel keeps it per thread, so only that thread can unregister it");
        }
        int r = dropRingFdRegistration();
        if (r < 0) {
            throw new UringException("io_uring_register(" + RegisterOp.UNREGISTER_RING_FDS.name() + ")", -r);
        }
        ringFdOwner = null;
    }

    /** {@code IORING_UNREGISTER_RING_FDS} of the calling thread's registration: the kernel's result or {@code -errno}. */
    private int dropRingFdRegistration() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment update = a.allocate(16, 8);
            update.set(JAVA_INT, 0, registeredIndex);
            return IoUringSys.register(errno, fd, RegisterOp.UNREGISTER_RING_FDS.code(), update.address(), 1);
        }
    }

    /** The calling thread's registered index of this ring's fd ({@link #registerRingFd()}), or -1. */
    int registeredIndexOfCurrentThread() {
        return ringFdOwner != null && ringFdOwner == Thread.currentThread() ? registeredIndex : -1;
    }

    /** {@return whether {@link #registerRingFd()} is in effect (for enters from the thread that registered it)} */
    public boolean isRingFdRegistered() {
        return ringFdOwner != null;
    }

    // -------- registered buffers

    /**
     * Registers buffers for the fixed-buffer operations ({@code IORING_REGISTER_BUFFERS}, 5.1): the kernel
     * pins them once instead of on every request. Replaces no earlier set; unregister first. The ring keeps
     * the segments reachable until they are unregistered; do not close their arena before that.
     *
     * @param buffers native segments (the kernel takes at most 16384, each at most 1 GiB)
     * @return the kernel's result (0)
     */
    public int registerBuffers(MemorySegment... buffers) {
        ensureOpen();
        return registrar.registerBuffers(buffers);
    }

    /**
     * Registers buffers with a tag each ({@code IORING_REGISTER_BUFFERS2}, 5.13). When a tagged buffer leaves the
     * table (replaced by {@link #updateBuffers}, unregistered, or the ring closes while it waits for its last
     * request), the kernel posts a completion whose {@code userData} is the tag and whose result is 0: from then on
     * the memory is no longer in use. Tag 0 means none; {@link MemorySegment#NULL} leaves a slot empty.
     *
     * @param buffers native segments; {@link MemorySegment#NULL} for an empty slot
     * @param tags one per buffer, 0 for none
     */
    public void registerBuffers(MemorySegment[] buffers, long[] tags) {
        ensureOpen();
        registrar.registerBuffers(buffers, tags);
    }

    /**
     * Registers a table of {@code count} empty buffer slots ({@code IORING_REGISTER_BUFFERS2} with
     * {@code IORING_RSRC_REGISTER_SPARSE}, 5.13), to be filled with {@link #updateBuffers}.
     *
     * @param count number of slots, positive
     */
    public void registerBuffersSparse(int count) {
        ensureOpen();
        registrar.registerBuffersSparse(count);
    }

    /**
     * Replaces buffer slots from {@code offset} ({@code IORING_REGISTER_BUFFERS_UPDATE}, 5.13);
     * {@link MemorySegment#NULL} empties a slot. Requests already using a replaced buffer keep it until they complete.
     *
     * @param offset the first slot to replace, not negative
     * @param buffers the new buffers
     * @return the number of slots updated
     */
    public int updateBuffers(int offset, MemorySegment... buffers) {
        ensureOpen();
        return registrar.updateBuffers(offset, buffers, null);
    }

    /**
     * {@link #updateBuffers(int, MemorySegment...)} with a tag per new buffer, as in {@link #registerBuffers(MemorySegment[], long[])}.
     *
     * @param offset the first slot to replace, not negative
     * @param buffers the new buffers
     * @param tags one per buffer, 0 for none
     * @return the number of slots updated
     */
    public int updateBuffers(int offset, MemorySegment[] buffers, long[] tags) {
        ensureOpen();
        return registrar.updateBuffers(offset, buffers, tags);
    }

    /**
     * Shares every registered buffer of {@code source} with this ring, which must have none yet
     * ({@code IORING_REGISTER_CLONE_BUFFERS}, 6.12): the pages are pinned once for both rings. If the calling thread
     * registered {@code source}'s fd ({@link #registerRingFd()}), the kernel is given its registered index
     * ({@code IORING_REGISTER_SRC_REGISTERED}) and skips the fd lookup.
     *
     * @param source a ring with registered buffers; it stays usable
     */
    public void cloneBuffers(LioUring source) {
        cloneBuffers(source, 0, 0, 0, false);
    }

    /**
     * Shares {@code count} registered buffers of {@code source}, from its slot {@code srcOffset}, into this ring's
     * slots from {@code dstOffset} (6.13). With {@code replace} this ring's existing table is kept outside that
     * range and replaced inside it; without, this ring must have no buffers yet. A count of 0 clones them all.
     *
     * @param source a ring with registered buffers; it stays usable
     * @param srcOffset the first slot of {@code source} to share
     * @param dstOffset the first slot of this ring to fill
     * @param count number of slots, 0 for all
     * @param replace whether to replace buffers this ring already has in the range
     */
    public void cloneBuffers(LioUring source, int srcOffset, int dstOffset, int count, boolean replace) {
        ensureOpen();
        registrar.cloneBuffers(source, srcOffset, dstOffset, count, replace);
    }

    /** Unregisters the buffers of {@link #registerBuffers} ({@code IORING_UNREGISTER_BUFFERS}). */
    public void unregisterBuffers() {
        ensureOpen();
        registrar.unregisterBuffers();
    }

    /**
     * {@return the registered buffer at {@code index}, as given to {@link #registerBuffers}, {@link #updateBuffers} or
     * {@link #cloneBuffers}}
     *
     * @param index the slot, not negative
     * @throws IllegalArgumentException if there is no such slot or it is empty
     */
    public MemorySegment registeredBuffer(int index) {
        ensureOpen();
        return registrar.registeredBuffer(index);
    }

    // -------- registered files

    /**
     * Registers a file table ({@code IORING_REGISTER_FILES}, 5.1); index {@code i} then stands for
     * {@code fds[i]} in requests pushed with {@link SqeFlags#FIXED_FILE}. {@code -1} leaves a slot empty.
     *
     * @param fds descriptors, {@code -1} for an empty slot; the ring holds its own references
     */
    public void registerFiles(int... fds) {
        ensureOpen();
        registrar.registerFiles(fds);
    }

    /**
     * Registers a file table with a tag per slot ({@code IORING_REGISTER_FILES2}, 5.13): when a tagged file leaves
     * the table, the kernel posts a completion whose {@code userData} is the tag and whose result is 0. Tag 0 means
     * none; an fd of {@code -1} (an empty slot) must have tag 0.
     *
     * @param fds descriptors, {@code -1} for an empty slot
     * @param tags one per slot, 0 for none
     */
    public void registerFiles(int[] fds, long[] tags) {
        ensureOpen();
        registrar.registerFiles(fds, tags);
    }

    /**
     * Registers a table of {@code count} empty slots ({@code IORING_REGISTER_FILES2} sparse, 5.19), for direct descriptors.
     *
     * @param count number of slots, positive
     */
    public void registerFilesSparse(int count) {
        ensureOpen();
        registrar.registerFilesSparse(count);
    }

    /**
     * Replaces slots of the file table from {@code offset} ({@code IORING_REGISTER_FILES_UPDATE}, 5.5);
     * {@code -1} empties a slot.
     *
     * @param offset the first slot to replace, not negative
     * @param fds the new descriptors
     * @return the number of slots updated
     */
    public int updateFiles(int offset, int... fds) {
        ensureOpen();
        return registrar.updateFiles(offset, fds);
    }

    /**
     * {@link #updateFiles(int, int...)} with a tag per new file ({@code IORING_REGISTER_FILES_UPDATE2}, 5.13).
     *
     * @param offset the first slot to replace, not negative
     * @param fds the new descriptors
     * @param tags one per descriptor, 0 for none
     * @return the number of slots updated
     */
    public int updateFiles(int offset, int[] fds, long[] tags) {
        ensureOpen();
        return registrar.updateFiles(offset, fds, tags);
    }

    /**
     * Limits the slots the kernel picks from when it allocates a direct descriptor ("allocate one", e.g.
     * {@code OpenAt.directAllocate()}) to {@code length} slots from {@code offset}
     * ({@code IORING_REGISTER_FILE_ALLOC_RANGE}, 6.0). Slots outside the range stay usable by number.
     *
     * @param offset the first slot of the range, not negative
     * @param length number of slots in the range, positive
     */
    public void fileAllocRange(int offset, int length) {
        ensureOpen();
        registrar.fileAllocRange(offset, length);
    }

    /** Unregisters the file table ({@code IORING_UNREGISTER_FILES}). */
    public void unregisterFiles() {
        ensureOpen();
        registrar.unregisterFiles();
    }

    // -------- eventfd, personalities, restrictions

    /**
     * Registers an eventfd that the kernel signals whenever it posts a completion ({@code IORING_REGISTER_EVENTFD},
     * 5.2; {@code io_uring_register_eventfd(3)}), so that a thread can wait for the ring in poll/epoll. The ring
     * holds its own reference: closing the eventfd later is safe.
     *
     * @param eventFd an open eventfd
     */
    public void registerEventFd(int eventFd) {
        ensureOpen();
        registrar.registerEventFd(eventFd, false);
    }

    /**
     * Registers an eventfd signalled only for completions posted asynchronously, from io-wq workers, not for those
     * that completed inline while submitting ({@code IORING_REGISTER_EVENTFD_ASYNC}, 5.6).
     *
     * @param eventFd an open eventfd
     */
    public void registerEventFdAsync(int eventFd) {
        ensureOpen();
        registrar.registerEventFd(eventFd, true);
    }

    /** Unregisters the eventfd ({@code IORING_UNREGISTER_EVENTFD}). */
    public void unregisterEventFd() {
        ensureOpen();
        registrar.unregisterEventFd();
    }

    /**
     * Stops or resumes eventfd signalling without unregistering ({@code IORING_CQ_EVENTFD_DISABLED} in the CQ
     * ring's flags, 5.8; {@code io_uring_cq_eventfd_toggle(3)}): no system call.
     *
     * @param enabled whether completions signal the eventfd
     */
    public void setEventFdEnabled(boolean enabled) {
        ensureOpen();
        int flags = cq.flags();
        cq.flags(enabled ? flags & ~CQ_EVENTFD_DISABLED : flags | CQ_EVENTFD_DISABLED);
    }

    /** {@return whether completions signal the registered eventfd (see {@link #setEventFdEnabled(boolean)})} */
    public boolean isEventFdEnabled() {
        ensureOpen();
        return (cq.flags() & CQ_EVENTFD_DISABLED) == 0;
    }

    /**
     * Registers the calling thread's current credentials as a personality ({@code IORING_REGISTER_PERSONALITY},
     * 5.6): requests pushed with its id ({@link #push(Operation, long, SqeFlags, int)}) run with these
     * credentials, whatever the submitting thread's are then.
     *
     * @return the personality id
     */
    public int registerPersonality() {
        ensureOpen();
        return registrar.registerPersonality();
    }

    /**
     * Unregisters a personality ({@code IORING_UNREGISTER_PERSONALITY}); requests naming it then fail with EINVAL.
     *
     * @param id an id {@link #registerPersonality()} returned
     */
    public void unregisterPersonality(int id) {
        ensureOpen();
        registrar.unregisterPersonality(id);
    }

    /**
     * Restricts what this ring may do ({@code IORING_REGISTER_RESTRICTIONS}, 5.10): once, on a ring created with
     * {@code Params.builder().rDisabled()}, before {@link #enable()}.
     *
     * @param restrictions what the ring may do
     */
    public void registerRestrictions(Restrictions restrictions) {
        ensureOpen();
        registrar.registerRestrictions(restrictions);
    }

    /**
     * Enables a ring created with {@code Params.builder().rDisabled()} ({@code IORING_REGISTER_ENABLE_RINGS}, 5.10):
     * until then it takes no submissions; from then on its restrictions, if any, apply.
     */
    public void enable() {
        ensureOpen();
        registrar.enable();
    }

    // -------- io-wq workers, synchronous cancel, NAPI, wait clock, ring size

    /**
     * Limits the io-wq worker threads of the tasks using this ring ({@code IORING_REGISTER_IOWQ_MAX_WORKERS}, 5.15);
     * a limit of 0 leaves that limit unchanged, so {@code new IoWorkerLimits(0, 0)} only reads them.
     *
     * @param limits the new limits, 0 to leave one unchanged
     * @return the limits in effect before the call
     */
    public IoWorkerLimits ioWorkerLimits(IoWorkerLimits limits) {
        ensureOpen();
        return registrar.ioWorkerLimits(limits);
    }

    /**
     * Runs the io-wq workers of the calling thread (of the SQPOLL thread on SQPOLL rings) only on these CPUs
     * ({@code IORING_REGISTER_IOWQ_AFF}, 5.14). The workers belong to the thread, so this affects its other rings too.
     *
     * @param cpus the CPUs the workers may run on, at least one
     */
    public void ioWorkerAffinity(BitSet cpus) {
        ensureOpen();
        registrar.ioWorkerAffinity(cpus);
    }

    /** Lets the io-wq workers run on any CPU again ({@code IORING_UNREGISTER_IOWQ_AFF}, 5.14). */
    public void clearIoWorkerAffinity() {
        ensureOpen();
        registrar.clearIoWorkerAffinity();
    }

    /**
     * Cancels in-flight requests and waits until they are gone ({@code IORING_REGISTER_SYNC_CANCEL}, 6.0): the
     * cancelled requests still post their completions (usually {@code -ECANCELED}).
     *
     * @param cancel which requests to cancel, and how long to wait
     * @return how many requests were cancelled: 0 or 1, or the count with {@link SyncCancel#all()}
     * @throws UringException with ETIME if a matching request was still running when the cancel's timeout passed
     */
    public int cancelSync(SyncCancel cancel) {
        ensureOpen();
        return registrar.cancelSync(cancel);
    }

    /**
     * Busy polls the network devices of this ring's sockets while waiting ({@code IORING_REGISTER_NAPI}, 6.9).
     *
     * @param settings how long to busy poll, and whether to prefer busy polling
     * @throws UringException naming why the kernel refused (no {@code CONFIG_NET_RX_BUSY_POLL}, an IOPOLL ring)
     */
    public void registerNapi(NapiSettings settings) {
        ensureOpen();
        registrar.registerNapi(settings);
    }

    /**
     * Stops NAPI busy polling ({@code IORING_UNREGISTER_NAPI}, 6.9).
     *
     * @return the settings that were in effect: the kernel's timeout and preference, and the tracking mode this ring
     *         registered last (the kernel does not report it)
     */
    public NapiSettings unregisterNapi() {
        ensureOpen();
        return registrar.unregisterNapi();
    }

    /**
     * Adds a NAPI instance to those busy polled under {@link NapiTracking#STATIC} tracking
     * ({@code IO_URING_NAPI_STATIC_ADD_ID} of {@code IORING_REGISTER_NAPI}, 6.13); read a socket's id with the
     * {@code SO_INCOMING_NAPI_ID} socket option.
     *
     * @param napiId the NAPI id
     * @throws UringException with EINVAL unless static tracking is registered or if the id is not a NAPI id (ids
     *                        start above the CPU count the kernel was built for), EEXIST if it is tracked already
     */
    public void addNapiId(int napiId) {
        ensureOpen();
        registrar.staticNapiId(Registrar.NAPI_STATIC_ADD_ID, napiId);
    }

    /**
     * Stops busy polling a NAPI instance added with {@link #addNapiId(int)} ({@code IO_URING_NAPI_STATIC_DEL_ID}, 6.13).
     *
     * @param napiId the NAPI id
     * @throws UringException with ENOENT if the id is not tracked, EINVAL unless static tracking is registered
     */
    public void removeNapiId(int napiId) {
        ensureOpen();
        registrar.staticNapiId(Registrar.NAPI_STATIC_DEL_ID, napiId);
    }

    /**
     * Measures the timeouts of completion waits on {@code clock} ({@code IORING_REGISTER_CLOCK}, 6.12).
     *
     * @param clock the clock to measure on
     */
    public void registerClock(WaitClock clock) {
        ensureOpen();
        registrar.registerClock(clock);
    }

    /**
     * Resizes the submission and completion queues of a {@code DEFER_TASKRUN} ring ({@code IORING_REGISTER_RESIZE_RINGS},
     * 6.13; {@code io_uring_resize_rings(3)}), keeping what they hold: entries pushed but not yet consumed by the
     * kernel and completions not yet reaped move to the new rings, which this ring then maps in place of the old.
     *
     * @param sqEntries submission queue size (rounded up to a power of two)
     * @param cqEntries completion queue size, at least {@code sqEntries} (rounded up to a power of two)
     * @throws UringException with EOVERFLOW if the new rings cannot hold what is pending (reap or submit first),
     *                        EINVAL if the ring is not {@code DEFER_TASKRUN} or the kernel is older than 6.13
     */
    public void resize(int sqEntries, int cqEntries) {
        ensureOpen();
        ensureNotReaping("resize(sqEntries, cqEntries)");
        if (sqEntries <= 0 || sqEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException("sqEntries must be between 1 and " + MAX_ENTRIES + ": " + sqEntries);
        }
        if (cqEntries < sqEntries) {
            throw new IllegalArgumentException("cqEntries (" + cqEntries + ") must be at least sqEntries (" + sqEntries + ")");
        }
        if (userRings != null) {
            throw new UnsupportedOperationException("a NO_MMAP ring cannot be resized: its memory is fixed at setup");
        }
        sq.publish(); // the kernel carries published entries over; unpublished ones would be lost
        int head = sq.head();
        int tail = sq.tail();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(120, 8);
            p.set(JAVA_INT, 0, sqEntries);
            p.set(JAVA_INT, 4, cqEntries);
            p.set(JAVA_INT, 8, Params.CQSIZE);
            try {
                register(RegisterOp.REGISTER_RESIZE_RINGS, p, 1);
            } catch (UringException e) {
                throw new UringException(e.call(), e.errnoNumber(), switch (e.errnoNumber()) {
                    case 75 -> "the new rings cannot hold the entries and completions pending now: reap first";
                    case 22 -> "only DEFER_TASKRUN rings can be resized (Params.builder().deferTaskrun(), Linux 6.13)";
                    default -> null;
                });
            }
            RingMapping oldMapping = mapping;
            Operation[] old = inSubmission;
            try {
                mapRings(p);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            Operation[] moved = new Operation[sq.entries()];
            for (int i = head; i != tail; i++) {
                moved[i & (moved.length - 1)] = old[i & (old.length - 1)];
            }
            inSubmission = moved;
            oldMapping.close();
        }
    }

    // -------- completions posted from outside

    /**
     * Posts a completion into this ring from any thread, without a ring of its own ({@code IORING_REGISTER_SEND_MSG_RING},
     * 6.13; {@code io_uring_register_sync_msg(3)}): the kernel runs an {@code IORING_OP_MSG_RING} data message at
     * once, and the ring's next reap sees a completion with this user data and result. The one method besides
     * {@link #close()} that any thread may call at any time; once the ring is closed it throws.
     *
     * @param userData the completion's user data
     * @param result   its result
     * @throws IllegalStateException if the ring is closed
     * @throws UringException        with EINVAL on kernels before 6.13, EOVERFLOW if the ring's completion queue and
     *                               its overflow list are full
     */
    public void postCompletion(long userData, int result) {
        postCompletion(userData, result, 0, false);
    }

    /**
     * {@link #postCompletion(long, int)} with the completion's flags chosen too ({@code IORING_MSG_RING_FLAGS_PASS}).
     *
     * @param userData the completion's user data
     * @param result   its result
     * @param cqeFlags its {@code IORING_CQE_F_*} flags
     * @throws IllegalStateException if the ring is closed
     */
    public void postCompletion(long userData, int result, int cqeFlags) {
        postCompletion(userData, result, cqeFlags, true);
    }

    private void postCompletion(long userData, int result, int cqeFlags, boolean passFlags) {
        // under closeLock the descriptor cannot be released (release() runs under it), so it names this ring
        synchronized (closeLock) {
            ensureOpen();
            try (Arena a = Arena.ofConfined()) {
                MemorySegment sqe = a.allocate(64, 8);
                sqe.set(JAVA_BYTE, 0, (byte) Opcode.MSG_RING.code());
                sqe.set(JAVA_INT, 4, fd);
                sqe.set(JAVA_LONG, 8, userData);
                sqe.set(JAVA_INT, 24, result);
                sqe.set(JAVA_INT, 28, passFlags ? MSG_RING_FLAGS_PASS : 0);
                sqe.set(JAVA_INT, 44, cqeFlags);
                int r = IoUringSys.register(Libc.newErrnoState(a), -1, RegisterOp.REGISTER_SEND_MSG_RING.code(),
                        sqe.address(), 1);
                if (r < 0) {
                    throw new UringException("io_uring_register(-1, REGISTER_SEND_MSG_RING)", -r,
                            r == -EINVAL ? "posting without a ring needs Linux 6.13" : null);
                }
            }
        }
    }

    // -------- information

    /** {@return the opcodes this kernel supports ({@code IORING_REGISTER_PROBE}, 5.6)} */
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
    int register(RegisterOp op, MemorySegment arg, int nrArgs) {
        return register(op.code(), op.name(), arg, nrArgs);
    }

    /** {@link #register(RegisterOp, MemorySegment, int)} by number, for opcodes named elsewhere. */
    int register(int opcode, String name, MemorySegment arg, int nrArgs) {
        ensureOpen();
        int ringFd = fd;
        if (ringFdOwner != null && ringFdOwner == Thread.currentThread() && hasFeature(Feature.REG_REG_RING)) {
            ringFd = registeredIndex;
            opcode |= REGISTER_USE_REGISTERED_RING;
            registeredRingRegisterCalls++;
        }
        int r = IoUringSys.register(errno, ringFd, opcode, arg.address(), nrArgs);
        if (r < 0) {
            throw new UringException("io_uring_register(" + name + ")", -r);
        }
        return r;
    }

    /** Closed with the ring, and kept reachable by it: see {@link RingInternals#addDependent}. */
    private void addDependent(AutoCloseable resource) {
        ensureOpen();
        dependents.add(Objects.requireNonNull(resource, "resource"));
    }

    private void removeDependent(AutoCloseable resource) {
        ensureOpen();
        dependents.remove(Objects.requireNonNull(resource, "resource"));
    }

    static {
        RingInternals.install(new RingInternals() {
            @Override
            public int register(LioUring ring, RegisterOp op, String name, MemorySegment arg, int nrArgs) {
                Objects.requireNonNull(name, "name");
                return ring.register(op.code(), name, Checks.requireNative(arg, "arg"), nrArgs);
            }

            @Override
            public void addDependent(LioUring ring, AutoCloseable resource) {
                ring.addDependent(resource);
            }

            @Override
            public void removeDependent(LioUring ring, AutoCloseable resource) {
                ring.removeDependent(resource);
            }
        });
    }

    Registrar registrar() {
        return registrar;
    }

    /** {@return the ring's file descriptor} */
    public int fd() {
        ensureOpen();
        return fd;
    }

    /** {@return the {@code IORING_SETUP_*} flags the ring was created with (after any fallback)} */
    public int setupFlags() {
        return setupFlags;
    }

    /** {@return the features the kernel reported at setup} */
    public Set<Feature> features() {
        return Feature.fromBits(featureBits);
    }

    /**
     * {@return whether the kernel reported {@code feature} at setup}
     *
     * @param feature an {@code IORING_FEAT_*} feature
     */
    public boolean hasFeature(Feature feature) {
        return (featureBits & feature.bit()) != 0;
    }

    /** {@return the submission queue size (a power of two)} */
    public int sqEntries() {
        return sq.entries();
    }

    /** {@return the completion queue size} */
    public int cqEntries() {
        return cq.entries();
    }

    /**
     * {@return the number of completions the kernel dropped because the CQ overflowed (0 with {@code FEAT_NODROP}
     * unless memory ran out)}
     */
    public int cqOverflow() {
        ensureOpen();
        return cq.overflow();
    }

    /**
     * {@return whether the SQPOLL thread went to sleep after its idle time ({@code IORING_SQ_NEED_WAKEUP}): the next
     * {@link #submit()} then wakes it with a system call} Always {@code false} on rings without SQPOLL.
     */
    public boolean isSqPollThreadAsleep() {
        ensureOpen();
        VarHandle.fullFence();
        return sqPoll && (sq.flags() & SubmissionQueue.NEED_WAKEUP) != 0;
    }

    /** {@return the number of submission entries the kernel dropped as invalid} */
    public int sqDropped() {
        ensureOpen();
        return sq.dropped();
    }

    /** {@return whether {@link #close()} has been called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the ring: drops the registered ring fd, unmaps the ring's memory and closes its fd. The kernel then
     * cancels what is still in flight and releases every registered resource (buffers, files, eventfd,
     * personalities...), and closes the resources built on the ring (its {@code BufferRing}s). Idempotent; any other
     * call afterwards throws {@link IllegalStateException}.
     *
     * <p>Any thread may close the ring, also while another thread is blocked in {@link #waitCompletion()}, its timed
     * forms or the {@code submitAndWait} forms. That waiter then wakes and throws {@link IllegalStateException} ("ring closed by
     * another thread while waiting"), and it is the waiter that releases the ring's memory and descriptor as it
     * leaves, so that it never uses them after they are gone: {@code close()} does not wait for it. The wake-up posts
     * completions into the ring with {@code IORING_OP_MSG_RING} (Linux 5.18) from a small ring opened for the purpose
     * and closed right after; on older kernels the waiter wakes at its next completion or timeout. Only one thread
     * may wait at a time, as for every other call.
     *
     * <p>A ring fd registered by another thread ({@link #registerRingFd()}) cannot be dropped here; it keeps the
     * kernel's ring alive until that thread unregisters it or exits (a woken waiter that registered it drops it).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            Thread waiterThread = lastWaiter;
            if (ProcessFence.AVAILABLE && waiterThread != null && waiterThread != Thread.currentThread()) {
                ProcessFence.serialize(); // the waiter's half of the handshake (see waitingFor)
            }
            int waiter = waitingFor;
            if (waiter == 0) {
                release();
            } else {
                // The waiter releases the ring once it is out of the kernel; the lock keeps the fd open until the
                // wake-up has gone out. The kernel waits for at most cq_entries completions, whatever min_complete.
                releaseLeftToWaiter = true;
                CloseWakeup.post(fd, Math.min(waiter, cq.entries()));
            }
        }
    }

    /**
     * Frees what the ring holds, once, on the thread that closed it or on the waiter it woke: the ring fd registration
     * if this thread made it, the ring's memory and descriptor, and the dependents.
     */
    private void release() {
        if (ringFdOwner == Thread.currentThread()) {
            dropRingFdRegistration(); // it fails only if the registration is gone already
            ringFdOwner = null;
        }
        registrar.release();
        mapping.close();
        arena.close();
        closeQuietly(fd);
        closeDependents();
    }

    private void closeDependents() {
        List<AutoCloseable> all = new ArrayList<>(dependents);
        dependents.clear();
        RuntimeException failure = null;
        for (AutoCloseable dependent : all) {
            try {
                dependent.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + dependent + " after the ring failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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
