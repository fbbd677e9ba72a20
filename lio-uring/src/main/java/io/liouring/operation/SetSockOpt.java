package io.liouring.operation;

import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Sets a socket option, like {@code setsockopt(2)} ({@code IORING_OP_URING_CMD} with
 * {@code SOCKET_URING_OP_SETSOCKOPT}, Linux 6.7; {@code io_uring_prep_cmd_sock(3)}). Completes with 0 or
 * {@code -errno}.
 */
public final class SetSockOpt implements Operation {
    private final MemorySegment value;
    private int fd;
    private int level;
    private int optname;

    /**
     * Sets the option to the bytes of {@code value} (native memory, read when the request runs).
     *
     * @param fd the socket
     * @param level the protocol level, e.g. {@code SocketOptions.SOL_SOCKET}
     * @param optname the option at that level
     * @param value the option's bytes; it must stay open until the completion
     */
    public SetSockOpt(int fd, int level, int optname, MemorySegment value) {
        this.fd = fd;
        this.level = level;
        this.optname = optname;
        this.value = Checks.requireNative(value, "value");
        Checks.requireLength(value, "value");
    }

    /**
     * Sets an {@code int} option; the value lives in memory this operation owns.
     *
     * @param fd the socket
     * @param level the protocol level, e.g. {@code SocketOptions.SOL_SOCKET}
     * @param optname the option at that level
     * @param value the option's value
     * @return the request; it completes with 0
     */
    public static SetSockOpt ofInt(int fd, int level, int optname, int value) {
        return new SetSockOpt(fd, level, optname, Arena.ofAuto().allocate(JAVA_INT)).intValue(value);
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket
     * @return this operation
     */
    public SetSockOpt fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Which option: a level ({@code SocketOptions.SOL_SOCKET}, {@code IPPROTO_TCP}, ...) and a name.
     *
     * @param level the protocol level
     * @param optname the option at that level
     * @return this operation
     */
    public SetSockOpt option(int level, int optname) {
        this.level = level;
        this.optname = optname;
        return this;
    }

    /**
     * Writes an {@code int} into the value (for reuse with int options).
     *
     * @param intValue the option's value
     * @return this operation
     */
    public SetSockOpt intValue(int intValue) {
        if (value.byteSize() < Integer.BYTES) {
            throw new IllegalStateException("value is " + value.byteSize() + " bytes, too small for an int");
        }
        value.set(JAVA_INT.withByteAlignment(1), 0, intValue);
        return this;
    }

    /** {@return the memory the kernel reads the option's value from} */
    public MemorySegment value() {
        return value;
    }

    @Override
    public void encode(Sqe sqe) {
        SocketCommands.encodeOption(sqe, fd, SocketCommands.SETSOCKOPT, level, optname,
                Checks.addressOf(value, "value"), (int) value.byteSize());
    }
}
