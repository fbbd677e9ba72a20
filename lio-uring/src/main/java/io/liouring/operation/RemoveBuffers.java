package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Takes up to {@code count} unused buffers back from a provided-buffer group ({@code IORING_OP_REMOVE_BUFFERS},
 * Linux 5.7; {@code io_uring_prep_remove_buffers(3)}), the counterpart of {@link ProvideBuffers}.
 *
 * <p>Completes with the number of buffers removed (fewer if the group held fewer) or {@code -errno}
 * ({@code -ENOENT} if the group does not exist). Once removed, the kernel no longer uses their memory.
 */
public final class RemoveBuffers implements Operation {
    private static final int MAX_BUFFERS = 1 << 16;

    private int count;
    private int bufferGroup;

    /**
     * Removes up to {@code count} buffers from group {@code bufferGroup}.
     *
     * @param count       buffers to remove at most (1..65536)
     * @param bufferGroup the group id (0..65535)
     */
    public RemoveBuffers(int count, int bufferGroup) {
        count(count);
        bufferGroup(bufferGroup);
    }

    /**
     * Change how many buffers to remove (for reuse).
     *
     * @param count 1 to 65536
     * @return this operation
     */
    public RemoveBuffers count(int count) {
        if (count <= 0 || count > MAX_BUFFERS) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_BUFFERS + ": " + count);
        }
        this.count = count;
        return this;
    }

    /**
     * Change the group (for reuse).
     *
     * @param bufferGroup the group id, 0 to 65535
     * @return this operation
     */
    public RemoveBuffers bufferGroup(int bufferGroup) {
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.REMOVE_BUFFERS).fd(count).bufGroup(bufferGroup);
    }
}
