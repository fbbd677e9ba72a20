package io.liouring.nio.file;

import io.liouring.internal.SlotClaims;

/**
 * A fixed set of small {@link IoScratch} blocks for direct system calls that do not wait while they hold one: the
 * page-cache attempt of a read or write ({@code RWF_NOWAIT}), a cached open, {@code statx}, a lock call. (A virtual
 * thread's buffered write on its carrier may wait where the kernel throttles it: it has captures of its own,
 * {@link CarrierWrites#CAPTURES}.) Claiming a block is one compare-and-set and giving it back one store, with no
 * allocation ({@link SlotClaims}); the bounded {@link ScratchPool} (a semaphore and a queue: several atomic
 * operations and a queue node per call) stays for memory held while a request waits for the ring, and for larger
 * bounce buffers.
 */
final class CallSlots implements ScratchOwner {
    /** Number of blocks (a power of two): far more than threads can be running such calls at once. */
    static final int COUNT = 64;
    /** Bounce bytes of a block: room for a path of {@code PATH_MAX} bytes and its NUL, or one 4 KiB page. */
    static final int BOUNCE_SIZE = 4096;
    /** The one instance. */
    private static final CallSlots SLOTS = new CallSlots();

    /** Which blocks are held. */
    private final SlotClaims claims = new SlotClaims(COUNT);
    /** The blocks, each allocated by its first claimer (and published by the claims' release and claim). */
    private final IoScratch[] blocks = new IoScratch[COUNT];

    /** The one instance. */
    private CallSlots() {
    }

    /** A free block, the caller's until it calls {@link IoScratch#release()}; the caller must not wait meanwhile. */
    static IoScratch take() {
        return SLOTS.claim();
    }

    /** Claims a block, allocating it on its first use. */
    private IoScratch claim() {
        int slot = claims.claim();
        IoScratch block = blocks[slot];
        if (block == null) {
            try {
                block = new IoScratch(this, slot, BOUNCE_SIZE);
            } catch (RuntimeException | Error e) {
                claims.release(slot);
                throw e;
            }
            blocks[slot] = block;
        }
        return block;
    }

    /** Gives a block back. */
    @Override
    public void give(IoScratch scratch) {
        claims.release(scratch.slot);
    }
}
