package io.liouring.cli;

import io.liouring.Errno;

/** A read or a write of a {@link RingPipeline} transfer failed with an errno. */
final class TransferException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which side of the transfer failed. */
    enum Side { READ, WRITE }

    private final Side side;
    private final int errno;

    TransferException(Side side, int errno) {
        super(side.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + Errno.describe(errno));
        this.side = side;
        this.errno = errno;
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
