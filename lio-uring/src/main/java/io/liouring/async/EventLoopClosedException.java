package io.liouring.async;

/**
 * The event loop was closed before the request could finish: it was refused (submitted after
 * {@link EventLoop#close()}), dropped before reaching the kernel, or cancelled in the kernel by the close.
 */
public final class EventLoopClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public EventLoopClosedException(String message) {
        super(message);
    }

    public EventLoopClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
