package io.liouring.nio.channels;

import io.liouring.Errno;
import io.liouring.UringException;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;

/**
 * A failed socket call as the JDK's asynchronous socket channels report it on Linux, since lio-nio stands in for them
 * and applications print and match these messages: the exception class the JDK picks for the errno and
 * {@code strerror}'s text alone as the message. The errno stays available as the cause: a {@link UringException}
 * naming the call, the address and the {@link Errno}.
 */
final class JdkSocketErrors {
    /** Not instantiable. */
    private JdkSocketErrors() {
    }

    /**
     * A failed {@code bind} or {@code connect}, as the JDK's {@code Net} reports it: {@link ConnectException} for
     * {@code ECONNREFUSED}, {@code ETIMEDOUT} and {@code ENOTCONN}, {@link NoRouteToHostException} for
     * {@code EHOSTUNREACH}, {@link BindException} for {@code EADDRINUSE}, {@code EADDRNOTAVAIL} and {@code EACCES},
     * {@link ProtocolException} for {@code EPROTO}, {@link SocketException} for any other errno.
     *
     * @param result the call's {@code -errno}
     */
    static IOException ofAddress(String call, Object address, int result) {
        int errno = -result;
        String reason = strerror(errno);
        IOException e = switch (Errno.of(errno)) {
            case ECONNREFUSED, ETIMEDOUT, ENOTCONN -> new ConnectException(reason);
            case EHOSTUNREACH -> new NoRouteToHostException(reason);
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> new BindException(reason);
            case EPROTO -> new ProtocolException(reason);
            default -> new SocketException(reason);
        };
        e.initCause(new UringException(call + "(" + address + ")", errno));
        return e;
    }

    /**
     * {@code e}, or when the JDK is told to name addresses in socket exceptions ({@code hostInfo} among the
     * system or security property {@code jdk.includeInExceptions}), the same exception with ": " and {@code address}
     * appended to its message, as the JDK's channels report a failed connect. The original stays the cause.
     */
    static IOException naming(IOException e, InetSocketAddress address) {
        if (!HostInfo.INCLUDED) {
            return e;
        }
        String message = e.getMessage() + ": " + address;
        IOException named = switch (e) {
            case ConnectException c -> new ConnectException(message);
            case NoRouteToHostException n -> new NoRouteToHostException(message);
            case BindException b -> new BindException(message);
            case ProtocolException p -> new ProtocolException(message);
            case SocketException s -> new SocketException(message);
            default -> new IOException(message);
        };
        named.initCause(e.getCause() != null ? e.getCause() : e);
        return named;
    }

    /** Whether {@code jdk.includeInExceptions} names {@code hostInfo}, read once as the JDK reads it. */
    private static final class HostInfo {
        static final boolean INCLUDED = included(System.getProperty("jdk.includeInExceptions",
                java.security.Security.getProperty("jdk.includeInExceptions")));

        private static boolean included(String categories) {
            if (categories == null) {
                return false;
            }
            for (String category : categories.split(",")) {
                if (category.trim().equalsIgnoreCase("hostInfo")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A failed read or write, as the JDK's channel reports it: an {@link IOException} whose message is
     * {@code strerror}'s text, except a read's {@code ECONNRESET}, which is {@code "Connection reset"}.
     *
     * @param read   whether the call was a read
     * @param result the call's {@code -errno}
     */
    static IOException ofTransfer(boolean read, Object peer, int result) {
        int errno = -result;
        IOException e = new IOException(read && Errno.of(errno) == Errno.ECONNRESET
                ? "Connection reset" : strerror(errno));
        e.initCause(new UringException((read ? "read" : "write") + "(" + peer + ")", errno));
        return e;
    }

    /** {@code strerror(errno)} as glibc words it. */
    private static String strerror(int errno) {
        Errno e = Errno.of(errno);
        return e == Errno.UNKNOWN ? "Unknown error " + errno : e.message();
    }
}
