package io.liouring.operation;

/**
 * A file- or driver-specific command with 16 bytes of arguments, akin to {@code ioctl(2)}
 * ({@code IORING_OP_URING_CMD}, Linux 5.19; {@code io_uring_prep_uring_cmd(3)}). Sockets understand the
 * {@code SOCKET_URING_OP_*} commands (typed: {@link SiocInq}, {@link GetSockOpt}, ...); block and NVMe
 * character devices their own. The completion's result is the command's.
 *
 * <p><b>Restricted</b>, like the JDK's restricted methods: a driver may read addresses out of the command bytes
 * (NVMe passthrough's data buffer, ublk's), so the kernel would read and write memory this library cannot check.
 * The constructor throws {@link IllegalCallerException} unless the calling module has native access
 * ({@code --enable-native-access=M}; see {@link io.liouring.Operation}). The typed socket commands
 * ({@link SiocInq}, {@link GetSockOpt}, ...) are free to use.
 */
public final class UringCmd16 extends UringCmd<UringCmd16> {
    /** Bytes of command data in a 64-byte SQE. */
    public static final int COMMAND_SIZE = 16;

    /**
     * A command {@code cmdOp} for the file {@code fd} (or a direct descriptor's slot, pushed with
     * {@code SqeFlags.FIXED_FILE}), its bytes zero until {@link #command(java.lang.foreign.MemorySegment)}.
     *
     * @param fd    the file
     * @param cmdOp the driver's command number ({@code sqe.cmd_op})
     * @throws IllegalCallerException if the calling module has no native access
     */
    public UringCmd16(int fd, int cmdOp) {
        super(COMMAND_SIZE, fd, cmdOp);
    }

    @Override
    UringCmd16 self() {
        return this;
    }
}
