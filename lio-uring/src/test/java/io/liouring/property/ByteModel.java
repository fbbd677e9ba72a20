package io.liouring.property;

import java.util.Arrays;
import java.util.Random;

/**
 * The model the random sequences are checked against: the bytes a file, a pipe or one direction of a socket pair
 * should hold. A file is written and read at offsets (holes read as zeros); a pipe or a socket stream is appended to
 * at the tail and consumed at the head.
 */
final class ByteModel {
    private byte[] bytes = new byte[256];
    private int head;
    private int size;

    /** Deterministic bytes for a seed: the same step always writes the same data. */
    static byte[] seeded(int seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    int size() {
        return size;
    }

    /** The file's bytes from {@code offset}: at most {@code length}, none past the end. */
    byte[] read(long offset, int length) {
        if (offset >= size) {
            return new byte[0];
        }
        int n = (int) Math.min(length, size - offset);
        return Arrays.copyOfRange(bytes, head + (int) offset, head + (int) offset + n);
    }

    /** Writes {@code data} at {@code offset}, growing the file (with zeros in any hole); writing nothing grows nothing. */
    void write(long offset, byte[] data) {
        if (data.length == 0) {
            return;
        }
        int end = (int) offset + data.length;
        if (end > size) {
            truncate(end);
        }
        System.arraycopy(data, 0, bytes, head + (int) offset, data.length);
    }

    /** Sets the size: cut, or extended with zeros. */
    void truncate(long length) {
        int n = (int) length;
        ensureCapacity(n);
        if (n > size) {
            Arrays.fill(bytes, head + size, head + n, (byte) 0);
        }
        size = n;
    }

    /** Appends at the tail (a pipe write). */
    void append(byte[] data) {
        write(size, data);
    }

    /** The first {@code length} bytes (at most all of them), without consuming them (a tee). */
    byte[] peek(int length) {
        return read(0, length);
    }

    /** Consumes and returns the first {@code length} bytes, at most all of them (a pipe read or splice). */
    byte[] take(int length) {
        byte[] taken = peek(length);
        head += taken.length;
        size -= taken.length;
        if (size == 0) {
            head = 0;
        }
        return taken;
    }

    private void ensureCapacity(int n) {
        if (head + n > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, n + 256)];
            System.arraycopy(bytes, head, grown, 0, size);
            bytes = grown;
            head = 0;
        }
    }
}
