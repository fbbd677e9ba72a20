package io.liouring;

import io.liouring.internal.Libc;
import io.liouring.internal.NativeStrings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Plain file descriptors for use with a ring: Java has no public way to get the fd of a channel, so this
 * opens and closes them directly ({@code openat(2)}, {@code close(2)}).
 */
public final class Fd {
    /** {@code AT_FDCWD}: "relative to the current directory" for the {@code *at} calls (-100, not -1). */
    public static final int AT_FDCWD = -100;

    private Fd() {
    }

    /**
     * Opens a file, as {@code openat(AT_FDCWD, path, flags, mode)}; {@code O_CLOEXEC} is always added.
     *
     * @param path the file, relative to the working directory unless absolute
     * @param flags {@link OpenFlags} bits
     * @param mode  permission bits for a created file, e.g. {@code 0644}
     * @return the new file descriptor
     * @throws UringException naming the path and errno when the kernel refuses
     */
    public static int open(Path path, int flags, int mode) {
        Objects.requireNonNull(path, "path");
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode must be permission bits between 0 and 07777: " + Integer.toOctalString(mode));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = NativeStrings.path(arena, path);
            int fd = Libc.openat(Libc.newErrnoState(arena), AT_FDCWD, cPath, flags | OpenFlags.O_CLOEXEC, mode);
            if (fd < 0) {
                throw new UringException("open(" + path + ")", -fd);
            }
            return fd;
        }
    }

    /**
     * Opens an existing file for reading.
     *
     * @param path the file, relative to the working directory unless absolute
     * @return the new file descriptor, open {@code O_RDONLY | O_CLOEXEC}
     * @throws UringException naming the path and errno when the kernel refuses (ENOENT, EACCES, ...)
     */
    public static int openRead(Path path) {
        return open(path, OpenFlags.O_RDONLY, 0);
    }

    /**
     * Closes a file descriptor.
     *
     * @param fd the descriptor to close
     * @throws UringException naming the errno (for example EBADF for an fd that is not open)
     */
    public static void close(int fd) {
        int r = Libc.close(fd);
        if (r < 0) {
            throw new UringException("close(" + fd + ")", -r);
        }
    }
}
