package io.liouring;

import io.liouring.internal.IoUringSys;
import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What the running kernel's io_uring supports, asked without a ring ({@code IORING_REGISTER_QUERY} with
 * {@code IO_URING_QUERY_OPCODES} and {@code IO_URING_QUERY_SCQ}, Linux 6.18; {@code io_uring_register_query(3)}).
 *
 * @param requestOpcodes  how many {@code IORING_OP_*} opcodes the kernel has (the highest plus one)
 * @param registerOpcodes how many {@code IORING_[UN]REGISTER_*} opcodes it has
 * @param features        the {@code IORING_FEAT_*} bits (see {@link Feature#fromBits(int)})
 * @param setupFlags      the {@code IORING_SETUP_*} bits it accepts (see {@link Params#describeFlags(int)})
 * @param enterFlags      the {@code IORING_ENTER_*} bits it accepts
 * @param sqeFlags        the {@code IOSQE_*} bits it accepts
 * @param queryOpcodes    how many query opcodes it answers
 * @param ringHeaderSize  the size of the SQ/CQ ring header ({@code IO_URING_QUERY_SCQ}), if the kernel answers it
 */
public record RingCapabilities(int requestOpcodes, int registerOpcodes, long features, long setupFlags,
                               long enterFlags, long sqeFlags, int queryOpcodes, OptionalLong ringHeaderSize) {
    /** {@code IORING_REGISTER_QUERY}. */
    private static final int REGISTER_QUERY = 35;
    private static final int QUERY_OPCODES = 0;
    private static final int QUERY_SCQ = 2;
    /** {@code sizeof(struct io_uring_query_hdr)}. */
    static final int HEADER_SIZE = 40;
    /** {@code sizeof(struct io_uring_query_opcode)}. */
    static final int OPCODES_SIZE = 48;
    /** {@code sizeof(struct io_uring_query_scq)}. */
    static final int SCQ_SIZE = 16;

    /**
     * Asks the kernel, with two chained queries in one {@code io_uring_register(-1, IORING_REGISTER_QUERY)} call.
     *
     * @return what the kernel supports
     * @throws UnsupportedOperationException on kernels without {@code IORING_REGISTER_QUERY} (before 6.18)
     * @throws UringException                 if the kernel refuses the opcode query itself
     */
    public static RingCapabilities query() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment opcodes = arena.allocate(OPCODES_SIZE, 8);
            MemorySegment scq = arena.allocate(SCQ_SIZE, 8);
            MemorySegment second = header(arena, QUERY_SCQ, scq, 0);
            MemorySegment first = header(arena, QUERY_OPCODES, opcodes, second.address());
            int r = IoUringSys.register(Libc.newErrnoState(arena), -1, REGISTER_QUERY, first.address(), 0);
            if (r == -22 || r == -9) {
                throw new UnsupportedOperationException("IORING_REGISTER_QUERY needs Linux 6.18 (errno " + -r + ")");
            }
            if (r < 0) {
                throw new UringException("io_uring_register(REGISTER_QUERY)", -r);
            }
            int opcodesResult = first.get(JAVA_INT, 24);
            if (opcodesResult < 0) {
                throw new UringException("io_uring_register(REGISTER_QUERY, IO_URING_QUERY_OPCODES)", -opcodesResult);
            }
            OptionalLong header = second.get(JAVA_INT, 24) == 0 ? OptionalLong.of(scq.get(JAVA_LONG, 0))
                    : OptionalLong.empty();
            return new RingCapabilities(opcodes.get(JAVA_INT, 0), opcodes.get(JAVA_INT, 4), opcodes.get(JAVA_LONG, 8),
                    opcodes.get(JAVA_LONG, 16), opcodes.get(JAVA_LONG, 24), opcodes.get(JAVA_LONG, 32),
                    opcodes.get(JAVA_INT, 40), header);
        }
    }

    /** A {@code struct io_uring_query_hdr} asking {@code op} into {@code data}, chained to {@code next} (0: last). */
    static MemorySegment header(Arena arena, int op, MemorySegment data, long next) {
        MemorySegment h = arena.allocate(HEADER_SIZE, 8);
        h.set(JAVA_LONG, 0, next);
        h.set(JAVA_LONG, 8, data.address());
        h.set(JAVA_INT, 16, op);
        h.set(JAVA_INT, 20, (int) data.byteSize());
        return h;
    }

    /**
     * Whether the kernel takes a setup flag.
     *
     * @param flag an {@code IORING_SETUP_*} bit
     * @return whether {@link #setupFlags()} has it
     */
    public boolean acceptsSetupFlag(int flag) {
        return (setupFlags & Integer.toUnsignedLong(flag)) == Integer.toUnsignedLong(flag);
    }

    /**
     * Whether the kernel reports a feature.
     *
     * @param feature the feature
     * @return whether {@link #features()} has its bit
     */
    public boolean has(Feature feature) {
        return (features & feature.bit()) != 0;
    }
}
