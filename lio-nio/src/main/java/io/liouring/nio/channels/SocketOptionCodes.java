package io.liouring.nio.channels;

import io.liouring.SocketOptions;
import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The socket options the channels support, each as the {@code (level, optname)} pair of {@code setsockopt(2)}
 * ({@code socket(7)}, {@code tcp(7)}), read and written as ints by direct calls ({@link SocketDescriptor}): the same
 * as the JDK's asynchronous channels on Linux, {@code jdk.net}'s read-only {@code SO_INCOMING_NAPI_ID} included.
 * {@code SO_LINGER} is left out, as the JDK's asynchronous channels leave it out: a lingering close would hold a
 * close request in the kernel.
 */
final class SocketOptionCodes {
    /** Level, name, whether the value is a boolean (else a non-negative int), and whether it may only be read. */
    private record Code(int level, int name, boolean bool, boolean readOnly) {
        Code(int level, int name, boolean bool) {
            this(level, name, bool, false);
        }
    }

    private static final int TCP_KEEPIDLE = 4;
    private static final int TCP_KEEPINTVL = 5;
    private static final int TCP_KEEPCNT = 6;
    private static final int TCP_QUICKACK = 12;
    private static final int SO_INCOMING_NAPI_ID = 56;

    private static final int SOL_SOCKET = SocketOptions.SOL_SOCKET;
    private static final int IPPROTO_TCP = SocketOptions.IPPROTO_TCP;

    private static final Map<SocketOption<?>, Code> CODES = Map.ofEntries(
            Map.entry(StandardSocketOptions.SO_SNDBUF, new Code(SOL_SOCKET, SocketOptions.SO_SNDBUF, false)),
            Map.entry(StandardSocketOptions.SO_RCVBUF, new Code(SOL_SOCKET, SocketOptions.SO_RCVBUF, false)),
            Map.entry(StandardSocketOptions.SO_KEEPALIVE, new Code(SOL_SOCKET, SocketOptions.SO_KEEPALIVE, true)),
            Map.entry(StandardSocketOptions.SO_REUSEADDR, new Code(SOL_SOCKET, SocketOptions.SO_REUSEADDR, true)),
            Map.entry(StandardSocketOptions.SO_REUSEPORT, new Code(SOL_SOCKET, SocketOptions.SO_REUSEPORT, true)),
            Map.entry(StandardSocketOptions.TCP_NODELAY, new Code(IPPROTO_TCP, SocketOptions.TCP_NODELAY, true)),
            Map.entry(ExtendedSocketOptions.TCP_KEEPIDLE, new Code(IPPROTO_TCP, TCP_KEEPIDLE, false)),
            Map.entry(ExtendedSocketOptions.TCP_KEEPINTERVAL, new Code(IPPROTO_TCP, TCP_KEEPINTVL, false)),
            Map.entry(ExtendedSocketOptions.TCP_KEEPCOUNT, new Code(IPPROTO_TCP, TCP_KEEPCNT, false)),
            Map.entry(ExtendedSocketOptions.TCP_QUICKACK, new Code(IPPROTO_TCP, TCP_QUICKACK, true)),
            Map.entry(ExtendedSocketOptions.SO_INCOMING_NAPI_ID,
                    new Code(SOL_SOCKET, SO_INCOMING_NAPI_ID, false, true)));

    /** What {@link java.nio.channels.AsynchronousSocketChannel#supportedOptions()} answers. */
    static final Set<SocketOption<?>> CONNECTION_OPTIONS = Set.copyOf(CODES.keySet());

    /**
     * What {@link java.nio.channels.AsynchronousServerSocketChannel#supportedOptions()} answers: the JDK's server
     * channel takes the {@code jdk.net} TCP options too (a listening socket's keep-alive settings are inherited by
     * the connections it accepts).
     */
    static final Set<SocketOption<?>> LISTENER_OPTIONS = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT,
            ExtendedSocketOptions.TCP_KEEPIDLE, ExtendedSocketOptions.TCP_KEEPINTERVAL,
            ExtendedSocketOptions.TCP_KEEPCOUNT, ExtendedSocketOptions.TCP_QUICKACK,
            ExtendedSocketOptions.SO_INCOMING_NAPI_ID);

    private SocketOptionCodes() {
    }

    /**
     * Sets {@code option} as {@code NetworkChannel.setOption} specifies.
     *
     * @throws UnsupportedOperationException if {@code supported} lacks it
     * @throws IllegalArgumentException      if {@code value} is not a valid value for it
     * @throws java.net.SocketException      if it is read-only, with the JDK's message
     */
    static <T> void set(SocketDescriptor socket, Set<SocketOption<?>> supported, SocketOption<T> option, T value)
            throws IOException {
        Code code = code(supported, option);
        ensureOpen(socket); // before the value, as the JDK's channels check it
        if (value == null) {
            throw new IllegalArgumentException("Invalid option value"); // the JDK's message
        }
        if (!option.type().isInstance(value)) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + option.name());
        }
        if (code.readOnly) {
            throw new SocketException("Attempt to set read only option " + option.name()); // the JDK's message
        }
        int raw;
        if (code.bool) {
            raw = (Boolean) value ? 1 : 0;
        } else {
            raw = (Integer) value;
            if (raw < 0) {
                throw new IllegalArgumentException(code.level == SOL_SOCKET
                        ? "Invalid send/receive buffer size" // the JDK's message for SO_SNDBUF and SO_RCVBUF
                        : "Invalid value '" + value + "' for " + option.name() + ": must not be negative");
            }
        }
        socket.setIntOption(code.level, code.name, raw);
    }

    /**
     * Reads {@code option} as {@code NetworkChannel.getOption} specifies. {@code SO_SNDBUF} and {@code SO_RCVBUF}
     * read as half what {@code getsockopt(2)} answers, as the JDK's channels read them on Linux: the kernel doubles a
     * requested size for its bookkeeping (see {@code socket(7)}), so a size within the system's limits reads back as
     * it was set.
     */
    static <T> T get(SocketDescriptor socket, Set<SocketOption<?>> supported, SocketOption<T> option)
            throws IOException {
        Code code = code(supported, option);
        ensureOpen(socket);
        int raw = socket.getIntOption(code.level, code.name);
        if (isBufferSize(code)) {
            raw /= 2;
        }
        Object value = code.bool ? Boolean.valueOf(raw != 0) : Integer.valueOf(raw);
        return option.type().cast(value);
    }

    /** Whether {@code code} is {@code SO_SNDBUF} or {@code SO_RCVBUF}, whose kernel value is twice the size asked. */
    private static boolean isBufferSize(Code code) {
        return code.level == SOL_SOCKET && (code.name == SocketOptions.SO_SNDBUF || code.name == SocketOptions.SO_RCVBUF);
    }

    private static Code code(Set<SocketOption<?>> supported, SocketOption<?> option) {
        Objects.requireNonNull(option, "name");
        if (!supported.contains(option)) {
            throw new UnsupportedOperationException("'" + option + "' not supported");
        }
        return CODES.get(option);
    }

    private static void ensureOpen(SocketDescriptor socket) throws ClosedChannelException {
        if (!socket.isOpen()) {
            throw new ClosedChannelException();
        }
    }
}
