package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A native {@code struct msghdr} (56 bytes, {@code recvmsg(2)}): the data vectors, an optional peer address
 * and optional control messages of {@code sendmsg}/{@code recvmsg}.
 *
 * <p>For sends, {@link #name(SockAddr)} sets the destination and {@link #control(ControlMessages)} the
 * messages to pass (SCM_RIGHTS, say). For receives, {@link #receiveName()} reserves room for the sender's
 * address and {@link #control(ControlMessages)} takes a {@link ControlMessages#receiveBuffer}; after the
 * completion, {@link #receivedName()}, {@link #receivedControl()} and {@link #flags()} read what the kernel
 * reported. The receive operations call {@link #prepareReceive()} on every push, so one header can be reused.
 * A multishot receive reads it as a template: its name and control room are reserved in every buffer.
 *
 * <p>Keeps the vectors, address and control buffer it points to reachable.
 */
public final class MsgHdr {
    /** {@code sizeof(struct msghdr)}. */
    public static final long SIZE = 56;
    private static final long NAME = 0;
    private static final long NAMELEN = 8;
    private static final long IOV = 16;
    private static final long IOVLEN = 24;
    private static final long CONTROL = 32;
    private static final long CONTROLLEN = 40;
    private static final long FLAGS = 48;

    private final Arena arena;
    private final MemorySegment header;
    private IoVecArray vectors;
    private SockAddr destination;
    private MemorySegment nameRoom;
    private ControlMessages control;

    private MsgHdr(Arena arena) {
        this.arena = arena;
        this.header = arena.allocate(SIZE, 8);
    }

    /**
     * {@return a header over {@code vectors}, in an automatic (garbage-collected) arena}
     *
     * @param vectors the data buffers ({@code msg_iov}); they must stay alive until the request has completed
     */
    public static MsgHdr of(IoVecArray vectors) {
        return of(Arena.ofAuto(), vectors);
    }

    /**
     * {@return a header over {@code vectors}, allocated (with any name room it reserves later) in {@code arena}}
     *
     * @param arena where the header lives; it must stay open until the request has completed
     * @param vectors the data buffers ({@code msg_iov}); they must stay alive until the request has completed
     */
    public static MsgHdr of(Arena arena, IoVecArray vectors) {
        return new MsgHdr(Objects.requireNonNull(arena, "arena")).vectors(vectors);
    }

    /**
     * {@return a header without data vectors: the template of a multishot receive, whose data goes to provided buffers}
     */
    public static MsgHdr withoutData() {
        return new MsgHdr(Arena.ofAuto());
    }

    /**
     * The data vectors ({@code msg_iov}, {@code msg_iovlen}).
     *
     * @param vectors the buffers to send from or receive into
     * @return this header
     */
    public MsgHdr vectors(IoVecArray vectors) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        header.set(JAVA_LONG, IOV, vectors.segment().address());
        header.set(JAVA_LONG, IOVLEN, vectors.count());
        return this;
    }

    /**
     * Send to {@code destination} ({@code msg_name}): for unconnected datagram sockets.
     *
     * @param destination the peer's address, copied into the header
     * @return this header
     */
    public MsgHdr name(SockAddr destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.nameRoom = null;
        header.set(JAVA_LONG, NAME, destination.segment().address());
        header.set(JAVA_INT, NAMELEN, destination.length());
        return this;
    }

    /**
     * Reserve room ({@link SockAddrStorage#SIZE} bytes) for the address a receive reports the sender by
     * (replaces a destination set with {@link #name(SockAddr)}).
     *
     * @return this header
     */
    public MsgHdr receiveName() {
        if (nameRoom == null) {
            nameRoom = arena.allocate(SockAddrStorage.SIZE, 8);
        }
        this.destination = null;
        header.set(JAVA_LONG, NAME, nameRoom.address());
        header.set(JAVA_INT, NAMELEN, SockAddrStorage.SIZE);
        return this;
    }

    /**
     * Control messages to send, or a receive buffer for them ({@code msg_control}, {@code msg_controllen}).
     *
     * @param control messages to send, or a buffer from {@link ControlMessages#receiveBuffer} to receive into
     * @return this header
     */
    public MsgHdr control(ControlMessages control) {
        this.control = Objects.requireNonNull(control, "control");
        header.set(JAVA_LONG, CONTROL, control.segment().address());
        header.set(JAVA_LONG, CONTROLLEN, control.segment().byteSize());
        return this;
    }

    /**
     * Resets what a receive overwrites, {@code msg_namelen}, {@code msg_controllen} and {@code msg_flags},
     * to the room reserved. The receive operations call this each time they are pushed.
     *
     * @return this header
     */
    public MsgHdr prepareReceive() {
        if (destination != null) {
            throw new IllegalStateException("this header names a destination for sending (" + destination
                    + "); call receiveName() to receive into it");
        }
        header.set(JAVA_INT, NAMELEN, nameCapacity());
        header.set(JAVA_LONG, CONTROLLEN, controlCapacity());
        header.set(JAVA_INT, FLAGS, 0);
        return this;
    }

    /**
     * {@return the bytes reserved for a received address: {@link SockAddrStorage#SIZE} after {@link #receiveName()},
     * else 0}
     */
    public int nameCapacity() {
        return nameRoom == null ? 0 : SockAddrStorage.SIZE;
    }

    /** {@return the size of the control buffer in bytes, 0 without one} */
    public int controlCapacity() {
        return control == null ? 0 : (int) control.segment().byteSize();
    }

    /** {@return {@code msg_namelen}: after a receive, the length of the sender's address (0 if it has none)} */
    public int nameLength() {
        return header.get(JAVA_INT, NAMELEN);
    }

    /** {@return {@code msg_controllen}: after a receive, the bytes of control messages received} */
    public long controlLength() {
        return header.get(JAVA_LONG, CONTROLLEN);
    }

    /** {@return {@code msg_flags}: after a receive, {@code MsgFlags.MSG_TRUNC}, {@code MSG_CTRUNC} and the like} */
    public int flags() {
        return header.get(JAVA_INT, FLAGS);
    }

    /** {@return the sender's address a receive reported, if {@link #receiveName()} reserved room and there was one} */
    public Optional<SockAddr> receivedName() {
        if (nameRoom == null) {
            return Optional.empty();
        }
        return SockAddrs.reported(nameRoom, Math.min(nameLength(), SockAddrStorage.SIZE));
    }

    /**
     * {@return the control messages a receive returned (received descriptors are new fds of this process: close them)}
     */
    public List<ControlMessage> receivedControl() {
        if (control == null) {
            return List.of();
        }
        return control.read(Math.min(controlLength(), controlCapacity()));
    }

    /** {@return the data vectors, or {@code null} for a header {@link #withoutData()}} */
    public IoVecArray vectors() {
        return vectors;
    }

    /** {@return the native struct, for the kernel} */
    public MemorySegment segment() {
        return header;
    }
}
