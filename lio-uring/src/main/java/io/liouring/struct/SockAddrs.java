package io.liouring.struct;

import io.liouring.AddressFamily;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;

/** Shared helpers of the socket-address structs: allocation, network byte order, value equality. */
final class SockAddrs {
    static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt NET_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddrs() {
    }

    /** A zeroed native struct of {@code size} bytes with the family set. */
    static MemorySegment allocate(int size, int family) {
        MemorySegment s = Arena.ofAuto().allocate(size, 8);
        s.set(ValueLayout.JAVA_SHORT, 0, (short) family);
        return s;
    }

    /** A native copy of the first {@code size} bytes of {@code memory}. */
    static MemorySegment copy(MemorySegment memory, int size) {
        MemorySegment s = Arena.ofAuto().allocate(size, 8);
        MemorySegment.copy(memory, 0, s, 0, size);
        return s;
    }

    /**
     * The address the kernel reported in the first {@code length} bytes of {@code memory}: empty if it wrote
     * none (length below 2, or family {@code AF_UNSPEC}).
     */
    static Optional<SockAddr> reported(MemorySegment memory, int length) {
        if (length < 2 || memory.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0) == AddressFamily.AF_UNSPEC) {
            return Optional.empty();
        }
        return Optional.of(SockAddr.parse(memory, length));
    }

    static int requirePort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        return port;
    }

    static void requireLength(String struct, int length, int minimum) {
        if (length < minimum) {
            throw new IllegalArgumentException(struct + " needs at least " + minimum + " bytes, the kernel reported "
                    + length);
        }
    }

    static boolean sameBytes(MemorySegment a, MemorySegment b) {
        return a.byteSize() == b.byteSize() && a.mismatch(b) == -1;
    }

    static int hash(MemorySegment s) {
        int h = 1;
        for (long i = 0; i < s.byteSize(); i++) {
            h = 31 * h + s.get(ValueLayout.JAVA_BYTE, i);
        }
        return h;
    }
}
