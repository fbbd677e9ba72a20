package io.liouring;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ring features a kernel reports at setup ({@code io_uring_params.features}, the {@code IORING_FEAT_*}
 * bits of {@code io_uring_setup(2)}), with the kernel version that introduced each.
 */
public enum Feature {
    SINGLE_MMAP("5.4"), NODROP("5.5"), SUBMIT_STABLE("5.5"), RW_CUR_POS("5.6"), CUR_PERSONALITY("5.6"),
    FAST_POLL("5.7"), POLL_32BITS("5.9"), SQPOLL_NONFIXED("5.11"), EXT_ARG("5.11"), NATIVE_WORKERS("5.12"),
    RSRC_TAGS("5.13"), CQE_SKIP("5.17"), LINKED_FILE("5.17"), REG_REG_RING("6.3"), RECVSEND_BUNDLE("6.10"),
    MIN_TIMEOUT("6.12"), RW_ATTR("6.14"), NO_IOWAIT("6.15");

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

    public String since() {
        return since;
    }

    /** {@return the features named by a {@code features} word; unknown bits are ignored} */
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
