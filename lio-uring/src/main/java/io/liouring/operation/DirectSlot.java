package io.liouring.operation;

/**
 * Encodes {@code sqe.file_index} for requests that can create a direct (registered) descriptor instead
 * of a normal fd: 0 means a normal fd, {@code slot + 1} a given slot, {@code ~0} "allocate one".
 */
final class DirectSlot {
    static final int NONE = 0;
    static final int ALLOCATE = 0xFFFF_FFFF;

    private DirectSlot() {
    }

    static int of(int slot) {
        if (slot < 0 || slot == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("slot must be between 0 and " + (Integer.MAX_VALUE - 1) + ": " + slot);
        }
        return slot + 1;
    }
}
