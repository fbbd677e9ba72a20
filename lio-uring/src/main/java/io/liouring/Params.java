package io.liouring;

import java.time.Duration;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How a ring is set up: the {@code IORING_SETUP_*} flags of {@code io_uring_setup(2)} and their arguments.
 * Immutable; build one with {@link #builder()}.
 *
 * <p>{@link #defaults()} asks for {@code NO_SQARRAY} (6.6) and falls back without it on older kernels,
 * as liburing does. Every other flag is requested exactly as given; a kernel that refuses it fails the
 * ring's construction with a {@link UringException} naming the flags.
 *
 * <p>{@code IORING_SETUP_REGISTERED_FD_ONLY} (6.5, with {@code NO_MMAP}; liburing's {@code
 * io_uring_queue_init_mem}) is not offered: such a ring has no file descriptor, only a registered ring index, and
 * that index belongs to the task that registered it (the kernel looks it up in the calling thread's own table).
 * A {@link LioUring} lets other threads close it (waking a waiter through an {@code io_uring_enter} of the fd),
 * post completions to it ({@link LioUring#postCompletion(long, int)}: a {@code MSG_RING} names its target by fd),
 * be the target of another ring's {@code MSG_RING}, and register from any thread; none of these can name a ring
 * by another thread's index. A ring confined to one thread that refuses those calls would be a different class,
 * not a flag of this one.
 */
public final class Params {
    static final int IOPOLL = 1;
    static final int SQPOLL = 1 << 1;
    static final int SQ_AFF = 1 << 2;
    static final int CQSIZE = 1 << 3;
    static final int CLAMP = 1 << 4;
    static final int ATTACH_WQ = 1 << 5;
    static final int R_DISABLED = 1 << 6;
    static final int SUBMIT_ALL = 1 << 7;
    static final int COOP_TASKRUN = 1 << 8;
    static final int TASKRUN_FLAG = 1 << 9;
    static final int SQE128 = 1 << 10;
    static final int CQE32 = 1 << 11;
    static final int SINGLE_ISSUER = 1 << 12;
    static final int DEFER_TASKRUN = 1 << 13;
    static final int NO_MMAP = 1 << 14;
    static final int REGISTERED_FD_ONLY = 1 << 15;
    static final int NO_SQARRAY = 1 << 16;
    static final int HYBRID_IOPOLL = 1 << 17;
    static final int CQE_MIXED = 1 << 18;

    private static final String[] NAMES = {"IOPOLL", "SQPOLL", "SQ_AFF", "CQSIZE", "CLAMP", "ATTACH_WQ",
            "R_DISABLED", "SUBMIT_ALL", "COOP_TASKRUN", "TASKRUN_FLAG", "SQE128", "CQE32", "SINGLE_ISSUER",
            "DEFER_TASKRUN", "NO_MMAP", "REGISTERED_FD_ONLY", "NO_SQARRAY", "HYBRID_IOPOLL", "CQE_MIXED", "SQE_MIXED",
            "SQ_REWIND"};

    private static final Params DEFAULTS = builder().build();

    private final int flags;
    private final int preferredFlags;
    private final int cqEntries;
    private final int sqThreadIdleMillis;
    private final int sqThreadCpu;
    private final int attachWqFd;
    private final boolean hugePages;

    private Params(Builder b) {
        this.flags = b.flags;
        this.preferredFlags = b.preferredFlags;
        this.cqEntries = b.cqEntries;
        this.sqThreadIdleMillis = b.sqThreadIdleMillis;
        this.sqThreadCpu = b.sqThreadCpu;
        this.attachWqFd = b.attachWqFd;
        this.hugePages = b.hugePages;
    }

    /**
     * {@return the parameters of a plain ring: no SQ polling, default CQ size (twice the SQ), {@code NO_SQARRAY} where
     * available}
     */
    public static Params defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from a plain ring: no flags, no CQ size, no SQPOLL} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the {@code IORING_SETUP_*} bits requested} */
    public int flags() {
        return flags;
    }

    /** Bits requested only if the kernel accepts them (dropped on {@code EINVAL}). */
    int preferredFlags() {
        return preferredFlags;
    }

    /** {@return the CQ size requested with {@code CQSIZE}, or 0} */
    public int cqEntries() {
        return cqEntries;
    }

    /** {@return the SQPOLL thread's idle time in milliseconds, 0 without {@code SQPOLL}} */
    public int sqThreadIdleMillis() {
        return sqThreadIdleMillis;
    }

    /** {@return the CPU the SQPOLL thread is pinned to, if {@code SQ_AFF} is in {@link #flags()} (0 otherwise)} */
    public int sqThreadCpu() {
        return sqThreadCpu;
    }

    /** Whether a {@code NO_MMAP} ring's memory is in huge pages. */
    boolean hugePages() {
        return hugePages;
    }

    int attachWqFd() {
        return attachWqFd;
    }

    /**
     * {@return the names of the given setup bits, e.g. "SQPOLL|CQSIZE"}
     *
     * @param flags {@code IORING_SETUP_*} bits
     */
    public static String describeFlags(int flags) {
        if (flags == 0) {
            return "none";
        }
        StringJoiner joiner = new StringJoiner("|");
        for (int i = 0; i < 32; i++) {
            if ((flags & (1 << i)) != 0) {
                joiner.add(i < NAMES.length ? NAMES[i] : "1<<" + i);
            }
        }
        return joiner.toString();
    }

    @Override
    public String toString() {
        return "Params[flags=" + describeFlags(flags | preferredFlags) + (cqEntries > 0 ? ", cqEntries=" + cqEntries : "")
                + ((flags & SQPOLL) != 0 ? ", sqThreadIdle=" + sqThreadIdleMillis + "ms" : "") + "]";
    }

    /** Builds {@link Params}: one method per setup flag, named after it. */
    public static final class Builder {
        private int flags;
        private int preferredFlags = NO_SQARRAY;
        private int cqEntries;
        private int sqThreadIdleMillis;
        private int sqThreadCpu;
        private int attachWqFd;
        private boolean hugePages;

        private Builder() {
        }

        /**
         * {@code IOPOLL} (5.1): busy-poll for completions; only for O_DIRECT files on polled block devices.
         *
         * @return this builder
         */
        public Builder iopoll() {
            flags |= IOPOLL;
            return this;
        }

        /**
         * {@code HYBRID_IOPOLL} (6.13): IOPOLL that sleeps before polling; implies {@link #iopoll()}.
         *
         * @return this builder
         */
        public Builder hybridIopoll() {
            flags |= IOPOLL | HYBRID_IOPOLL;
            return this;
        }

        /**
         * {@code SQPOLL} (5.1): a kernel thread consumes the submission queue, so submitting needs no system
         * call while it is awake; it sleeps after {@code idle} without work.
         *
         * @param idle how long the thread polls without work before it sleeps, at least 1 ms (the kernel counts whole
         *             milliseconds and takes 0 as one second)
         * @return this builder
         * @throws IllegalArgumentException if {@code idle} is under 1 ms or over {@code Integer.MAX_VALUE} ms
         */
        public Builder sqPoll(Duration idle) {
            Objects.requireNonNull(idle, "idle");
            long ms = idle.isNegative() || idle.getSeconds() > Integer.MAX_VALUE ? -1 : idle.toMillis();
            if (ms < 1 || ms > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("idle must be between 1 ms and " + Integer.MAX_VALUE
                        + " ms (the kernel takes 0 as one second): " + idle);
            }
            flags |= SQPOLL;
            sqThreadIdleMillis = (int) ms;
            return this;
        }

        /**
         * {@code SQ_AFF} (5.1): pin the SQPOLL thread to a CPU; needs {@link #sqPoll(Duration)}.
         *
         * @param cpu the CPU number, not negative
         * @return this builder
         */
        public Builder sqThreadCpu(int cpu) {
            if (cpu < 0) {
                throw new IllegalArgumentException("cpu must not be negative: " + cpu);
            }
            flags |= SQ_AFF;
            sqThreadCpu = cpu;
            return this;
        }

        /**
         * {@code CQSIZE} (5.5): a completion queue of this many entries (at least the SQ size; rounded up to a power of two).
         *
         * @param entries the completion queue size, positive
         * @return this builder
         */
        public Builder cqSize(int entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("cq entries must be positive: " + entries);
            }
            flags |= CQSIZE;
            cqEntries = entries;
            return this;
        }

        /**
         * {@code CLAMP} (5.6): clamp too-large entry counts to the maximum instead of failing.
         *
         * @return this builder
         */
        public Builder clamp() {
            flags |= CLAMP;
            return this;
        }

        /**
         * {@code ATTACH_WQ} (5.6): share the io-wq worker pool of another ring.
         *
         * @param other the ring whose workers to share; it must stay open while this one is created
         * @return this builder
         */
        public Builder attachWq(LioUring other) {
            flags |= ATTACH_WQ;
            attachWqFd = other.fd();
            return this;
        }

        /**
         * {@code R_DISABLED} (5.10): start disabled, so restrictions can be registered, then enabled.
         *
         * @return this builder
         */
        public Builder rDisabled() {
            flags |= R_DISABLED;
            return this;
        }

        /**
         * {@code SUBMIT_ALL} (5.18): keep submitting the batch when one entry fails to submit.
         *
         * @return this builder
         */
        public Builder submitAll() {
            flags |= SUBMIT_ALL;
            return this;
        }

        /**
         * {@code COOP_TASKRUN} (5.19): run completion work only on transitions into the kernel, without IPIs.
         *
         * @return this builder
         */
        public Builder coopTaskrun() {
            flags |= COOP_TASKRUN;
            return this;
        }

        /**
         * {@code TASKRUN_FLAG} (5.19): the kernel flags pending task work in the SQ ring; use with COOP_TASKRUN or DEFER_TASKRUN.
         *
         * @return this builder
         */
        public Builder taskrunFlag() {
            flags |= TASKRUN_FLAG;
            return this;
        }

        /**
         * {@code SQE128} (5.19): 128-byte submission entries, for 80-byte URING_CMD payloads.
         *
         * @return this builder
         */
        public Builder sqe128() {
            flags |= SQE128;
            return this;
        }

        /**
         * {@code CQE32} (5.19): 32-byte completion entries carrying two extra words.
         *
         * @return this builder
         */
        public Builder cqe32() {
            flags |= CQE32;
            return this;
        }

        /**
         * {@code NO_MMAP} (6.5; liburing's {@code io_uring_queue_init_mem(3)}): the ring maps the memory of its queues
         * itself, anonymous and shared, and gives it to the kernel to pin, instead of mapping the kernel's memory from
         * the ring fd. With {@code hugePages} that memory is 2 MiB huge pages ({@code MAP_HUGETLB}), which spares TLB
         * entries for large rings; the system must have free huge pages reserved ({@code vm.nr_hugepages}), or the
         * ring's construction fails with {@code ENOMEM}. The ring owns the memory: it is unmapped when the ring
         * closes. A {@code NO_MMAP} ring cannot be resized.
         *
         * @param hugePages whether to map the memory in 2 MiB huge pages
         * @return this builder
         */
        public Builder noMmap(boolean hugePages) {
            flags |= NO_MMAP;
            this.hugePages = hugePages;
            return this;
        }

        /**
         * {@code CQE_MIXED} (6.18): 16-byte completion entries, and 32-byte ones (flagged {@link Completion#F_32}) only
         * for the requests that post them (a {@code NOP} with {@code cqe32}, some {@code URING_CMD}s), so a ring pays
         * for big entries only where they occur. The ring skips the padding entries ({@link Completion#F_SKIP}) the
         * kernel writes where a big entry would wrap, and {@code cqReady()} counts 16-byte slots.
         *
         * @return this builder
         */
        public Builder cqeMixed() {
            flags |= CQE_MIXED;
            return this;
        }

        /**
         * Requests setup flags by number ({@code IORING_SETUP_*}), OR-ed with the others: a way to try a flag of a
         * newer kernel before this class names it. The ring maps its queues as the flags it knows say; a flag that
         * changes the ring's memory layout in another way is the caller's to get right. A kernel that does not know a
         * bit fails the setup with EINVAL naming it.
         *
         * @param setupFlags the bits to add
         * @return this builder
         * @throws IllegalArgumentException for {@code NO_MMAP} (use {@link #noMmap(boolean)}, which provides the
         *                                  memory) and {@code REGISTERED_FD_ONLY} (a ring without an fd, not offered)
         */
        public Builder rawFlags(int setupFlags) {
            if ((setupFlags & (NO_MMAP | REGISTERED_FD_ONLY)) != 0) {
                throw new IllegalArgumentException("setupFlags: NO_MMAP needs the ring's own memory (use noMmap(boolean)),"
                        + " and REGISTERED_FD_ONLY a ring without an fd, which is not offered: " + describeFlags(setupFlags));
            }
            flags |= setupFlags;
            return this;
        }

        /**
         * {@code SINGLE_ISSUER} (6.0): only one thread submits; another thread's submit fails with EEXIST.
         *
         * @return this builder
         */
        public Builder singleIssuer() {
            flags |= SINGLE_ISSUER;
            return this;
        }

        /**
         * {@code DEFER_TASKRUN} (6.1): completions are posted only when the ring is entered to wait for them.
         * Implies {@link #singleIssuer()}, which the kernel requires.
         *
         * @return this builder
         */
        public Builder deferTaskrun() {
            flags |= DEFER_TASKRUN | SINGLE_ISSUER;
            return this;
        }

        /**
         * {@code NO_SQARRAY} (6.6), required: fail instead of falling back when the kernel lacks it.
         *
         * @return this builder
         */
        public Builder noSqArray() {
            flags |= NO_SQARRAY;
            return this;
        }

        /**
         * Use the classic SQ index array even where {@code NO_SQARRAY} is available.
         *
         * @return this builder
         */
        public Builder withSqArray() {
            flags &= ~NO_SQARRAY;
            preferredFlags &= ~NO_SQARRAY;
            return this;
        }

        /**
         * {@return the parameters}
         *
         * @throws IllegalStateException if {@link #sqThreadCpu} was set without {@link #sqPoll}
         */
        public Params build() {
            if ((flags & SQ_AFF) != 0 && (flags & SQPOLL) == 0) {
                throw new IllegalStateException("sqThreadCpu needs sqPoll: the CPU is the SQPOLL thread's");
            }
            return new Params(this);
        }
    }
}
