package io.liouring;

/**
 * The io_uring opcodes ({@code enum io_uring_op}, {@code sqe.opcode}), in kernel order, with the first
 * kernel version that has each. See {@code io_uring_enter(2)}.
 */
public enum Opcode {
    NOP("5.1"), READV("5.1"), WRITEV("5.1"), FSYNC("5.1"), READ_FIXED("5.1"), WRITE_FIXED("5.1"),
    POLL_ADD("5.1"), POLL_REMOVE("5.1"), SYNC_FILE_RANGE("5.2"), SENDMSG("5.3"), RECVMSG("5.3"),
    TIMEOUT("5.4"), TIMEOUT_REMOVE("5.5"), ACCEPT("5.5"), ASYNC_CANCEL("5.5"), LINK_TIMEOUT("5.5"),
    CONNECT("5.5"), FALLOCATE("5.6"), OPENAT("5.6"), CLOSE("5.6"), FILES_UPDATE("5.6"), STATX("5.6"),
    READ("5.6"), WRITE("5.6"), FADVISE("5.6"), MADVISE("5.6"), SEND("5.6"), RECV("5.6"), OPENAT2("5.6"),
    EPOLL_CTL("5.6"), SPLICE("5.7"), PROVIDE_BUFFERS("5.7"), REMOVE_BUFFERS("5.7"), TEE("5.8"),
    SHUTDOWN("5.11"), RENAMEAT("5.11"), UNLINKAT("5.11"), MKDIRAT("5.15"), SYMLINKAT("5.15"),
    LINKAT("5.15"), MSG_RING("5.18"), FSETXATTR("5.19"), SETXATTR("5.19"), FGETXATTR("5.19"),
    GETXATTR("5.19"), SOCKET("5.19"), URING_CMD("5.19"), SEND_ZC("6.0"), SENDMSG_ZC("6.1"),
    READ_MULTISHOT("6.7"), WAITID("6.7"), FUTEX_WAIT("6.7"), FUTEX_WAKE("6.7"), FUTEX_WAITV("6.7"),
    FIXED_FD_INSTALL("6.8"), FTRUNCATE("6.9"), BIND("6.11"), LISTEN("6.11"), RECV_ZC("6.15"),
    EPOLL_WAIT("6.15"), READV_FIXED("6.15"), WRITEV_FIXED("6.15"), PIPE("6.16"), NOP128("6.19"),
    URING_CMD128("6.19");

    private static final Opcode[] VALUES = values();

    private final String since;

    Opcode(String since) {
        this.since = since;
    }

    /** {@return the value written to {@code sqe.opcode}} */
    public int code() {
        return ordinal();
    }

    /** {@return the kernel's name, e.g. {@code IORING_OP_READ}} */
    public String kernelName() {
        return "IORING_OP_" + name();
    }

    /** {@return the first kernel version with this opcode, e.g. "5.6"} */
    public String since() {
        return since;
    }

    /** {@return the opcode with this number, or {@code null} if this library does not know it} */
    public static Opcode of(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
