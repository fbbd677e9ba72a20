package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.NativeAccess;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A file- or device-specific command with an 80-byte payload in a 128-byte submission entry, akin to
 * {@code ioctl(2)} ({@code IORING_OP_URING_CMD128}, Linux 6.19; {@code io_uring_prep_uring_cmd128(3)}). Needs a
 * ring with 128-byte entries ({@code SQE128}) or mixed entry sizes ({@code IORING_SETUP_SQE_MIXED}).
 *
 * <p>What the command means, and its result, belong to the file's driver: NVMe passthrough, ublk, or socket
 * commands ({@link #SOCKET_SIOCINQ}: bytes waiting to be read). {@code -EOPNOTSUPP} if the file has no such
 * commands.
 *
 * <p><b>Restricted</b>, like the JDK's restricted methods: a driver may read addresses out of the command bytes
 * (NVMe passthrough's data buffer, ublk's), so the kernel would read and write memory this library cannot check.
 * The constructor throws {@link IllegalCallerException} unless the calling module has native access
 * ({@code --enable-native-access=M}; see {@link io.liouring.Operation}). The typed socket commands
 * ({@link SiocInq}, {@link GetSockOpt}, ...) are free to use.
 */
public final class UringCmd128 implements Operation {
    /** The most bytes of payload: the 80 bytes from offset 48 of a 128-byte entry. */
    public static final int MAX_COMMAND = 80;
    /** {@code SOCKET_URING_OP_SIOCINQ}: completes with the bytes in a socket's receive queue. */
    public static final int SOCKET_SIOCINQ = 0;
    /** {@code SOCKET_URING_OP_SIOCOUTQ}: completes with the bytes in a socket's send queue not yet sent. */
    public static final int SOCKET_SIOCOUTQ = 1;

    /** {@code IORING_URING_CMD_FIXED}. */
    private static final int CMD_FIXED = 1;

    private int fd;
    private int cmdOp;
    private MemorySegment command;
    private int flags;
    private int bufferIndex;
    private long addr;

    /**
     * Sends command {@code cmdOp} to the driver of {@code fd}.
     *
     * @param fd    the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param cmdOp the driver's command number ({@code sqe.cmd_op})
     * @throws IllegalCallerException if the calling module has no native access
     */
    public UringCmd128(int fd, int cmdOp) {
        NativeAccess.requireForCaller("UringCmd128, a driver command of raw bytes,");
        this.fd = fd;
        this.cmdOp = cmdOp;
    }

    /**
     * Change the fd and command number (for reuse).
     *
     * @param fd the file
     * @param cmdOp the driver's command number
     * @return this operation
     */
    public UringCmd128 target(int fd, int cmdOp) {
        this.fd = fd;
        this.cmdOp = cmdOp;
        return this;
    }

    /**
     * The payload copied into the entry's command area when pushed: at most {@link #MAX_COMMAND} bytes.
     *
     * @param command at most {@link #MAX_COMMAND} bytes
     * @return this operation
     */
    public UringCmd128 command(MemorySegment command) {
        Objects.requireNonNull(command, "command");
        if (command.byteSize() > MAX_COMMAND) {
            throw new IllegalArgumentException("command is " + command.byteSize() + " bytes; at most " + MAX_COMMAND
                    + " fit in a 128-byte entry");
        }
        this.command = command;
        return this;
    }

    /**
     * The command refers to registered buffer {@code bufferIndex} ({@code IORING_URING_CMD_FIXED} in {@code
     * uring_cmd_flags}, {@code buf_index}; what liburing's callers set after {@code io_uring_prep_uring_cmd128}): a
     * driver that reads a buffer address from the command (NVMe passthrough, ublk) then finds it in that registered
     * buffer instead of pinning user memory per request.
     *
     * @param bufferIndex the registered buffer's index, 0 to 65535
     * @return this operation
     */
    public UringCmd128 fixedBuffer(int bufferIndex) {
        this.bufferIndex = FixedBuffers.requireIndex(bufferIndex);
        this.flags |= CMD_FIXED;
        return this;
    }

    /**
     * Sets the entry's {@code addr} word, which some commands read besides their command bytes (as {@link
     * UringCmd80#addr(long)}).
     *
     * @param addr the value of {@code sqe.addr}, as the driver defines it
     * @return this operation
     */
    public UringCmd128 addr(long addr) {
        this.addr = addr;
        return this;
    }

    /** @throws IllegalStateException if the entry is a 64-byte one (the kernel would refuse the request) */
    @Override
    public void encode(Sqe sqe) {
        Entry128.require(sqe, "UringCmd128");
        sqe.opcode(Opcode.URING_CMD128).fd(fd).cmdOp(cmdOp).addr(addr).opFlags(flags).bufIndex(bufferIndex);
        if (command != null) {
            sqe.cmd(command);
        }
    }
}
