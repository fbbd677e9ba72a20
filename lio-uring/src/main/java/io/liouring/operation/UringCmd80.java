package io.liouring.operation;

import io.liouring.Sqe;

/**
 * A file- or driver-specific command with 80 bytes of arguments ({@code IORING_OP_URING_CMD} in a 128-byte
 * SQE, Linux 5.19; {@code io_uring_prep_uring_cmd(3)} on a ring of 128-byte entries; NVMe passthrough, for one). Only on rings created with {@code Params.builder().sqe128()};
 * pushing it to another ring fails with {@link IllegalStateException}. The completion's result is the command's.
 *
 * <p><b>Restricted</b>, like the JDK's restricted methods: a driver may read addresses out of the command bytes
 * (NVMe passthrough's data buffer, ublk's), so the kernel would read and write memory this library cannot check.
 * The constructor throws {@link IllegalCallerException} unless the calling module has native access
 * ({@code --enable-native-access=M}; see {@link io.liouring.Operation}). The typed socket commands
 * ({@link SiocInq}, {@link GetSockOpt}, ...) are free to use.
 */
public final class UringCmd80 extends UringCmd<UringCmd80> {
    /** Bytes of command data in a 128-byte SQE. */
    public static final int COMMAND_SIZE = 80;

    /**
     * A command {@code cmdOp} for the file {@code fd} (or a direct descriptor's slot, pushed with
     * {@code SqeFlags.FIXED_FILE}), its bytes zero until {@link #command(java.lang.foreign.MemorySegment)}.
     *
     * @param fd    the file
     * @param cmdOp the driver's command number ({@code sqe.cmd_op})
     * @throws IllegalCallerException if the calling module has no native access
     */
    public UringCmd80(int fd, int cmdOp) {
        super(COMMAND_SIZE, fd, cmdOp);
    }

    @Override
    public void encode(Sqe sqe) {
        if (sqe.size() != 128) {
            throw new IllegalStateException("UringCmd80 needs 128-byte SQEs: create the ring with Params.builder().sqe128()");
        }
        super.encode(sqe);
    }

    @Override
    UringCmd80 self() {
        return this;
    }
}
