package io.liouring.stress;

import io.liouring.Errno;
import io.liouring.UringException;

import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Test support: sorts the failures of calls raced by a close or a cancel into the documented outcomes, and names
 * anything else. The documented ones: {@link ClosedChannelException} (the call began after the close),
 * {@link AsynchronousCloseException} (the close came during the call), {@link CancellationException} (the future
 * was cancelled), and, for sockets, a {@link SocketException} carrying EPIPE or ECONNRESET (the peer's end went
 * away first).
 */
final class Outcomes {
    /** What a raced call ended with. */
    enum Outcome {
        CLOSED, ASYNC_CLOSE, CANCELLED, PEER_GONE
    }

    private static final Set<Errno> PEER_GONE = Set.of(Errno.EPIPE, Errno.ECONNRESET);

    private Outcomes() {
    }

    /** The failure itself, without the {@link ExecutionException}/{@link CompletionException} around it. */
    static Throwable unwrap(Throwable t) {
        Throwable f = t;
        while ((f instanceof ExecutionException || f instanceof CompletionException) && f.getCause() != null) {
            f = f.getCause();
        }
        return f;
    }

    /** What the raced handle is: which failures of a peer going away are documented for it. */
    enum Kind {
        /** A socket: a {@link SocketException} for EPIPE or ECONNRESET. */
        SOCKET,
        /** A regular file: none. */
        FILE,
        /** A pipe end taken over with {@code AsyncFile.of}: an {@link java.io.IOException} for EPIPE (no reader left). */
        PIPE
    }

    /** {@link #of(Throwable, Kind)} for a socket ({@code true}) or a regular file. */
    static Outcome of(Throwable failure, boolean socket) {
        return of(failure, socket ? Kind.SOCKET : Kind.FILE);
    }

    /** The documented outcome {@code failure} is, or {@code null} if it is none of them. */
    static Outcome of(Throwable failure, Kind kind) {
        Throwable f = unwrap(failure);
        if (f instanceof AsynchronousCloseException) {
            return f.getClass() == AsynchronousCloseException.class ? Outcome.ASYNC_CLOSE : null;
        }
        if (f instanceof ClosedChannelException) {
            return f.getClass() == ClosedChannelException.class ? Outcome.CLOSED : null;
        }
        if (f instanceof CancellationException) {
            return Outcome.CANCELLED;
        }
        if (kind == Kind.SOCKET && f.getClass() == SocketException.class && PEER_GONE.contains(errno(f))) {
            return Outcome.PEER_GONE;
        }
        if (kind == Kind.PIPE && f.getClass() == java.io.IOException.class && errno(f) == Errno.EPIPE) {
            return Outcome.PEER_GONE;
        }
        return null;
    }

    /** The errno of the first {@link UringException} in the cause chain, or {@code null}. */
    static Errno errno(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UringException u) {
                return u.errno();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** A one-line description of an unexpected failure: its class, message, errno and where it was thrown. */
    static String describe(Throwable failure) {
        Throwable f = unwrap(failure);
        StringBuilder b = new StringBuilder(f.toString());
        Errno e = errno(f);
        if (e != null) {
            b.append(" [errno ").append(e).append(']');
        }
        StackTraceElement[] trace = f.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); i++) {
            b.append(" at ").append(trace[i]);
        }
        return b.toString();
    }
}
