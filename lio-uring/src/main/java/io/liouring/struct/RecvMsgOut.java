package io.liouring.struct;

import io.liouring.MsgFlags;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * Reads what one completion of a multishot {@code recvmsg} wrote into its provided buffer: a
 * {@code struct io_uring_recvmsg_out} header (16 bytes: name length, control length, payload length, flags),
 * then the room for the name and the control messages that the template {@link MsgHdr} reserved, then the
 * payload ({@code io_uring_recvmsg_validate(3)} and friends, Linux 6.0).
 *
 * <p>A reusable flyweight: {@link #wrap} it around each buffer; it allocates only for what it returns.
 */
public final class RecvMsgOut {
    /** {@code sizeof(struct io_uring_recvmsg_out)}. */
    public static final int HEADER_SIZE = 16;
    private static final long NAMELEN = 0;
    private static final long CONTROLLEN = 4;
    private static final long PAYLOADLEN = 8;
    private static final long FLAGS = 12;

    private final int nameRoom;
    private final int controlRoom;
    private MemorySegment buffer;

    /**
     * A reader for buffers filled by a multishot receive that was given {@code template}.
     *
     * @param template the header the multishot receive was pushed with: its name and control room fix the buffer layout
     */
    public RecvMsgOut(MsgHdr template) {
        Objects.requireNonNull(template, "template");
        this.nameRoom = template.nameCapacity();
        this.controlRoom = template.controlCapacity();
    }

    /**
     * Points this reader at the bytes one completion produced: the start of its buffer, {@code result}
     * bytes long.
     *
     * @param received the start of the buffer the completion names, {@code result} bytes long
     * @return this reader
     * @throws IllegalArgumentException if the bytes cannot hold the header and the reserved name and control room
     */
    public RecvMsgOut wrap(MemorySegment received) {
        Objects.requireNonNull(received, "received");
        long needed = HEADER_SIZE + (long) nameRoom + controlRoom;
        if (received.byteSize() < needed) {
            throw new IllegalArgumentException("received is " + received.byteSize() + " bytes; the recvmsg header"
                    + " with the name and control room the template reserved takes " + needed);
        }
        this.buffer = received;
        return this;
    }

    private MemorySegment buffer() {
        if (buffer == null) {
            throw new IllegalStateException("wrap() a received buffer first");
        }
        return buffer;
    }

    /** {@return the length of the sender's address (may exceed the room reserved: then it was truncated)} */
    public int nameLength() {
        return buffer().get(JAVA_INT_UNALIGNED, NAMELEN);
    }

    /** {@return the bytes of control messages the kernel had (may exceed the room reserved: see {@link #flags()})} */
    public int controlLength() {
        return buffer().get(JAVA_INT_UNALIGNED, CONTROLLEN);
    }

    /** {@return the length of the whole datagram, even if only part of it fit ({@link #isTruncated()})} */
    public int payloadLength() {
        return buffer().get(JAVA_INT_UNALIGNED, PAYLOADLEN);
    }

    /** {@return {@code MsgFlags} of the message ({@code MSG_TRUNC}, {@code MSG_CTRUNC}, ...)} */
    public int flags() {
        return buffer().get(JAVA_INT_UNALIGNED, FLAGS);
    }

    /** {@return whether the payload did not fit the buffer} */
    public boolean isTruncated() {
        return (flags() & MsgFlags.MSG_TRUNC) != 0;
    }

    /** {@return the sender's address, if room was reserved for it and it had one} */
    public Optional<SockAddr> name() {
        return SockAddrs.reported(buffer().asSlice(HEADER_SIZE, nameRoom), Math.min(nameLength(), nameRoom));
    }

    /** {@return the control messages received (as far as they fit the room reserved)} */
    public List<ControlMessage> controlMessages() {
        int n = Math.min(controlLength(), controlRoom);
        return ControlMessages.parse(buffer().asSlice(HEADER_SIZE + nameRoom, controlRoom), n);
    }

    /** {@return the payload bytes in the buffer: everything after the header and the reserved room} */
    public MemorySegment payload() {
        return buffer().asSlice(HEADER_SIZE + (long) nameRoom + controlRoom);
    }
}
