package io.liouring.internal;

import io.liouring.Errno;
import io.liouring.UringException;
import io.liouring.async.EventLoopClosedException;
import io.liouring.async.IoFuture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How the file and socket layers speak Java: an errno becomes the JDK's own {@link IOException} subclass where one
 * fits, naming the path or address, with the {@link UringException} (and so the errno) as its cause; and a blocking
 * call rethrows a failure from the loop thread as a fresh exception of the same type, thrown with the caller's
 * frames, the loop's exception as its cause.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * {@return the exception for a file operation that failed with {@code -result}}
     *
     * @param call what failed, e.g. {@code "open"}
     * @param path the file, or {@code null} if it is not known (a descriptor taken over)
     * @param result the negative result, {@code -errno}
     */
    public static IOException file(String call, Path path, int result) {
        UringException cause = new UringException(call + (path == null ? "" : "(" + path + ")"), -result);
        String file = path == null ? null : path.toString();
        String reason = reason(-result);
        IOException e = switch (Errno.of(-result)) {
            case ENOENT -> new NoSuchFileException(file, null, reason);
            case EACCES, EPERM -> new AccessDeniedException(file, null, reason);
            case EEXIST -> new FileAlreadyExistsException(file, null, reason);
            case ENOTEMPTY -> new DirectoryNotEmptyException(file);
            case ENOTDIR -> new NotDirectoryException(file);
            case ELOOP -> new FileSystemLoopException(file);
            default -> file == null ? new IOException(call + ": " + reason) : new FileSystemException(file, null, reason);
        };
        e.initCause(cause);
        return e;
    }

    /**
     * {@return the exception for a socket operation that failed with {@code -result}}
     *
     * @param call what failed, e.g. {@code "connect"}
     * @param peer the address involved, or a description of the socket
     * @param result the negative result, {@code -errno}
     */
    public static IOException socket(String call, Object peer, int result) {
        UringException cause = new UringException(call + "(" + peer + ")", -result);
        String message = call + " " + peer + ": " + reason(-result);
        IOException e = switch (Errno.of(-result)) {
            case ECONNREFUSED -> new ConnectException(message);
            case EHOSTUNREACH, ENETUNREACH -> new NoRouteToHostException(message);
            case EADDRINUSE, EADDRNOTAVAIL -> new BindException(message);
            case ETIME, ETIMEDOUT -> new SocketTimeoutException(message);
            default -> new SocketException(message);
        };
        e.initCause(cause);
        return e;
    }

    /**
     * Waits for a request of the file or socket layer, as {@link IoFuture#await()} does, and throws its failure as
     * {@link #onCallerThread} makes it — only once the kernel is done with the request's memory, as
     * {@link IoFuture#await()} does, so that a caller who frees its buffer after the exception never frees it under
     * the kernel (a request failed by a deadline or a closing loop may still be in the kernel).
     *
     * @param <T> the future's value type
     * @param future a request of the file or socket layer
     * @return the request's value
     * @throws IOException what {@link #onCallerThread} makes of the request's failure
     */
    public static <T> T await(IoFuture<T> future) throws IOException {
        try {
            return future.await(); // returns or throws only once the kernel is done with the request's memory
        } catch (RuntimeException e) {
            throw onCallerThread(e);
        }
    }

    /**
     * {@link #await} for one request of a call made of several (a {@code writeFully}): a handle found closed
     * between two requests was closed during the call, which is an {@link AsynchronousCloseException}.
     *
     * @param <T> the future's value type
     * @param future one request of the call
     * @return the request's value
     * @throws IOException as {@link #await} throws it, a closed handle as {@link AsynchronousCloseException}
     */
    public static <T> T awaitStep(IoFuture<T> future) throws IOException {
        try {
            return await(future);
        } catch (ClosedChannelException e) {
            if (e instanceof AsynchronousCloseException) {
                throw e;
            }
            AsynchronousCloseException during = new AsynchronousCloseException();
            during.initCause(e);
            throw during;
        }
    }

    /** "No such file or directory (ENOENT)": the C library's message, then the errno's name. */
    private static String reason(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.UNKNOWN ? "errno " + errno : e.message() + " (" + e.name() + ")";
    }

    /**
     * {@return what a blocking call throws for a future's failure: an {@link IOException} of the same type as the
     * loop's, created here so it carries the caller's stack frames, with the loop's failure as its cause} A failure
     * that is not an {@code IOException} is thrown as it is (a programming error), except that a closed loop is an
     * {@link AsynchronousCloseException} and an interrupted wait an {@link InterruptedIOException}.
     *
     * @param failure what failed the future, as the loop saw it
     */
    public static IOException onCallerThread(Throwable failure) {
        Throwable f = failure;
        while ((f instanceof CompletionException || f instanceof ExecutionException) && f.getCause() != null) {
            f = f.getCause();
        }
        IOException fresh = switch (f) {
            case NoSuchFileException x -> new NoSuchFileException(x.getFile(), x.getOtherFile(), x.getReason());
            case AccessDeniedException x -> new AccessDeniedException(x.getFile(), x.getOtherFile(), x.getReason());
            case FileAlreadyExistsException x -> new FileAlreadyExistsException(x.getFile(), x.getOtherFile(), x.getReason());
            case DirectoryNotEmptyException x -> new DirectoryNotEmptyException(x.getFile());
            case NotDirectoryException x -> new NotDirectoryException(x.getFile());
            case NotLinkException x -> new NotLinkException(x.getFile(), x.getOtherFile(), x.getReason());
            case FileSystemLoopException x -> new FileSystemLoopException(x.getFile());
            case FileSystemException x -> new FileSystemException(x.getFile(), x.getOtherFile(), x.getReason());
            case ConnectException x -> new ConnectException(x.getMessage());
            case NoRouteToHostException x -> new NoRouteToHostException(x.getMessage());
            case BindException x -> new BindException(x.getMessage());
            case PortUnreachableException x -> new PortUnreachableException(x.getMessage());
            case SocketTimeoutException x -> new SocketTimeoutException(x.getMessage());
            case SocketException x -> new SocketException(x.getMessage());
            case AsynchronousCloseException x -> new AsynchronousCloseException();
            case ClosedChannelException x -> new ClosedChannelException();
            case InterruptedIOException x -> new InterruptedIOException(x.getMessage());
            case IOException x -> new IOException(x.getMessage());
            case EventLoopClosedException x -> new AsynchronousCloseException();
            case CancellationException x when Thread.currentThread().isInterrupted() ->
                    new InterruptedIOException("interrupted while waiting; the request was cancelled in the kernel");
            case RuntimeException x -> throw x;
            case Error x -> throw x;
            default -> new IOException(f);
        };
        fresh.initCause(f);
        return fresh;
    }
}
