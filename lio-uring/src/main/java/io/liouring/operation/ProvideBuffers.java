package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.MemorySegment;

/**
 * Hands the kernel {@code count} buffers of {@code bufferSize} bytes, cut one after the other from
 * {@code memory}, as the provided-buffer group {@code bufferGroup} with ids {@code firstId},
 * {@code firstId + 1}, … ({@code IORING_OP_PROVIDE_BUFFERS}, Linux 5.7; {@code io_uring_prep_provide_buffers(3)}).
 * Requests with {@code BUFFER_SELECT} ({@link ReadSelect}, {@link ReadMulti}) then take one buffer each and
 * name it in {@code Completion.bufferId()}; a consumed buffer is gone from the group until provided again.
 * Buffer {@code id} is {@code memory.asSlice((id - firstId) * bufferSize, bufferSize)}.
 *
 * <p>These are the legacy provided buffers; buffer rings ({@code IORING_REGISTER_PBUF_RING}) are faster.
 * Completes with 0 or {@code -errno}.
 *
 * <p><b>Memory.</b> The kernel keeps the addresses after this request completes, until each buffer is
 * consumed, removed ({@link RemoveBuffers}) or the ring closes: keep {@code memory} alive and its arena
 * open that long. This operation keeps {@code memory} reachable while it is reachable itself.
 */
public final class ProvideBuffers implements Operation {
    private static final int MAX_BUFFERS = 1 << 16;

    private final MemorySegment memory;
    private final int bufferSize;
    private final int count;
    private final int bufferGroup;
    private final int firstId;

    /**
     * Provides {@code count} buffers of {@code bufferSize} bytes from {@code memory} to group {@code bufferGroup}.
     *
     * @param memory      native memory holding all the buffers, at least {@code count * bufferSize} bytes
     * @param bufferSize  bytes per buffer (&gt; 0)
     * @param count       number of buffers (1..65536)
     * @param bufferGroup the group id (0..65535)
     * @param firstId     id of the first buffer (0..65535; {@code firstId + count} at most 65536)
     */
    public ProvideBuffers(MemorySegment memory, int bufferSize, int count, int bufferGroup, int firstId) {
        this.memory = Checks.requireNative(memory, "memory");
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        if (count <= 0 || count > MAX_BUFFERS) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_BUFFERS + ": " + count);
        }
        if (firstId < 0 || firstId > 0xFFFF || firstId + count > MAX_BUFFERS) {
            throw new IllegalArgumentException("buffer ids firstId..firstId+count-1 must lie in 0..65535: firstId="
                    + firstId + ", count=" + count);
        }
        long needed = (long) bufferSize * count;
        if (needed > memory.byteSize()) {
            throw new IllegalArgumentException("memory (" + memory.byteSize() + " bytes) is smaller than count * bufferSize ("
                    + count + " * " + bufferSize + " = " + needed + ")");
        }
        this.bufferSize = bufferSize;
        this.count = count;
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        this.firstId = firstId;
    }

    /**
     * {@return the buffer with id {@code id}, as a slice of the memory}
     *
     * @param id {@code firstId} to {@code firstId + count - 1}
     */
    public MemorySegment buffer(int id) {
        if (id < firstId || id >= firstId + count) {
            throw new IllegalArgumentException("id " + id + " is not one of this request's buffers (" + firstId + ".."
                    + (firstId + count - 1) + ")");
        }
        return memory.asSlice((long) (id - firstId) * bufferSize, bufferSize);
    }

    /** {@return the group the buffers go to} */
    public int bufferGroup() {
        return bufferGroup;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.PROVIDE_BUFFERS, count, Checks.addressOf(memory, "memory"), bufferSize, firstId)
                .bufGroup(bufferGroup);
    }
}
