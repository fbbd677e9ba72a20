package io.liouring.nio.realserver;

/**
 * The bytes of a generated body: byte {@code p} of the body with seed {@code s} is a 64-bit mix of {@code s} and
 * {@code p}, so two bodies with different seeds (tags) differ almost everywhere, and a byte that is lost, repeated,
 * reordered or delivered on the wrong connection shows at its own offset. Public for the file contents of
 * {@code io.liouring.nio.realapp}'s static file server test.
 */
public final class ContentPattern {
    private ContentPattern() {
    }

    /** Byte {@code position} of the body tagged {@code seed}. */
    public static byte at(long seed, long position) {
        long z = seed + position * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (byte) (z ^ (z >>> 33));
    }

    /** Fills {@code length} bytes of {@code into} from {@code offset} with the body's bytes from {@code position}. */
    public static void fill(byte[] into, int offset, int length, long seed, long position) {
        for (int i = 0; i < length; i++) {
            into[offset + i] = at(seed, position + i);
        }
    }

    /**
     * The first offset in {@code [0, length)} where {@code actual} (from {@code offset}) is not the body's byte at
     * {@code position + i}, or -1 when all match.
     */
    public static int firstMismatch(byte[] actual, int offset, int length, long seed, long position) {
        for (int i = 0; i < length; i++) {
            if (actual[offset + i] != at(seed, position + i)) {
                return i;
            }
        }
        return -1;
    }
}
