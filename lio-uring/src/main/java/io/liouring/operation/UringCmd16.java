package io.liouring.operation;

/**
 * A file- or driver-specific command with 16 bytes of arguments, akin to {@code ioctl(2)}
 * ({@code IORING_OP_URING_CMD}, Linux 5.19; {@code io_uring_prep_uring_cmd(3)}). Sockets understand the
 * {@code SOCKET_URING_OP_*} commands (typed: {@link SiocInq}, {@link GetSockOpt}, ...); block and NVMe
 * character devices their own. The completion's result is the command's.
 */
public final class UringCmd16 extends UringCmd<UringCmd16> {
    /** Bytes of command data in a 64-byte SQE. */
    public static final int COMMAND_SIZE = 16;

    public UringCmd16(int fd, int cmdOp) {
        super(COMMAND_SIZE, fd, cmdOp);
    }

    @Override
    UringCmd16 self() {
        return this;
    }
}
