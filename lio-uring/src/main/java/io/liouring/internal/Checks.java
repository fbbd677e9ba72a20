package io.liouring.internal;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Argument checks shared by every operation: each failure names the argument and says what to do. */
public final class Checks {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private Checks() {
    }

    /**
     * {@return {@code segment}, checked to be native memory whose arena is still open: the kernel reads or writes it by
     * address}
     *
     * @param segment the memory a request names
     * @param name the argument's name, for the exception's message
     */
    public static MemorySegment requireNative(MemorySegment segment, String name) {
        Objects.requireNonNull(segment, name);
        if (!segment.isNative()) {
            throw new IllegalArgumentException(name + " is a heap segment; the kernel needs native memory"
                    + " (allocate it from an Arena)");
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException(name + " belongs to an arena that is already closed");
        }
        return segment;
    }

    /**
     * {@return {@code length}, checked to fit the kernel's u32 length and the given segment}
     *
     * @param length bytes, 0 to {@code segment}'s size and at most 2^32-1
     * @param segment the memory the length applies to
     * @param name the argument's name, for the exception's message
     */
    public static int requireLength(long length, MemorySegment segment, String name) {
        if (length < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + length);
        }
        if (length > segment.byteSize()) {
            throw new IllegalArgumentException(name + " (" + length + ") is longer than the segment ("
                    + segment.byteSize() + " bytes)");
        }
        if (length > U32_MAX) {
            throw new IllegalArgumentException(name + " (" + length + ") does not fit the kernel's 32-bit length");
        }
        return (int) length;
    }

    /**
     * {@return the byte size of a whole segment, which the kernel takes as a u32 length}
     *
     * @param segment the memory a request names
     * @param name the argument's name, for the exception's message
     */
    public static int requireLength(MemorySegment segment, String name) {
        return requireLength(segment.byteSize(), segment, name + " length");
    }

    /**
     * {@return {@code offset}, checked to be a file offset: {@code >= 0}, or {@code -1} for the file's current
     * position}
     *
     * @param offset the offset to check
     * @param name the argument's name, for the exception's message
     */
    public static long requireOffset(long offset, String name) {
        if (offset < -1) {
            throw new IllegalArgumentException(name + " must be >= 0, or -1 for the current file position: " + offset);
        }
        return offset;
    }

    /**
     * {@return {@code value}, checked not to be negative}
     *
     * @param value the value to check
     * @param name the argument's name, for the exception's message
     */
    public static int requireNonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * {@return {@code value}, checked not to be negative}
     *
     * @param value the value to check
     * @param name the argument's name, for the exception's message
     */
    public static long requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * {@return the native address of a segment that passed {@link #requireNative}, checked again at encode time}
     *
     * @param segment the memory a request names
     * @param name the argument's name, for the exception's message
     */
    public static long addressOf(MemorySegment segment, String name) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException(name + " belongs to an arena that was closed before the operation was pushed");
        }
        return segment.address();
    }
}
