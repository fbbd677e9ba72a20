package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.internal.NativeAccess;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What the generic URING_CMD forms share: target fd, {@code cmd_op}, the command bytes (16, or 80 on an SQE128
 * ring), and a registered buffer ({@code IORING_URING_CMD_FIXED}).
 */
abstract class UringCmd<T extends UringCmd<T>> extends FdRequest<T> {
    private static final int CMD_FIXED = 1;

    private final MemorySegment command;
    private int cmdOp;
    private int flags;
    private int bufferIndex;
    private long addr;

    UringCmd(int size, int fd, int cmdOp) {
        super(Opcode.URING_CMD, fd);
        NativeAccess.requireForCaller(getClass().getSimpleName() + ", a driver command of raw bytes,");
        this.command = Arena.ofAuto().allocate(size, 8);
        this.cmdOp = cmdOp;
    }

    /**
     * The command code ({@code cmd_op}), as the file's driver or protocol defines it.
     *
     * @param cmdOp the command code
     * @return this operation
     */
    public T cmdOp(int cmdOp) {
        this.cmdOp = cmdOp;
        return self();
    }

    /**
     * Sets the command bytes: {@code bytes} at the start, zeros after.
     *
     * @param bytes the command's bytes, at most the entry's command area
     * @return this operation
     */
    public T command(MemorySegment bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.byteSize() > command.byteSize()) {
            throw new IllegalArgumentException("bytes is " + bytes.byteSize() + " bytes; this command holds "
                    + command.byteSize());
        }
        command.fill((byte) 0);
        MemorySegment.copy(bytes, 0, command, 0, bytes.byteSize());
        return self();
    }

    /** {@return the command bytes, which can also be written in place} */
    public MemorySegment command() {
        return command;
    }

    /**
     * The command refers to registered buffer {@code bufferIndex} ({@code IORING_URING_CMD_FIXED}).
     *
     * @param bufferIndex the registered buffer's index, 0 to 65535
     * @return this operation
     */
    public T fixedBuffer(int bufferIndex) {
        this.bufferIndex = FixedBuffers.requireIndex(bufferIndex);
        this.flags |= CMD_FIXED;
        return self();
    }

    /**
     * Sets the SQE's {@code addr} word, which some commands read besides their command bytes: the block layer's
     * discard takes its byte offset there (liburing's {@code io_uring_prep_cmd_discard}; {@link BlockDiscard} is the
     * typed form), a registered-buffer command its buffer address.
     *
     * @param addr the value of {@code sqe.addr}, as the driver defines it
     * @return this command
     */
    public T addr(long addr) {
        this.addr = addr;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        prep(sqe, addr, 0, 0).cmdOp(cmdOp).opFlags(flags).bufIndex(bufferIndex).cmd(command);
    }
}
