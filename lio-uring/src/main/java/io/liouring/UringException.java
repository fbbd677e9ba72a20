package io.liouring;

/**
 * A system call or an io_uring request failed with an errno.
 *
 * <p>Unchecked: an io_uring error is either a value the caller inspects ({@link Completion#result()}) or
 * a failure it cannot handle locally. The message names the call, the errno by name and, where known,
 * what to do about it.
 */
public final class UringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The positive errno. */
    private final int errnoNumber;
    /** What failed: the system call or the operation. */
    private final String call;

    /**
     * A failure with advice for the user.
     *
     * @param call   what failed, e.g. {@code "io_uring_setup"} or {@code "read(fd=3)"}
     * @param errnoNumber the positive errno
     * @param hint   advice for the user, or {@code null}
     */
    public UringException(String call, int errnoNumber, String hint) {
        super(call + " failed: " + Errno.describe(errnoNumber) + (hint == null ? "" : " — " + hint));
        this.call = call;
        this.errnoNumber = errnoNumber;
    }

    /**
     * A failure without a hint: the message names the call and the errno.
     *
     * @param call what failed, e.g. {@code "io_uring_setup"} or {@code "read(fd=3)"}
     * @param errnoNumber the positive errno
     */
    public UringException(String call, int errnoNumber) {
        this(call, errnoNumber, null);
    }

    /**
     * {@return the errno; {@link Errno#UNKNOWN} for a number {@link Errno} does not have (see {@link #errnoNumber()})}
     */
    public Errno errno() {
        return Errno.of(errnoNumber);
    }

    /** {@return the positive errno number} */
    public int errnoNumber() {
        return errnoNumber;
    }

    /** {@return the call that failed} */
    public String call() {
        return call;
    }
}
