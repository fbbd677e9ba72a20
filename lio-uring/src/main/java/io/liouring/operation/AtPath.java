package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.internal.NativeStrings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The "directory fd + path" argument of the {@code *at} requests, with the path copied into a C string the
 * operation owns (an automatic arena: it lives as long as the operation does).
 */
final class AtPath {
    private final int dirFd;
    private final MemorySegment path;

    /** {@code name} names the argument in error messages. */
    AtPath(int dirFd, Path path, String name) {
        this.dirFd = dirFd;
        this.path = copy(path, name);
    }

    /** A path as a C string in an automatic arena; {@code name} names the argument in error messages. */
    static MemorySegment copy(Path path, String name) {
        return NativeStrings.path(Arena.ofAuto(), path, name);
    }

    int dirFd() {
        return dirFd;
    }

    long address() {
        return path.address();
    }

    /** The common shape: {@code fd} = directory, {@code addr} = path, plus the request's {@code len} and {@code off}. */
    Sqe encode(Sqe sqe, Opcode opcode, int len, long off) {
        return sqe.prepRw(opcode, dirFd, path.address(), len, off);
    }

    /**
     * The two-path shape of renameat and linkat: {@code fd}/{@code addr} = source directory and path,
     * {@code len}/{@code addr2} = target directory and path, and the request's flags word.
     */
    static Sqe encodePair(Sqe sqe, Opcode opcode, AtPath from, AtPath to, int flags) {
        return from.encode(sqe, opcode, to.dirFd, to.address()).opFlags(flags);
    }
}
