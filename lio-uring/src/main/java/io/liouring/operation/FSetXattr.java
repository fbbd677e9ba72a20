package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Sets an extended attribute of an open file, like {@code fsetxattr(2)} ({@code IORING_OP_FSETXATTR},
 * Linux 5.19; {@code io_uring_prep_fsetxattr(3)}). Completes with 0 or {@code -errno}: {@code -EEXIST} or
 * {@code -ENODATA} when {@link XattrFlags} forbid the create or the replace, {@code -EOPNOTSUPP} where the
 * file system has no such namespace. The fd must be a normal fd, not a registered one ({@code -EBADF}).
 * The name is copied into memory this operation owns; the value buffer is the caller's.
 */
public final class FSetXattr extends XattrRequest<FSetXattr> {
    /**
     * Sets attribute {@code name} of the open file {@code fd} to {@code value}.
     *
     * @param fd the open file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param name  attribute name with its namespace, e.g. {@code "user.origin"}
     * @param value the value bytes (native memory)
     */
    public FSetXattr(int fd, String name, MemorySegment value) {
        super(Opcode.FSETXATTR, fd, name, value);
    }

    /**
     * {@link XattrFlags}: {@code CREATE} or {@code REPLACE} (0: either).
     *
     * @param flags {@link XattrFlags#CREATE}, {@link XattrFlags#REPLACE}, or 0
     * @return this operation
     */
    public FSetXattr flags(int flags) {
        return setFlags(flags);
    }

    @Override
    FSetXattr self() {
        return this;
    }
}
