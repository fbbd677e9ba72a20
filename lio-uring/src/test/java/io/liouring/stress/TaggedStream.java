package io.liouring.stress;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Test support: the byte stream of one tagged source (a connection's direction, a file), in which every byte can be
 * attributed. Byte {@code p} of stream {@code id} is byte {@code p % 8} of the little-endian word
 * {@code id << 40 | p / 8}: the stream's id in the top 24 bits, the word's index in the low 40. No word is zero
 * (ids start at 1), so a word of zeros is a hole, never data; and a word of another stream names that stream and
 * where in it the word came from.
 */
final class TaggedStream {
    static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int INDEX_BITS = 40;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    static final long MAX_ID = (1L << (64 - INDEX_BITS)) - 1;

    private TaggedStream() {
    }

    /** The word at index {@code index} of stream {@code id}. */
    static long word(long id, long index) {
        return id << INDEX_BITS | index;
    }

    static long idOf(long word) {
        return word >>> INDEX_BITS;
    }

    static long indexOf(long word) {
        return word & INDEX_MASK;
    }

    /** Byte {@code position} of stream {@code id}. */
    static byte byteAt(long id, long position) {
        return (byte) (word(id, position >>> 3) >>> (8 * (position & 7)));
    }

    /**
     * Writes bytes {@code [position, position + length)} of stream {@code id} into {@code into} from offset 0;
     * {@code into} needs {@code length + 16} bytes of room (whole words are written on both sides).
     *
     * @return the slice holding exactly those bytes
     */
    static MemorySegment fill(MemorySegment into, long id, long position, long length) {
        long first = position >>> 3;
        int skew = (int) (position & 7);
        long words = (skew + length + 7) >>> 3;
        if (words * 8 > into.byteSize()) {
            throw new IllegalArgumentException("a buffer of " + into.byteSize() + " bytes is too small for " + length
                    + " bytes at " + position);
        }
        for (long i = 0; i < words; i++) {
            into.set(WORD, i * 8, word(id, first + i));
        }
        return into.asSlice(skew, length);
    }

    /**
     * Checks that {@code got} holds bytes {@code [position, position + got.byteSize())} of stream {@code id}, using
     * {@code scratch} ({@code got.byteSize() + 16} bytes) for the expected bytes.
     *
     * @return {@code null} if it does, else what differs: where, and whose bytes came instead
     */
    static String check(MemorySegment got, long id, long position, MemorySegment scratch) {
        MemorySegment expected = fill(scratch, id, position, got.byteSize());
        long at = MemorySegment.mismatch(got, 0, got.byteSize(), expected, 0, expected.byteSize());
        if (at < 0) {
            return null;
        }
        return "byte " + (position + at) + " of stream " + id + " differs: " + describe(got, position, at);
    }

    /**
     * Like {@link #check}, but a byte may also be zero (a hole, or a byte a write cut short never reached): every
     * byte is the stream's or zero — never another stream's.
     */
    static String checkOrZero(MemorySegment got, long id, long position, MemorySegment scratch) {
        MemorySegment expected = fill(scratch, id, position, got.byteSize());
        long size = got.byteSize();
        long from = 0;
        while (from < size) {
            long at = MemorySegment.mismatch(got, from, size, expected, from, size);
            if (at < 0) {
                return null;
            }
            long i = from + at;
            if (got.get(ValueLayout.JAVA_BYTE, i) != 0) {
                return "byte " + (position + i) + " of stream " + id + " is neither the stream's nor zero: "
                        + describe(got, position, i);
            }
            while (i < size && got.get(ValueLayout.JAVA_BYTE, i) == 0) {
                i++;
            }
            from = i;
        }
        return null;
    }

    /** What the bytes around offset {@code at} of {@code got} (which starts at stream position {@code position}) are. */
    static String describe(MemorySegment got, long position, long at) {
        // Bytes of another stream need not sit at their own stream's word boundaries here: find the alignment at
        // which two words in a row near the mismatch read as consecutive words of one stream.
        for (long start = Math.max(0, at - 15); start <= at && start + 16 <= got.byteSize(); start++) {
            long w = got.get(WORD, start);
            long next = got.get(WORD, start + 8);
            if (idOf(w) != 0 && idOf(next) == idOf(w) && indexOf(next) == indexOf(w) + 1) {
                return "the bytes there are stream " + idOf(w) + "'s, from its position " + (indexOf(w) * 8)
                        + " (found at offset " + (position + start) + ")";
            }
        }
        long wordStart = at - ((position + at) & 7);
        if (wordStart >= 0 && wordStart + 8 <= got.byteSize()) {
            long w = got.get(WORD, wordStart);
            if (w == 0) {
                return "a word of zeros";
            }
            return "the word there is word " + indexOf(w) + " of stream " + idOf(w) + " (0x" + Long.toHexString(w) + ")";
        }
        return "byte 0x" + Integer.toHexString(got.get(ValueLayout.JAVA_BYTE, at) & 0xff) + " (word cut by the buffer)";
    }
}
