package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A native control-message buffer ({@code msg_control} of {@code struct msghdr}, {@code cmsg(3)}): either
 * messages to send, laid out as the kernel expects ({@code cmsghdr} headers, 8-byte aligned), or room for
 * the messages a receive returns, which {@link #parse} reads back.
 */
public final class ControlMessages {
    /** {@code sizeof(struct cmsghdr)}: {@code cmsg_len} (8), {@code cmsg_level} (4), {@code cmsg_type} (4). */
    public static final int HEADER_SIZE = 16;
    private static final long LEVEL = 8;
    private static final long TYPE = 12;

    private final MemorySegment segment;

    private ControlMessages(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return the messages to send, in an automatic (garbage-collected) arena}
     *
     * @param messages at least one message, encoded one after another with {@code CMSG_SPACE} padding
     */
    public static ControlMessages of(ControlMessage... messages) {
        return of(Arena.ofAuto(), messages);
    }

    /**
     * {@return the messages to send, encoded in {@code arena}}
     *
     * @param arena where the encoded messages live; it must stay open until the send has completed
     * @param messages at least one message, encoded one after another with {@code CMSG_SPACE} padding
     */
    public static ControlMessages of(Arena arena, ControlMessage... messages) {
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(messages, "messages");
        if (messages.length == 0) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        long size = 0;
        for (int i = 0; i < messages.length; i++) {
            size += space((int) Objects.requireNonNull(messages[i], "messages[" + i + "]").dataView().byteSize());
        }
        MemorySegment s = arena.allocate(size, 8);
        long at = 0;
        for (ControlMessage m : messages) {
            MemorySegment data = m.dataView();
            s.set(JAVA_LONG, at, HEADER_SIZE + data.byteSize());
            s.set(JAVA_INT, at + LEVEL, m.level());
            s.set(JAVA_INT, at + TYPE, m.type());
            MemorySegment.copy(data, 0, s, at + HEADER_SIZE, data.byteSize());
            at += space((int) data.byteSize());
        }
        return new ControlMessages(s);
    }

    /**
     * {@return a buffer with room for received messages, {@code capacity} bytes, in an automatic arena (see {@link
     * #space})}
     *
     * @param capacity bytes of room, at least one {@code cmsghdr}; {@link #space} of each expected message summed up
     */
    public static ControlMessages receiveBuffer(int capacity) {
        return receiveBuffer(Arena.ofAuto(), capacity);
    }

    /**
     * {@return a buffer with room for received messages, {@code capacity} bytes, in {@code arena}}
     *
     * @param arena where the buffer lives; it must stay open until the receive has completed
     * @param capacity bytes of room, at least one {@code cmsghdr} (16 bytes); what does not fit is cut off ({@code
     * MSG_CTRUNC})
     */
    public static ControlMessages receiveBuffer(Arena arena, int capacity) {
        Objects.requireNonNull(arena, "arena");
        if (capacity < HEADER_SIZE) {
            throw new IllegalArgumentException("capacity must hold at least one cmsghdr (" + HEADER_SIZE + " bytes): "
                    + capacity);
        }
        return new ControlMessages(arena.allocate(capacity, 8));
    }

    /**
     * {@code CMSG_SPACE(dataLength)}: the bytes one message with that much data takes, padding included.
     *
     * @param dataLength bytes of payload, not negative
     * @return the header, the payload and the padding that aligns the next header to 8 bytes
     */
    public static int space(int dataLength) {
        if (dataLength < 0) {
            throw new IllegalArgumentException("dataLength must not be negative: " + dataLength);
        }
        return HEADER_SIZE + align(dataLength);
    }

    private static int align(long n) {
        return (int) ((n + 7) & ~7L);
    }

    /** {@return the native buffer; its size is what {@code msg_controllen} starts as} */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * {@return the messages in the first {@code length} bytes of this buffer (the {@code msg_controllen} a receive
     * reported)}
     *
     * @param length bytes to parse, from 0 to this buffer's size
     */
    public List<ControlMessage> read(long length) {
        return parse(segment, length);
    }

    /**
     * {@return the control messages in the first {@code length} bytes of {@code control}} Stops at a header that would
     * run past {@code length} (what a truncated, {@code MSG_CTRUNC}, buffer ends with).
     *
     * @param control native memory holding {@code cmsghdr} records, as {@code msg_control}
     * @param length bytes to parse, from 0 to {@code control}'s size
     */
    public static List<ControlMessage> parse(MemorySegment control, long length) {
        Objects.requireNonNull(control, "control");
        if (length < 0 || length > control.byteSize()) {
            throw new IllegalArgumentException("length must be between 0 and " + control.byteSize() + ": " + length);
        }
        List<ControlMessage> messages = new ArrayList<>();
        long at = 0;
        while (at + HEADER_SIZE <= length) {
            long cmsgLen = control.get(JAVA_LONG.withByteAlignment(1), at);
            if (cmsgLen < HEADER_SIZE || at + cmsgLen > length) {
                break;
            }
            int level = control.get(JAVA_INT.withByteAlignment(1), at + LEVEL);
            int type = control.get(JAVA_INT.withByteAlignment(1), at + TYPE);
            byte[] data = control.asSlice(at + HEADER_SIZE, cmsgLen - HEADER_SIZE).toArray(JAVA_BYTE);
            messages.add(new ControlMessage(level, type, data));
            at += align(cmsgLen);
        }
        return messages;
    }
}
