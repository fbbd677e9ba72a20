package io.liouring.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SmallSha256} gives FIPS 180-4's example digests and the JDK's digest of random inputs of every length
 * around the padding's edges; {@link Sha256} gives the JDK's digest whether its inputs are small or large, fed in
 * pieces of any size, and one after another.
 */
class Sha256Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void smallSha256GivesTheStandardsExampleDigests() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", small(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", small("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                small("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                HEX.formatHex(SmallSha256.digest(million, million.length)));
    }

    @Test
    void smallSha256AgreesWithTheJdkOnEveryLengthUpTo300Bytes() throws NoSuchAlgorithmException {
        Random random = new Random(14);
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length + 7]; // longer than length: only the first length bytes count
            random.nextBytes(data);
            assertArrayEquals(jdk(data, length), SmallSha256.digest(data, length), "length " + length);
        }
    }

    @Test
    void sha256AgreesWithTheJdkOnSmallAndLargeInputsInPieces() throws NoSuchAlgorithmException {
        Random random = new Random(2026);
        Sha256 sha256 = new Sha256();
        int[] lengths = {0, 1, 4096, Sha256.SMALL - 1, Sha256.SMALL, 5000, Sha256.SMALL + 1, 3 * Sha256.SMALL + 17, 64};
        for (int length : lengths) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            sha256.update(data, 0, 0);
            for (int at = 0; at < length; ) {
                int n = Math.min(length - at, 1 + random.nextInt(20_000));
                sha256.update(data, at, n);
                at += n;
            }
            assertArrayEquals(jdk(data, length), sha256.digest(), "length " + length);
        }
    }

    @Test
    void resetDiscardsTheInputSoFar() throws NoSuchAlgorithmException {
        Sha256 sha256 = new Sha256();
        byte[] data = new byte[Sha256.SMALL + 10];
        new Random(7).nextBytes(data);
        sha256.update(data, 0, 100);
        sha256.reset();
        sha256.update(data, 0, 50);

        assertArrayEquals(jdk(data, 50), sha256.digest());

        sha256.update(data, 0, data.length);
        sha256.reset();
        sha256.update(data, 0, 50);

        assertArrayEquals(jdk(data, 50), sha256.digest());
    }

    private static String small(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return HEX.formatHex(SmallSha256.digest(bytes, bytes.length));
    }

    private static byte[] jdk(byte[] data, int length) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(data, 0, length);
        return digest.digest();
    }
}
