package io.liouring.cli;

import io.liouring.Errno;
import io.liouring.RingAvailability;
import io.liouring.UringException;

import java.io.IOException;
import java.io.PrintStream;

/** Error messages in the coreutils style: {@code <program>: <message>} on stderr. */
final class Messages {
    private Messages() {
    }

    /** The C library's text for an errno ({@code strerror(3)}). */
    static String strerror(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.UNKNOWN ? "Unknown error " + errno : e.message();
    }

    /**
     * Reports a ring failure: when the ring could not be set up, why io_uring is not usable here and what to
     * do ({@link RingAvailability}); otherwise the failed call and its errno.
     */
    static void ringFailure(String program, UringException e) {
        error(program, e.call().startsWith("io_uring_setup")
                ? "io_uring is not usable here: " + RingAvailability.explain(e)
                : e.getMessage());
    }

    /**
     * Reports a failure of the library's file or socket layer. Its {@link IOException} keeps the
     * {@link UringException} that names the call and the errno in its cause chain; that one's message is printed,
     * as before these layers threw {@code IOException}s ("connect(127.0.0.1:7007) failed: ECONNREFUSED (111):
     * Connection refused"). Without one (a close while in progress, say) the exception's own message is.
     */
    static void ioFailure(String program, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UringException u) {
                ringFailure(program, u);
                return;
            }
        }
        error(program, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    /**
     * Why an operation of the library's file or socket layer failed, as {@code strerror(3)} says it
     * ("Address already in use"): from the {@link UringException} in its cause chain, else its own message.
     */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UringException u) {
                return strerror(u.errnoNumber());
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Prints {@code <program>: <message>} to stderr. */
    static void error(String program, String message) {
        PrintStream err = System.err;
        err.println(program + ": " + message);
        err.flush();
    }
}
