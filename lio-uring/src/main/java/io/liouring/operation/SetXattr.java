package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Sets an extended attribute of the file at a path, like {@code setxattr(2)} ({@code IORING_OP_SETXATTR},
 * Linux 5.19; {@code io_uring_prep_setxattr(3)}). Symbolic links are followed; a relative path is resolved
 * from the current directory. Completes with 0 or {@code -errno}: {@code -EEXIST} or {@code -ENODATA} when
 * {@link XattrFlags} forbid the create or the replace, {@code -ENOENT} for a missing path,
 * {@code -EOPNOTSUPP} where the file system has no such namespace. Path and name are copied into memory
 * this operation owns; the value buffer is the caller's.
 */
public final class SetXattr extends XattrRequest<SetXattr> {
    /**
     * Sets attribute {@code name} of the file at {@code path} to {@code value}.
     *
     * @param path the file, relative to the working directory unless absolute; symbolic links are followed
     * @param name  attribute name with its namespace, e.g. {@code "user.origin"}
     * @param value the value bytes (native memory)
     */
    public SetXattr(Path path, String name, MemorySegment value) {
        super(Opcode.SETXATTR, path, name, value);
    }

    /**
     * {@link XattrFlags}: {@code CREATE} or {@code REPLACE} (0: either).
     *
     * @param flags {@link XattrFlags#CREATE}, {@link XattrFlags#REPLACE}, or 0
     * @return this operation
     */
    public SetXattr flags(int flags) {
        return setFlags(flags);
    }

    @Override
    SetXattr self() {
        return this;
    }
}
