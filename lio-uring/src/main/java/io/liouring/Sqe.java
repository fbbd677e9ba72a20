package io.liouring;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * A flyweight over one submission queue entry ({@code struct io_uring_sqe}, 64 bytes, or 128 on
 * {@code SQE128} rings) in the ring's shared memory.
 *
 * <p>The ring zeroes the entry, hands it to {@link Operation#encode(Sqe)}, then ORs in the caller's flags
 * and writes {@code user_data}. An operation writes only the fields it needs; the setters are named after
 * the kernel's fields and unions (offsets in {@code io_uring.h}). The flyweight is valid only during
 * {@code encode}: do not keep it.
 *
 * <p>The setters write raw values: {@link #addr(long)}, {@link #addr2(long)} and {@link #addr3(long)} take any
 * address, and the other fields decide how many bytes the kernel reads or writes there. An {@code Sqe} is
 * therefore handed out only to {@link Operation#encode(Sqe)}, and the ring calls that only for the operations of
 * this module and for operations of modules with native access: that is where the restriction of these setters
 * is checked (see {@link Operation}), once per push instead of once per field.
 *
 * <p>Fields are written with the {@code *_UNALIGNED} layouts: every field of an entry is naturally aligned
 * already, and the aligned layouts would make FFM check the alignment again on every store of the push path.
 */
public final class Sqe {
    private static final long OPCODE = 0;
    private static final long FLAGS = 1;
    private static final long IOPRIO = 2;
    private static final long FD = 4;
    private static final long OFF = 8;
    private static final long ADDR = 16;
    private static final long LEN = 24;
    private static final long OP_FLAGS = 28;
    private static final long USER_DATA = 32;
    private static final long BUF_INDEX = 40;
    private static final long PERSONALITY = 42;
    private static final long FILE_INDEX = 44;
    private static final long ADDR3 = 48;
    private static final long PAD2 = 56;
    /** Offset of the command area of URING_CMD: 16 bytes, or 80 on SQE128 rings. */
    static final long CMD = 48;

    private MemorySegment sqes;
    private long base;
    private int size;

    Sqe() {
    }

    void bind(MemorySegment sqes, long base, int size) {
        this.sqes = sqes;
        this.base = base;
        this.size = size;
    }

    /** Moves the flyweight to another entry of the array it was bound to. */
    void moveTo(long base) {
        this.base = base;
    }

    /** Zeroes the entry: the first 64 bytes unrolled (every ring has them), then the SQE128 half. */
    void clear() {
        MemorySegment s = sqes;
        long b = base;
        s.set(JAVA_LONG_UNALIGNED, b, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 8, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 16, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 24, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 32, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 40, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 48, 0L);
        s.set(JAVA_LONG_UNALIGNED, b + 56, 0L);
        for (long i = 64; i < size; i += 8) {
            s.set(JAVA_LONG_UNALIGNED, b + i, 0L);
        }
    }

    void userData(long userData) {
        sqes.set(JAVA_LONG_UNALIGNED, base + USER_DATA, userData);
    }

    /** The opcode byte written so far. */
    int opcodeValue() {
        return Byte.toUnsignedInt(sqes.get(JAVA_BYTE, base + OPCODE));
    }

    /** {@return size of this entry in bytes: 64, or 128 on an {@code SQE128} ring} */
    public int size() {
        return size;
    }

    /**
     * {@code opcode}: which operation this is.
     *
     * @param opcode the operation
     * @return this entry
     */
    public Sqe opcode(Opcode opcode) {
        sqes.set(JAVA_BYTE, base + OPCODE, (byte) opcode.code());
        return this;
    }

    /**
     * ORs {@code IOSQE_*} bits into {@code flags} (operations that require one, such as BUFFER_SELECT).
     *
     * @param flags the flags to add to those already set
     * @return this entry
     */
    public Sqe addFlags(SqeFlags flags) {
        byte current = sqes.get(JAVA_BYTE, base + FLAGS);
        sqes.set(JAVA_BYTE, base + FLAGS, (byte) (current | flags.bits()));
        return this;
    }

    /**
     * {@code ioprio}: I/O priority, or the per-opcode flags kept there (accept, recv/send, zero-copy).
     *
     * @param ioprio the 16-bit value
     * @return this entry
     */
    public Sqe ioprio(int ioprio) {
        sqes.set(JAVA_SHORT_UNALIGNED, base + IOPRIO, (short) ioprio);
        return this;
    }

    /**
     * {@code fd}: the file descriptor, or a direct descriptor's slot with {@code FIXED_FILE}.
     *
     * @param fd a descriptor, or a slot number
     * @return this entry
     */
    public Sqe fd(int fd) {
        sqes.set(JAVA_INT_UNALIGNED, base + FD, fd);
        return this;
    }

    /**
     * {@code off}: file offset (union with {@code addr2}).
     *
     * @param off a file offset, or what the opcode keeps in the union
     * @return this entry
     */
    public Sqe off(long off) {
        sqes.set(JAVA_LONG_UNALIGNED, base + OFF, off);
        return this;
    }

    /**
     * {@code addr2}: second address (union with {@code off}).
     *
     * @param addr2 a native address
     * @return this entry
     */
    public Sqe addr2(long addr2) {
        return off(addr2);
    }

    /**
     * {@code cmd_op}: the URING_CMD sub-command (low half of the {@code off} union).
     *
     * @param cmdOp the sub-command number
     * @return this entry
     */
    public Sqe cmdOp(int cmdOp) {
        sqes.set(JAVA_INT_UNALIGNED, base + OFF, cmdOp);
        return this;
    }

    /**
     * {@code addr}: buffer or struct address (union with {@code splice_off_in}).
     *
     * @param addr a native address, or what the opcode keeps in the union
     * @return this entry
     */
    public Sqe addr(long addr) {
        sqes.set(JAVA_LONG_UNALIGNED, base + ADDR, addr);
        return this;
    }

    /**
     * {@code level} and {@code optname} of socket-option commands (the {@code addr} union).
     *
     * @param level the option level, e.g. {@code SOL_SOCKET}
     * @param optname the option at that level
     * @return this entry
     */
    public Sqe levelAndOptname(int level, int optname) {
        sqes.set(JAVA_INT_UNALIGNED, base + ADDR, level);
        sqes.set(JAVA_INT_UNALIGNED, base + ADDR + 4, optname);
        return this;
    }

    /**
     * {@code len}: buffer length, vector count or per-opcode value.
     *
     * @param len the 32-bit value
     * @return this entry
     */
    public Sqe len(int len) {
        sqes.set(JAVA_INT_UNALIGNED, base + LEN, len);
        return this;
    }

    /**
     * The per-opcode 32-bit flags word ({@code rw_flags}, {@code msg_flags}, {@code timeout_flags}, …).
     *
     * @param flags the opcode's flags
     * @return this entry
     */
    public Sqe opFlags(int flags) {
        sqes.set(JAVA_INT_UNALIGNED, base + OP_FLAGS, flags);
        return this;
    }

    /**
     * {@code buf_index}: registered buffer index (union with {@code buf_group}).
     *
     * @param index the registered buffer's index, 0 to 65535
     * @return this entry
     */
    public Sqe bufIndex(int index) {
        sqes.set(JAVA_SHORT_UNALIGNED, base + BUF_INDEX, (short) index);
        return this;
    }

    /**
     * {@code buf_group}: provided-buffer group to select from (union with {@code buf_index}).
     *
     * @param group the group id, 0 to 65535
     * @return this entry
     */
    public Sqe bufGroup(int group) {
        return bufIndex(group);
    }

    /**
     * {@code personality}: a credential id from {@code IORING_REGISTER_PERSONALITY}.
     *
     * @param personality a registered personality id, or 0 for none
     * @return this entry
     */
    public Sqe personality(int personality) {
        sqes.set(JAVA_SHORT_UNALIGNED, base + PERSONALITY, (short) personality);
        return this;
    }

    /**
     * {@code file_index} and its unions ({@code splice_fd_in}, {@code optlen}, {@code zcrx_ifq_idx}).
     *
     * @param fileIndex the 32-bit value: a slot number plus one, {@code IORING_FILE_INDEX_ALLOC}, or what the opcode
     * keeps in the union
     * @return this entry
     */
    public Sqe fileIndex(int fileIndex) {
        sqes.set(JAVA_INT_UNALIGNED, base + FILE_INDEX, fileIndex);
        return this;
    }

    /**
     * {@code addr_len}: the 16-bit socket address length of send-to forms (low half of {@code file_index}).
     *
     * @param addrLen the address length in bytes, 0 to 65535
     * @return this entry
     */
    public Sqe addrLen(int addrLen) {
        sqes.set(JAVA_SHORT_UNALIGNED, base + FILE_INDEX, (short) addrLen);
        return this;
    }

    /**
     * {@code addr3}: third address (also {@code attr_ptr}, {@code optval}).
     *
     * @param addr3 a native address, or what the opcode keeps in the union
     * @return this entry
     */
    public Sqe addr3(long addr3) {
        sqes.set(JAVA_LONG_UNALIGNED, base + ADDR3, addr3);
        return this;
    }

    /**
     * The second word of the {@code addr3} union ({@code attr_type_mask}).
     *
     * @param value the 64-bit value
     * @return this entry
     */
    public Sqe pad2(long value) {
        sqes.set(JAVA_LONG_UNALIGNED, base + PAD2, value);
        return this;
    }

    /**
     * Copies a command into the command area at offset 48: at most 16 bytes, or 80 on an SQE128 ring.
     *
     * @param command the command bytes, copied to the start of the area
     * @return this entry
     */
    public Sqe cmd(MemorySegment command) {
        long room = size - CMD;
        if (command.byteSize() > room) {
            throw new IllegalArgumentException("command is " + command.byteSize() + " bytes; this ring's SQE has room for "
                    + room + (size == 64 ? " (create the ring with Params.sqe128() for 80)" : ""));
        }
        MemorySegment.copy(command, 0, sqes, base + CMD, command.byteSize());
        return this;
    }

    /**
     * Common shape of read/write-like requests: opcode, fd, addr, len, off.
     *
     * @param opcode the operation
     * @param fd the descriptor, or a slot number with {@code FIXED_FILE}
     * @param addr the buffer's native address
     * @param len the buffer's length, or a vector count
     * @param off the file offset
     * @return this entry
     */
    public Sqe prepRw(Opcode opcode, int fd, long addr, int len, long off) {
        return opcode(opcode).fd(fd).addr(addr).len(len).off(off);
    }
}
