package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Reads an extended attribute of the file at a path into a buffer, like {@code getxattr(2)}
 * ({@code IORING_OP_GETXATTR}, Linux 5.19; {@code io_uring_prep_getxattr(3)}). Symbolic links are followed;
 * a relative path is resolved from the current directory.
 *
 * <p>Completes with the value's length, or {@code -errno}: {@code -ENODATA} if the file has no such
 * attribute, {@code -ERANGE} if the buffer is too small, {@code -ENOENT} for a missing path. With an empty
 * buffer it completes with the length the value needs. Path and name are copied into memory this operation
 * owns; the buffer is the caller's and is written when the request executes.
 */
public final class GetXattr extends XattrRequest<GetXattr> {
    /**
     * Reads attribute {@code name} of the file at {@code path} into {@code value}.
     *
     * @param path the file, relative to the working directory unless absolute; symbolic links are followed
     * @param name  attribute name with its namespace, e.g. {@code "user.origin"}
     * @param value the buffer to read the value into (native memory)
     */
    public GetXattr(Path path, String name, MemorySegment value) {
        super(Opcode.GETXATTR, path, name, value);
    }

    @Override
    GetXattr self() {
        return this;
    }
}
