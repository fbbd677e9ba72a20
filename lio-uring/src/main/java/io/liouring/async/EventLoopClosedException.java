package io.liouring.async;

/**
 * The event loop was closed before the request could finish: it was refused (submitted after
 * {@link EventLoop#close()}), dropped before reaching the kernel, or cancelled in the kernel by the close.
 */
public final class EventLoopClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, naming what could not be done.
     *
     * @param message the detail message
     */
    public EventLoopClosedException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} and the failure that stopped the loop.
     *
     * @param message the detail message
     * @param cause what stopped the loop, e.g. the ring's setup failing
     */
    public EventLoopClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
