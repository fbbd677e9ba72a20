package io.liouring.nio.channels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Native memory that heap {@link java.nio.ByteBuffer}s are copied through on their way to and from the kernel
 * (the kernel cannot be given the address of a Java array, which the GC moves). Chunks are
 * {@value #CHUNK_BYTES} bytes, so one read or write with a heap buffer moves at most that many bytes, as a short
 * read or write the channel contracts allow. At most {@value #MAX_CACHED} free chunks are kept for reuse;
 * beyond that a returned chunk is freed at once. So what stays allocated is bounded, and what is in use is
 * proportional to the operations pending with heap buffers. A chunk goes back only after the kernel has released
 * the request that used it.
 */
final class NativeChunks {
    /** Bytes per chunk. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** Free chunks kept for reuse. */
    static final int MAX_CACHED = 32;

    /** A chunk and the arena that frees it. */
    record Chunk(Arena arena, MemorySegment segment) {
        void free() {
            arena.close();
        }
    }

    private final ConcurrentLinkedQueue<Chunk> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();

    /** A chunk for one request: a cached one, or a fresh one. */
    Chunk take() {
        Chunk c = free.poll();
        if (c != null) {
            freeCount.decrementAndGet();
            return c;
        }
        Arena arena = Arena.ofShared();
        try {
            return new Chunk(arena, arena.allocate(CHUNK_BYTES, 64));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Returns a chunk the kernel no longer uses: cached if there is room, freed otherwise. */
    void give(Chunk chunk) {
        if (freeCount.incrementAndGet() <= MAX_CACHED) {
            free.offer(chunk);
        } else {
            freeCount.decrementAndGet();
            chunk.free();
        }
    }

    /** Free chunks cached now (a snapshot, for tests). */
    int cached() {
        return freeCount.get();
    }
}
