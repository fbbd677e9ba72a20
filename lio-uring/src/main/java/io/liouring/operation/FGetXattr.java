package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Reads an extended attribute of an open file into a buffer, like {@code fgetxattr(2)}
 * ({@code IORING_OP_FGETXATTR}, Linux 5.19; {@code io_uring_prep_fgetxattr(3)}).
 *
 * <p>Completes with the value's length, or {@code -errno}: {@code -ENODATA} if the file has no such
 * attribute, {@code -ERANGE} if the buffer is too small. With an empty buffer it completes with the length
 * the value needs. The fd must be a normal fd, not a registered one ({@code -EBADF}). The name is copied
 * into memory this operation owns; the buffer is the caller's and is written when the request executes.
 */
public final class FGetXattr extends XattrRequest<FGetXattr> {
    /**
     * Reads attribute {@code name} of the open file {@code fd} into {@code value}.
     *
     * @param fd the open file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param name  attribute name with its namespace, e.g. {@code "user.origin"}
     * @param value the buffer to read the value into (native memory)
     */
    public FGetXattr(int fd, String name, MemorySegment value) {
        super(Opcode.FGETXATTR, fd, name, value);
    }

    @Override
    FGetXattr self() {
        return this;
    }
}
