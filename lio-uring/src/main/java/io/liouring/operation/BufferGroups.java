package io.liouring.operation;

/** Checks for provided-buffer group ids, which the kernel takes as 16 bits. */
final class BufferGroups {
    private BufferGroups() {
    }

    static int requireId(int group) {
        if (group < 0 || group > 0xFFFF) {
            throw new IllegalArgumentException("bufferGroup must be between 0 and 65535: " + group);
        }
        return group;
    }
}
