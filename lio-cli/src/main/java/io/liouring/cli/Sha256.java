package io.liouring.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 digest of {@code lio hash}, one input at a time: an input of up to {@link #SMALL} bytes is kept and
 * hashed by {@link SmallSha256}, without the JDK's security providers, whose start-up cost is larger than a small
 * file's whole hash; from the first larger input on, everything goes to the JDK's {@link MessageDigest}, which the
 * JIT makes several times faster.
 */
final class Sha256 {
    /** The largest input hashed by {@link SmallSha256}. */
    static final int SMALL = 64 * 1024;

    private final byte[] small = new byte[SMALL];
    private int length;
    /** The JDK's digest, once an input was larger than {@link #SMALL}; then used for every later input. */
    private MessageDigest large;

    /** Adds {@code bytes[offset, offset + n)} to the current input. */
    void update(byte[] bytes, int offset, int n) {
        if (large == null && n <= SMALL - length) {
            System.arraycopy(bytes, offset, small, length, n);
            length += n;
            return;
        }
        if (large == null) {
            large = jdkSha256();
            large.update(small, 0, length);
            length = 0;
        }
        large.update(bytes, offset, n);
    }

    /** {@return the digest of the current input} and starts the next, empty. */
    byte[] digest() {
        if (large != null) {
            return large.digest();
        }
        byte[] digest = SmallSha256.digest(small, length);
        length = 0;
        return digest;
    }

    /** Discards the current input. */
    void reset() {
        length = 0;
        if (large != null) {
            large.reset();
        }
    }

    private static MessageDigest jdkSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
