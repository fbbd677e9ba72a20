package io.liouring.operation;

import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Reads a socket option, like {@code getsockopt(2)} ({@code IORING_OP_URING_CMD} with
 * {@code SOCKET_URING_OP_GETSOCKOPT}, Linux 6.7; {@code io_uring_prep_cmd_sock(3)}). The kernel supports
 * only level {@code SOL_SOCKET} here (others: {@code -EOPNOTSUPP}).
 *
 * <p>Completes with the option's length (the value is in {@link #value()}), or {@code -errno}.
 */
public final class GetSockOpt implements Operation {
    private final MemorySegment value;
    private int fd;
    private int level;
    private int optname;

    /**
     * Reads into {@code value} (native memory; its size is the room offered).
     *
     * @param fd the socket
     * @param level the protocol level, e.g. {@code SocketOptions.SOL_SOCKET}
     * @param optname the option at that level
     * @param value where the kernel writes the value; it must stay open until the completion
     */
    public GetSockOpt(int fd, int level, int optname, MemorySegment value) {
        this.fd = fd;
        this.level = level;
        this.optname = optname;
        this.value = Checks.requireNative(value, "value");
        Checks.requireLength(value, "value");
    }

    /**
     * Reads an {@code int} option into memory this operation owns: {@link #intValue()} after the completion.
     *
     * @param fd the socket
     * @param level the protocol level, e.g. {@code SocketOptions.SOL_SOCKET}
     * @param optname the option at that level
     * @return the request; it completes with the value's length in bytes
     */
    public static GetSockOpt ofInt(int fd, int level, int optname) {
        return new GetSockOpt(fd, level, optname, Arena.ofAuto().allocate(JAVA_INT));
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket
     * @return this operation
     */
    public GetSockOpt fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Which option: {@code SocketOptions.SOL_SOCKET} and an {@code SO_*} name.
     *
     * @param level the protocol level
     * @param optname the option at that level
     * @return this operation
     */
    public GetSockOpt option(int level, int optname) {
        this.level = level;
        this.optname = optname;
        return this;
    }

    /** {@return where the kernel writes the value} */
    public MemorySegment value() {
        return value;
    }

    /** {@return the value as an {@code int} (for int options, after the completion)} */
    public int intValue() {
        return value.get(JAVA_INT.withByteAlignment(1), 0);
    }

    @Override
    public void encode(Sqe sqe) {
        SocketCommands.encodeOption(sqe, fd, SocketCommands.GETSOCKOPT, level, optname,
                Checks.addressOf(value, "value"), (int) value.byteSize());
    }
}
