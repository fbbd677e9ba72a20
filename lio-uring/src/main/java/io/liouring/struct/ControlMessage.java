package io.liouring.struct;

import io.liouring.SocketOptions;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * One control message ({@code struct cmsghdr} and its data, {@code cmsg(3)}) sent or received with
 * {@code sendmsg(2)}/{@code recvmsg(2)}: a level, a type and the data bytes. Immutable.
 *
 * @param level the protocol level, e.g. {@link SocketOptions#SOL_SOCKET}
 * @param type  the message type at that level, e.g. {@link #SCM_RIGHTS}
 * @param data  the payload (a copy is kept and handed out)
 */
public record ControlMessage(int level, int type, byte[] data) {
    /** {@code SCM_RIGHTS} ({@code SOL_SOCKET}): pass open file descriptors over a Unix socket. */
    public static final int SCM_RIGHTS = 1;
    /** {@code SCM_CREDENTIALS} ({@code SOL_SOCKET}): pass process credentials over a Unix socket. */
    public static final int SCM_CREDENTIALS = 2;
    /** The most descriptors one SCM_RIGHTS message may carry ({@code SCM_MAX_FD}). */
    public static final int SCM_MAX_FD = 253;

    /** Checks and copies {@code data}; {@code level} and {@code type} are passed on as they are. */
    public ControlMessage {
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * {@return an {@code SCM_RIGHTS} message carrying {@code fds} (1 to 253 descriptors)}
     *
     * @param fds the descriptors to pass; the receiver gets new descriptors for the same open files
     */
    public static ControlMessage rights(int... fds) {
        Objects.requireNonNull(fds, "fds");
        if (fds.length == 0 || fds.length > SCM_MAX_FD) {
            throw new IllegalArgumentException("fds must hold between 1 and " + SCM_MAX_FD + " descriptors: " + fds.length);
        }
        byte[] bytes = new byte[4 * fds.length];
        MemorySegment view = MemorySegment.ofArray(bytes);
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] < 0) {
                throw new IllegalArgumentException("fds[" + i + "] is not a descriptor: " + fds[i]);
            }
            view.set(JAVA_INT_UNALIGNED, 4L * i, fds[i]);
        }
        return new ControlMessage(SocketOptions.SOL_SOCKET, SCM_RIGHTS, bytes);
    }

    /** {@return a copy of the payload bytes (for {@link #SCM_RIGHTS}, native-order {@code int} descriptors)} */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** {@return whether this is an {@code SCM_RIGHTS} message} */
    public boolean isRights() {
        return level == SocketOptions.SOL_SOCKET && type == SCM_RIGHTS;
    }

    /**
     * {@return the descriptors of an {@code SCM_RIGHTS} message} Received ones are new descriptors of this process:
     * close them.
     *
     * @throws IllegalStateException if this is not an SCM_RIGHTS message
     */
    public int[] fileDescriptors() {
        if (!isRights()) {
            throw new IllegalStateException("not an SCM_RIGHTS message: level " + level + ", type " + type);
        }
        return MemorySegment.ofArray(data).toArray(JAVA_INT.withByteAlignment(1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlMessage m && m.level == level && m.type == type && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * level + type) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (isRights()) {
            return "ControlMessage[SCM_RIGHTS " + Arrays.toString(fileDescriptors()) + "]";
        }
        return "ControlMessage[level=" + level + ", type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
    }

    /** The data as a byte segment view (for the encoder). */
    MemorySegment dataView() {
        return MemorySegment.ofArray(data);
    }
}
