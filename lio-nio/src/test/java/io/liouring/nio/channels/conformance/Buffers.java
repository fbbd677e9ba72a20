package io.liouring.nio.channels.conformance;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/** The two kinds of {@link ByteBuffer} every data test runs with. */
enum Buffers {
    HEAP(ByteBuffer::allocate),
    DIRECT(ByteBuffer::allocateDirect);

    private final IntFunction<ByteBuffer> allocator;

    Buffers(IntFunction<ByteBuffer> allocator) {
        this.allocator = allocator;
    }

    ByteBuffer allocate(int capacity) {
        return allocator.apply(capacity);
    }

    /** A buffer of this kind holding {@code bytes}, positioned at 0 with limit {@code bytes.length}. */
    ByteBuffer of(byte... bytes) {
        return allocate(bytes.length).put(bytes).flip();
    }

    /** A buffer of {@code capacity} bytes, every one {@code fill}. */
    ByteBuffer filled(int capacity, byte fill) {
        ByteBuffer buffer = allocate(capacity);
        while (buffer.hasRemaining()) {
            buffer.put(fill);
        }
        return buffer.clear();
    }
}
