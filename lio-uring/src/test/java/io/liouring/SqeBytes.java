package io.liouring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Test support: encodes an operation the way the ring does (zero, encode, OR flags, user_data) into
 * scratch memory, and reads fields back by their ABI offsets.
 */
public final class SqeBytes {
    private final MemorySegment sqe;

    private SqeBytes(MemorySegment sqe) {
        this.sqe = sqe;
    }

    public static SqeBytes encode(Operation op) {
        return encode(op, SqeFlags.NONE, 0, 64);
    }

    public static SqeBytes encode(Operation op, SqeFlags flags, long userData) {
        return encode(op, flags, userData, 64);
    }

    public static SqeBytes encode(Operation op, SqeFlags flags, long userData, int size) {
        MemorySegment memory = Arena.ofAuto().allocate(size, 64);
        memory.fill((byte) 0x5A); // garbage the ring must clear
        Sqe flyweight = new Sqe();
        flyweight.bind(memory, 0, size);
        flyweight.clear();
        op.encode(flyweight);
        flyweight.addFlags(flags);
        flyweight.userData(userData);
        return new SqeBytes(memory);
    }

    public int opcode() { return Byte.toUnsignedInt(sqe.get(JAVA_BYTE, 0)); }
    public int flags() { return Byte.toUnsignedInt(sqe.get(JAVA_BYTE, 1)); }
    public int ioprio() { return Short.toUnsignedInt(sqe.get(JAVA_SHORT, 2)); }
    public int fd() { return sqe.get(JAVA_INT, 4); }
    public long off() { return sqe.get(JAVA_LONG, 8); }
    public long addr() { return sqe.get(JAVA_LONG, 16); }
    public int len() { return sqe.get(JAVA_INT, 24); }
    public int opFlags() { return sqe.get(JAVA_INT, 28); }
    public long userData() { return sqe.get(JAVA_LONG, 32); }
    public int bufIndex() { return Short.toUnsignedInt(sqe.get(JAVA_SHORT, 40)); }
    public int personality() { return Short.toUnsignedInt(sqe.get(JAVA_SHORT, 42)); }
    public int fileIndex() { return sqe.get(JAVA_INT, 44); }
    public long addr3() { return sqe.get(JAVA_LONG, 48); }
    public long pad2() { return sqe.get(JAVA_LONG, 56); }
    public MemorySegment raw() { return sqe; }
}
