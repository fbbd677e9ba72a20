package io.liouring;

/**
 * The opcodes of {@code io_uring_register(2)} ({@code IORING_REGISTER_*} and {@code IORING_UNREGISTER_*}), in
 * kernel order, with the first kernel version that has each. {@link Restrictions} names them to allow a
 * registration on a restricted ring; the ring's own register methods use them internally.
 */
public enum RegisterOp {
    /** Register fixed buffers for the {@code *_FIXED} operations. */
    REGISTER_BUFFERS("5.1"),
    /** Unregister the fixed buffers. */
    UNREGISTER_BUFFERS("5.1"),
    /** Register a table of files, used by requests with {@code IOSQE_FIXED_FILE}. */
    REGISTER_FILES("5.1"),
    /** Unregister the file table. */
    UNREGISTER_FILES("5.1"),
    /** Register an eventfd that the kernel signals on every posted completion. */
    REGISTER_EVENTFD("5.2"),
    /** Unregister the eventfd. */
    UNREGISTER_EVENTFD("5.2"),
    /** Replace slots of the file table. */
    REGISTER_FILES_UPDATE("5.5"),
    /** Register an eventfd signalled only for completions of requests that did not complete inline. */
    REGISTER_EVENTFD_ASYNC("5.6"),
    /** Ask which opcodes this kernel supports. */
    REGISTER_PROBE("5.6"),
    /** Register the caller's credentials as a personality that requests can run with. */
    REGISTER_PERSONALITY("5.6"),
    /** Unregister a personality. */
    UNREGISTER_PERSONALITY("5.6"),
    /** Restrict what a disabled ring may do: opcodes, flags, registrations. */
    REGISTER_RESTRICTIONS("5.10"),
    /** Enable a ring created with {@code IORING_SETUP_R_DISABLED}. */
    REGISTER_ENABLE_RINGS("5.10"),
    /** Register a file table with tags, or a sparse one. */
    REGISTER_FILES2("5.13"),
    /** Replace slots of the file table, with tags. */
    REGISTER_FILES_UPDATE2("5.13"),
    /** Register fixed buffers with tags, or a sparse table. */
    REGISTER_BUFFERS2("5.13"),
    /** Replace slots of the fixed-buffer table, with tags. */
    REGISTER_BUFFERS_UPDATE("5.13"),
    /** Set the CPU affinity of the ring's io-wq workers. */
    REGISTER_IOWQ_AFF("5.14"),
    /** Reset the io-wq workers' CPU affinity. */
    UNREGISTER_IOWQ_AFF("5.14"),
    /** Set, and read back, the io-wq worker limits, bounded and unbounded. */
    REGISTER_IOWQ_MAX_WORKERS("5.15"),
    /** Register the ring descriptor itself, so that {@code io_uring_enter} skips the descriptor lookup. */
    REGISTER_RING_FDS("5.18"),
    /** Unregister a registered ring descriptor. */
    UNREGISTER_RING_FDS("5.18"),
    /** Register a provided-buffer ring for a buffer group. */
    REGISTER_PBUF_RING("5.19"),
    /** Unregister a provided-buffer ring. */
    UNREGISTER_PBUF_RING("5.19"),
    /** Cancel requests and wait for them, synchronously. */
    REGISTER_SYNC_CANCEL("6.0"),
    /** Limit the file-table slots the kernel allocates direct descriptors from. */
    REGISTER_FILE_ALLOC_RANGE("6.0"),
    /** Read the kernel's head of a provided-buffer ring. */
    REGISTER_PBUF_STATUS("6.8"),
    /** Turn on NAPI busy polling for the ring's network requests. */
    REGISTER_NAPI("6.9"),
    /** Turn NAPI busy polling off. */
    UNREGISTER_NAPI("6.9"),
    /** Choose the clock that wait timeouts are measured on. */
    REGISTER_CLOCK("6.12"),
    /** Copy another ring's fixed-buffer table into this one. */
    REGISTER_CLONE_BUFFERS("6.12"),
    /** Post a completion to a ring without a ring of one's own. */
    REGISTER_SEND_MSG_RING("6.13"),
    /** Register a zero-copy receive interface queue. */
    REGISTER_ZCRX_IFQ("6.15"),
    /** Resize the submission and completion rings of a live ring. */
    REGISTER_RESIZE_RINGS("6.13"),
    /** Register a memory region, e.g. for wait arguments. */
    REGISTER_MEM_REGION("6.13"),
    /** Ask what the kernel supports ({@link RingCapabilities#query()}), without a ring. */
    REGISTER_QUERY("6.18");

    private final String since;

    RegisterOp(String since) {
        this.since = since;
    }

    /** {@return the value passed as {@code opcode} to {@code io_uring_register(2)}} */
    public int code() {
        return ordinal();
    }

    /** {@return the first kernel version with this opcode} */
    public String since() {
        return since;
    }
}
