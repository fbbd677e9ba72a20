package io.liouring.nio.file;

/** Where an {@link IoScratch} goes back to: the {@link ScratchPool} it came from, or the {@link CallSlots}. */
interface ScratchOwner {
    /** Takes {@code scratch} back; its memory is the owner's again. */
    void give(IoScratch scratch);
}
