package io.liouring.cli;

import io.liouring.Errno;
import io.liouring.UringException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A read or a write of a file transfer failed with an errno; commands report it with coreutils' wording. */
final class TransferException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int EIO = 5;

    /** Which side of the transfer failed. */
    enum Side { READ, WRITE }

    private final Side side;
    private final int errno;

    TransferException(Side side, int errno) {
        super(side.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + Errno.describe(errno));
        this.side = side;
        this.errno = errno;
    }

    /**
     * The failure of an {@link io.liouring.file.AsyncFile#transferTo}, whose exception names the file it concerns:
     * the write side when that is {@code target} (or, for a target taken over without a name, when no file is named).
     */
    static TransferException of(IOException e, Path target) {
        String named = e instanceof FileSystemException f ? f.getFile() : null;
        boolean write = target == null ? named == null : target.toString().equals(named);
        TransferException t = new TransferException(write ? Side.WRITE : Side.READ, errnoOf(e));
        t.initCause(e);
        return t;
    }

    /** The errno among the causes of {@code e}; EIO for a failure that carries none. */
    static int errnoOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UringException u) {
                return u.errnoNumber();
            }
        }
        return EIO;
    }

    Side side() {
        return side;
    }

    int errno() {
        return errno;
    }

    /** The C library's message for the errno, as coreutils prints it ("No space left on device"). */
    String reason() {
        return Messages.strerror(errno);
    }
}
