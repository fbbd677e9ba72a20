package io.liouring;

/**
 * The io_uring opcodes ({@code enum io_uring_op}, {@code sqe.opcode}), in kernel order, with the first
 * kernel version that has each. See {@code io_uring_enter(2)}.
 */
public enum Opcode {
    /** Does nothing; completes with 0 (or an injected result): {@link io.liouring.operation.Nop Nop}. */
    NOP("5.1"),
    /** Vectored read, as {@code preadv2(2)}: {@link io.liouring.operation.Readv Readv}. */
    READV("5.1"),
    /** Vectored write, as {@code pwritev2(2)}: {@link io.liouring.operation.Writev Writev}. */
    WRITEV("5.1"),
    /** File sync, as {@code fsync(2)} or {@code fdatasync(2)}: {@link io.liouring.operation.Fsync Fsync}. */
    FSYNC("5.1"),
    /** Read into a registered buffer: {@link io.liouring.operation.ReadFixed ReadFixed}. */
    READ_FIXED("5.1"),
    /** Write from a registered buffer: {@link io.liouring.operation.WriteFixed WriteFixed}. */
    WRITE_FIXED("5.1"),
    /**
     * Wait for readiness events on a descriptor, as {@code poll(2)}; one-shot or multishot: {@link
     * io.liouring.operation.PollAdd PollAdd}.
     */
    POLL_ADD("5.1"),
    /** Remove or update a pending poll: {@link io.liouring.operation.PollRemove PollRemove}. */
    POLL_REMOVE("5.1"),
    /**
     * Write back a byte range, as {@code sync_file_range(2)}: {@link io.liouring.operation.SyncFileRange
     * SyncFileRange}.
     */
    SYNC_FILE_RANGE("5.2"),
    /** Send a message, as {@code sendmsg(2)}: {@link io.liouring.operation.SendMsg SendMsg}. */
    SENDMSG("5.3"),
    /**
     * Receive a message, as {@code recvmsg(2)}; one-shot or multishot: {@link io.liouring.operation.RecvMsg RecvMsg}.
     */
    RECVMSG("5.3"),
    /**
     * A timer, relative or absolute, that may also count completions: {@link io.liouring.operation.Timeout Timeout}.
     */
    TIMEOUT("5.4"),
    /** Remove or update a pending timeout: {@link io.liouring.operation.TimeoutRemove TimeoutRemove}. */
    TIMEOUT_REMOVE("5.5"),
    /**
     * Accept a connection, as {@code accept4(2)}; one-shot or multishot: {@link io.liouring.operation.Accept Accept}.
     */
    ACCEPT("5.5"),
    /**
     * Cancel requests by {@code user_data}, descriptor or opcode: {@link io.liouring.operation.AsyncCancel
     * AsyncCancel}.
     */
    ASYNC_CANCEL("5.5"),
    /** A timeout that cancels the request linked before it: {@link io.liouring.operation.LinkTimeout LinkTimeout}. */
    LINK_TIMEOUT("5.5"),
    /** Connect a socket, as {@code connect(2)}: {@link io.liouring.operation.Connect Connect}. */
    CONNECT("5.5"),
    /** Allocate or punch file space, as {@code fallocate(2)}: {@link io.liouring.operation.Fallocate Fallocate}. */
    FALLOCATE("5.6"),
    /** Open a file, as {@code openat(2)}: {@link io.liouring.operation.OpenAt OpenAt}. */
    OPENAT("5.6"),
    /** Close a descriptor or a direct descriptor, as {@code close(2)}: {@link io.liouring.operation.Close Close}. */
    CLOSE("5.6"),
    /**
     * Replace registered-file slots from the submission queue: {@link io.liouring.operation.FilesUpdate FilesUpdate}.
     */
    FILES_UPDATE("5.6"),
    /** File status, as {@code statx(2)}: {@link io.liouring.operation.Statx Statx}. */
    STATX("5.6"),
    /** Read into one buffer, as {@code pread(2)}: {@link io.liouring.operation.Read Read}. */
    READ("5.6"),
    /** Write one buffer, as {@code pwrite(2)}: {@link io.liouring.operation.Write Write}. */
    WRITE("5.6"),
    /**
     * Access-pattern advice for a file range, as {@code posix_fadvise(2)}: {@link io.liouring.operation.Fadvise
     * Fadvise}.
     */
    FADVISE("5.6"),
    /** Usage advice for a memory range, as {@code madvise(2)}: {@link io.liouring.operation.Madvise Madvise}. */
    MADVISE("5.6"),
    /**
     * Send one buffer, as {@code send(2)}/{@code sendto(2)}; also send bundles: {@link io.liouring.operation.Send
     * Send}.
     */
    SEND("5.6"),
    /**
     * Receive into one buffer, as {@code recv(2)}; also multishot and bundle receives: {@link
     * io.liouring.operation.Recv Recv}.
     */
    RECV("5.6"),
    /** Open a file with resolve restrictions, as {@code openat2(2)}: {@link io.liouring.operation.OpenAt2 OpenAt2}. */
    OPENAT2("5.6"),
    /** Change an epoll interest list, as {@code epoll_ctl(2)}: {@link io.liouring.operation.EpollCtl EpollCtl}. */
    EPOLL_CTL("5.6"),
    /** Move bytes to or from a pipe, as {@code splice(2)}: {@link io.liouring.operation.Splice Splice}. */
    SPLICE("5.7"),
    /**
     * Hand the kernel buffers for a provided-buffer group (the legacy form of buffer rings): {@link
     * io.liouring.operation.ProvideBuffers ProvideBuffers}.
     */
    PROVIDE_BUFFERS("5.7"),
    /**
     * Take unused buffers back from a provided-buffer group: {@link io.liouring.operation.RemoveBuffers RemoveBuffers}.
     */
    REMOVE_BUFFERS("5.7"),
    /** Duplicate pipe content, as {@code tee(2)}: {@link io.liouring.operation.Tee Tee}. */
    TEE("5.8"),
    /** Shut down part of a connection, as {@code shutdown(2)}: {@link io.liouring.operation.Shutdown Shutdown}. */
    SHUTDOWN("5.11"),
    /** Rename a file, as {@code renameat2(2)}: {@link io.liouring.operation.RenameAt RenameAt}. */
    RENAMEAT("5.11"),
    /** Remove a file or directory, as {@code unlinkat(2)}: {@link io.liouring.operation.UnlinkAt UnlinkAt}. */
    UNLINKAT("5.11"),
    /** Create a directory, as {@code mkdirat(2)}: {@link io.liouring.operation.MkDirAt MkDirAt}. */
    MKDIRAT("5.15"),
    /** Create a symbolic link, as {@code symlinkat(2)}: {@link io.liouring.operation.SymlinkAt SymlinkAt}. */
    SYMLINKAT("5.15"),
    /** Create a hard link, as {@code linkat(2)}: {@link io.liouring.operation.LinkAt LinkAt}. */
    LINKAT("5.15"),
    /**
     * Post a completion, or pass a direct descriptor, to another ring: {@link io.liouring.operation.MsgRingData
     * MsgRingData}.
     */
    MSG_RING("5.18"),
    /**
     * Set an extended attribute of an open file, as {@code fsetxattr(2)}: {@link io.liouring.operation.FSetXattr
     * FSetXattr}.
     */
    FSETXATTR("5.19"),
    /** Set an extended attribute by path, as {@code setxattr(2)}: {@link io.liouring.operation.SetXattr SetXattr}. */
    SETXATTR("5.19"),
    /**
     * Read an extended attribute of an open file, as {@code fgetxattr(2)}: {@link io.liouring.operation.FGetXattr
     * FGetXattr}.
     */
    FGETXATTR("5.19"),
    /** Read an extended attribute by path, as {@code getxattr(2)}: {@link io.liouring.operation.GetXattr GetXattr}. */
    GETXATTR("5.19"),
    /** Create a socket, as {@code socket(2)}: {@link io.liouring.operation.Socket Socket}. */
    SOCKET("5.19"),
    /**
     * A driver- or protocol-specific command, akin to {@code ioctl(2)}: {@link io.liouring.operation.UringCmd16
     * UringCmd16}.
     */
    URING_CMD("5.19"),
    /**
     * Send without copying; a notification follows once the buffer is free: {@link io.liouring.operation.SendZc
     * SendZc}.
     */
    SEND_ZC("6.0"),
    /**
     * Send a message without copying; a notification follows once the buffers are free: {@link
     * io.liouring.operation.SendMsgZc SendMsgZc}.
     */
    SENDMSG_ZC("6.1"),
    /** Read again and again into provided buffers: {@link io.liouring.operation.ReadMulti ReadMulti}. */
    READ_MULTISHOT("6.7"),
    /** Wait for a child process to change state, as {@code waitid(2)}: {@link io.liouring.operation.WaitId WaitId}. */
    WAITID("6.7"),
    /** Wait on a futex: {@link io.liouring.operation.FutexWait FutexWait}. */
    FUTEX_WAIT("6.7"),
    /** Wake waiters of a futex: {@link io.liouring.operation.FutexWake FutexWake}. */
    FUTEX_WAKE("6.7"),
    /** Wait on several futexes, as {@code futex_waitv(2)}: {@link io.liouring.operation.FutexWaitV FutexWaitV}. */
    FUTEX_WAITV("6.7"),
    /**
     * Install a direct descriptor as a normal descriptor of the process: {@link io.liouring.operation.FixedFdInstall
     * FixedFdInstall}.
     */
    FIXED_FD_INSTALL("6.8"),
    /** Set a file's size, as {@code ftruncate(2)}: {@link io.liouring.operation.Ftruncate Ftruncate}. */
    FTRUNCATE("6.9"),
    /** Bind a socket to an address, as {@code bind(2)}: {@link io.liouring.operation.Bind Bind}. */
    BIND("6.11"),
    /** Mark a socket as accepting connections, as {@code listen(2)}: {@link io.liouring.operation.Listen Listen}. */
    LISTEN("6.11"),
    /** Receive without copying through a zero-copy receive queue: {@link io.liouring.operation.RecvZc RecvZc}. */
    RECV_ZC("6.15"),
    /** Wait for epoll events, as {@code epoll_wait(2)}: {@link io.liouring.operation.EpollWait EpollWait}. */
    EPOLL_WAIT("6.15"),
    /** Vectored read into a registered buffer: {@link io.liouring.operation.ReadvFixed ReadvFixed}. */
    READV_FIXED("6.15"),
    /** Vectored write from a registered buffer: {@link io.liouring.operation.WritevFixed WritevFixed}. */
    WRITEV_FIXED("6.15"),
    /** Create a pipe, as {@code pipe2(2)}: {@link io.liouring.operation.Pipe Pipe}. */
    PIPE("6.16"),
    /** A no-op in a 128-byte entry of a mixed-size ring: {@link io.liouring.operation.Nop128 Nop128}. */
    NOP128("6.19"),
    /**
     * A command with 80 bytes of arguments in a 128-byte entry of a mixed-size ring: {@link
     * io.liouring.operation.UringCmd128 UringCmd128}.
     */
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

    /**
     * {@return the opcode with this number, or {@code null} if this library does not know it}
     *
     * @param code the {@code sqe.opcode} value
     */
    public static Opcode of(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
