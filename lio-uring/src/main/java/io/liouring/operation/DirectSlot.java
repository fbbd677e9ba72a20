package io.liouring.operation;

import io.liouring.DirectFd;

import java.util.Objects;

/**
 * Encodes {@code sqe.file_index} for requests that can create a direct descriptor instead of a normal fd:
 * 0 means a normal fd, {@code slot + 1} a given slot, {@code ~0} "allocate one".
 */
final class DirectSlot {
    static final int NONE = 0;
    static final int ALLOCATE = 0xFFFF_FFFF;

    private DirectSlot() {
    }

    static int of(DirectFd slot) {
        return Objects.requireNonNull(slot, "slot").slot() + 1;
    }
}
