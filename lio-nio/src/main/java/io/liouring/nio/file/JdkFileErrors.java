package io.liouring.nio.file;

import io.liouring.Errno;
import io.liouring.UringException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A failed system call of the file channels as the JDK's own file system reports it on Linux, since lio-nio stands
 * in for it and applications print and match these messages. The errno stays available as the cause: a
 * {@link UringException} naming the call, the path and the {@link Errno}. (The core's own file layer keeps its
 * richer messages; this mapping is lio-nio's.)
 */
final class JdkFileErrors {
    /** Not instantiable. */
    private JdkFileErrors() {
    }

    /**
     * A failed call on a path ({@code open}), as the JDK's {@code UnixException} translates it: {@code ENOENT},
     * {@code EEXIST} and {@code EACCES} as {@link NoSuchFileException}, {@link FileAlreadyExistsException} and
     * {@link AccessDeniedException} whose message is the path alone; {@code ELOOP} and every other errno as a
     * {@link FileSystemException} of the path with {@code strerror}'s text as the reason.
     *
     * @param result the call's {@code -errno}
     */
    static IOException ofPath(String call, Path path, int result) {
        String file = path.toString();
        int errno = -result;
        IOException e = switch (Errno.of(errno)) {
            case ENOENT -> new NoSuchFileException(file, null, null);
            case EEXIST -> new FileAlreadyExistsException(file, null, null);
            case EACCES -> new AccessDeniedException(file, null, null);
            case ELOOP -> new FileSystemException(file, null,
                    strerror(errno) + " or unable to access attributes of symbolic link");
            default -> new FileSystemException(file, null, strerror(errno));
        };
        e.initCause(new UringException(call + "(" + path + ")", errno));
        return e;
    }

    /**
     * A failed I/O call on an open file ({@code read}, {@code write}, {@code fsync}, {@code fcntl}, ...), as the
     * JDK's file channels report it: an {@link IOException} whose message is {@code strerror}'s text.
     *
     * @param result the call's {@code -errno}
     */
    static IOException ofIo(String call, Path path, int result) {
        int errno = -result;
        IOException e = new IOException(strerror(errno));
        e.initCause(new UringException(call + "(" + path + ")", errno));
        return e;
    }

    /** {@code strerror(errno)} as glibc words it. */
    private static String strerror(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.UNKNOWN ? "Unknown error " + errno : e.message();
    }
}
