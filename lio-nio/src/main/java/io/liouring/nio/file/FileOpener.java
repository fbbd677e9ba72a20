package io.liouring.nio.file;

import io.liouring.Errno;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.operation.OpenAt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a path becomes the descriptor of a {@link RingFile}: in the calling thread when that costs no carrier, through
 * a ring otherwise, with the JDK's errors.
 */
final class FileOpener {
    /** {@code ELOOP}: a link met with {@code O_NOFOLLOW}. */
    private static final int ELOOP = 40;
    /** {@code ENXIO}: a named pipe opened for writing, with {@code O_NONBLOCK}, that no one reads. */
    private static final int ENXIO = 6;

    private FileOpener() {
    }

    /**
     * An opened descriptor.
     *
     * @param fd          the descriptor, now the caller's to own
     * @param nonblocking whether it still has the {@code O_NONBLOCK} of a direct open ({@link IoScratch#openCached})
     */
    record Opened(int fd, boolean nonblocking) {
    }

    /**
     * Opens {@code path} with {@code options}. A platform thread opens it itself, waiting in {@code open(2)} as the
     * JDK's channel does ({@link WaitingCalls#open}). A virtual thread opens it directly only if every component is
     * in the dentry cache ({@link IoScratch#openCached}: a ring round trip costs more than such an open), otherwise
     * through {@code loop} ({@code IORING_OP_OPENAT}, parked), which also gives the error of a failed open. A named
     * pipe opened for writing only waits for a reader, as {@code open(2)} does. The wait is not interruptible, as
     * {@code open(2)} is not: an interrupt is kept for the caller's next blocking call.
     *
     * @throws java.nio.file.NoSuchFileException        if it does not exist
     * @throws java.nio.file.AccessDeniedException      if it may not be opened so
     * @throws java.nio.file.FileAlreadyExistsException with {@code CREATE_NEW} if it exists
     * @throws IOException                              for {@code ELOOP} with {@code NOFOLLOW_LINKS} or
     *                                                  {@code DELETE_ON_CLOSE} (a link), as the JDK throws it;
     *                                                  otherwise as the JDK reports it ({@link JdkFileErrors})
     */
    static Opened open(EventLoop loop, Path path, ChannelOptions options) throws IOException {
        int result;
        boolean nonblocking = false;
        if (!Thread.currentThread().isVirtual()) {
            result = WaitingCalls.open(path, options.flags(), options.mode());
        } else {
            IoScratch scratch = CallSlots.take();
            try {
                result = scratch.openCached(path, options.flags());
            } finally {
                scratch.release();
            }
            nonblocking = result >= 0;
            if (result < 0) {
                result = openThroughRing(loop, path, options);
            }
        }
        if (result == -ENXIO && !options.readable() && isFifo(path)) {
            result = openFifoForWriting(loop, path, options);
        }
        if (result < 0) {
            if (-result == ELOOP && options.noFollowLinks()) {
                IOException e = new IOException(Errno.ELOOP.message() + " (NOFOLLOW_LINKS specified)");
                e.initCause(new UringException("open(" + path + ")", ELOOP));
                throw e;
            }
            throw JdkFileErrors.ofPath("open", path, result);
        }
        return new Opened(result, nonblocking);
    }

    /** {@code IORING_OP_OPENAT} of {@code path}, waited for: the descriptor or {@code -errno}. */
    private static int openThroughRing(EventLoop loop, Path path, ChannelOptions options) throws IOException {
        return RequestWaits.joinRaw(loop.submit(new OpenAt(path, options.flags(), options.mode()), SqeFlags.NONE,
                null, RequestWaits.RAW));
    }

    /**
     * Opens a named pipe for writing only, which {@code open(2)} does once a reader has it open: io_uring's open is
     * attempted with {@code O_NONBLOCK}, which fails with {@code ENXIO} while there is no reader, so the open is
     * retried after a park of 1 ms growing to 50 ms until a reader comes (a virtual thread waits unmounted). Not
     * interruptible, as {@code open(2)} is not: an interrupt is kept for the caller.
     *
     * @return the descriptor, or -errno of a failure other than {@code ENXIO}
     */
    private static int openFifoForWriting(EventLoop loop, Path path, ChannelOptions options) throws IOException {
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        boolean interrupted = false;
        try {
            while (true) {
                LockSupport.parkNanos(pause);
                if (Thread.interrupted()) {
                    interrupted = true; // parking would return at once; the status is given back at the end
                }
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
                int result = openThroughRing(loop, path, options);
                if (result != -ENXIO) {
                    return result;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code path} names a named pipe ({@code S_IFIFO}); false if it cannot be told. */
    private static boolean isFifo(Path path) {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode") & FileKind.S_IFMT) == FileKind.S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
