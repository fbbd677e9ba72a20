package io.liouring;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ring features a kernel reports at setup ({@code io_uring_params.features}, the {@code IORING_FEAT_*}
 * bits of {@code io_uring_setup(2)}), with the kernel version that introduced each.
 */
public enum Feature {
    /** The submission and completion rings share one mapping, so the ring maps two regions instead of three. */
    SINGLE_MMAP("5.4"),
    /**
     * Completions are not dropped when the completion queue is full: the kernel keeps them on an overflow list and
     * posts them later (a submit may fail with EBUSY meanwhile).
     */
    NODROP("5.5"),
    /**
     * The kernel has consumed what an entry points to by the time the submit returns, so that memory may be reused
     * then.
     */
    SUBMIT_STABLE("5.5"),
    /** A read or write with offset -1 uses and advances the file's current position. */
    RW_CUR_POS("5.6"),
    /** Requests run with the credentials of the thread that submitted them, not of the one that created the ring. */
    CUR_PERSONALITY("5.6"),
    /** A request that would block waits on internal poll instead of an io-wq worker thread. */
    FAST_POLL("5.7"),
    /** Poll requests take 32-bit event masks, so {@code EPOLLEXCLUSIVE} and the like fit. */
    POLL_32BITS("5.9"),
    /** An SQPOLL ring accepts plain descriptors, not only registered files. */
    SQPOLL_NONFIXED("5.11"),
    /**
     * {@code io_uring_enter} takes an extended argument: a wait timeout and a signal mask ({@code
     * IORING_ENTER_EXT_ARG}).
     */
    EXT_ARG("5.11"),
    /** io-wq workers are threads of the submitting process, with its credentials and limits. */
    NATIVE_WORKERS("5.12"),
    /** Registered files and buffers may carry tags; the kernel posts a completion with the tag once one is released. */
    RSRC_TAGS("5.13"),
    /** {@code IOSQE_CQE_SKIP_SUCCESS} is supported: a request that succeeds posts no completion. */
    CQE_SKIP("5.17"),
    /**
     * In a link, a request's file is looked up when the request runs, so it may use a descriptor an earlier request of
     * the link opened.
     */
    LINKED_FILE("5.17"),
    /** {@code io_uring_register} accepts a registered ring descriptor ({@code IORING_REGISTER_USE_REGISTERED_RING}). */
    REG_REG_RING("6.3"),
    /**
     * Sends and receives can move the data of several provided buffers in one completion ({@code
     * IORING_RECVSEND_BUNDLE}).
     */
    RECVSEND_BUNDLE("6.10"),
    /** Waits take a minimum wait time, after which they return with fewer completions than asked for. */
    MIN_TIMEOUT("6.12"),
    /** Reads and writes can carry attributes, such as integrity metadata ({@code attr_ptr}, {@code attr_type_mask}). */
    RW_ATTR("6.14"),
    /** A wait can leave the thread out of the iowait accounting ({@code IORING_ENTER_NO_IOWAIT}). */
    NO_IOWAIT("6.15");

    private final String since;

    Feature(String since) {
        this.since = since;
    }

    /** {@return the bit in {@code io_uring_params.features}} */
    public int bit() {
        return 1 << ordinal();
    }

    /** {@return the kernel's name, e.g. {@code IORING_FEAT_NODROP}} */
    public String kernelName() {
        return "IORING_FEAT_" + name();
    }

    /** {@return the first kernel version that reports this feature, e.g. "5.11"} */
    public String since() {
        return since;
    }

    /**
     * {@return the features named by a {@code features} word; unknown bits are ignored}
     *
     * @param bits the {@code io_uring_params.features} word
     */
    public static Set<Feature> fromBits(int bits) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) {
            if ((bits & f.bit()) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
