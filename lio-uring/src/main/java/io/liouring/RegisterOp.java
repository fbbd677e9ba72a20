package io.liouring;

/**
 * The opcodes of {@code io_uring_register(2)} ({@code IORING_REGISTER_*} and {@code IORING_UNREGISTER_*}), in
 * kernel order, with the first kernel version that has each. {@link Restrictions} names them to allow a
 * registration on a restricted ring; the ring's own register methods use them internally.
 */
public enum RegisterOp {
    REGISTER_BUFFERS("5.1"), UNREGISTER_BUFFERS("5.1"), REGISTER_FILES("5.1"), UNREGISTER_FILES("5.1"),
    REGISTER_EVENTFD("5.2"), UNREGISTER_EVENTFD("5.2"), REGISTER_FILES_UPDATE("5.5"), REGISTER_EVENTFD_ASYNC("5.6"),
    REGISTER_PROBE("5.6"), REGISTER_PERSONALITY("5.6"), UNREGISTER_PERSONALITY("5.6"), REGISTER_RESTRICTIONS("5.10"),
    REGISTER_ENABLE_RINGS("5.10"), REGISTER_FILES2("5.13"), REGISTER_FILES_UPDATE2("5.13"), REGISTER_BUFFERS2("5.13"),
    REGISTER_BUFFERS_UPDATE("5.13"), REGISTER_IOWQ_AFF("5.14"), UNREGISTER_IOWQ_AFF("5.14"),
    REGISTER_IOWQ_MAX_WORKERS("5.15"), REGISTER_RING_FDS("5.18"), UNREGISTER_RING_FDS("5.18"),
    REGISTER_PBUF_RING("5.19"), UNREGISTER_PBUF_RING("5.19"), REGISTER_SYNC_CANCEL("6.0"),
    REGISTER_FILE_ALLOC_RANGE("6.0"), REGISTER_PBUF_STATUS("6.8"), REGISTER_NAPI("6.9"), UNREGISTER_NAPI("6.9"),
    REGISTER_CLOCK("6.12"), REGISTER_CLONE_BUFFERS("6.12"), REGISTER_SEND_MSG_RING("6.13"),
    REGISTER_ZCRX_IFQ("6.15"), REGISTER_RESIZE_RINGS("6.13"), REGISTER_MEM_REGION("6.13");

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
