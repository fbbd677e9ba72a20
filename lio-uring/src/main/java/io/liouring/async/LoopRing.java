package io.liouring.async;

import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Probe;
import io.liouring.buffer.BufferRing;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Set;

/**
 * What a task run on an event loop's thread ({@link EventLoop#runOnLoop}) may do with the loop's ring: register
 * resources ({@code io_uring_register(2)}), which a {@code SINGLE_ISSUER} ring accepts only from its own thread, and
 * read its properties. Never push, submit, reap or close it: the loop owns its queues and its life, so this facade
 * does not offer them.
 *
 * <p>Valid only on the loop's thread: every method throws {@link IllegalStateException} elsewhere, so a facade that
 * leaks out of its task cannot be used behind the loop's back.
 */
public final class LoopRing {
    private final EventLoop loop;
    private final LioUring ring;

    LoopRing(EventLoop loop, LioUring ring) {
        this.loop = loop;
        this.ring = ring;
    }

    private LioUring ring() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("the ring of " + loop.name() + " may be used only on its thread, in a"
                    + " task given to runOnLoop");
        }
        return ring;
    }

    /**
     * Registers a provided-buffer ring of {@code count} buffers of {@code bufferSize} bytes as group {@code group}
     * ({@code IORING_REGISTER_PBUF_RING}, Linux 5.19): {@link BufferRing#register}. Close it on the loop thread
     * too ({@code loop.runOnLoop(ring -> { buffers.close(); return null; })}): the loop's ring takes
     * registrations only from there.
     *
     * @param group the buffer group id, 0 to 65535
     * @param count 1 to 32768 buffers
     * @param bufferSize bytes of each buffer, at least 1
     * @param options {@link BufferRing.Option}s, or none
     * @return the registered ring, every buffer with the kernel
     */
    public BufferRing registerBufferRing(int group, int count, int bufferSize, BufferRing.Option... options) {
        return BufferRing.register(ring(), group, count, bufferSize, options);
    }

    /**
     * Registers fixed buffers ({@code IORING_REGISTER_BUFFERS}, 5.1): {@link LioUring#registerBuffers(MemorySegment...)}.
     *
     * @param buffers native segments to pin; they must stay open until unregistered
     * @return the kernel's result (0)
     */
    public int registerBuffers(MemorySegment... buffers) {
        return ring().registerBuffers(buffers);
    }

    /**
     * Replaces registered buffers from {@code offset} ({@code IORING_REGISTER_BUFFERS_UPDATE}, 5.13).
     *
     * @param offset the first slot to replace
     * @param buffers the new buffers; {@link MemorySegment#NULL} empties a slot
     * @return the number of slots updated
     */
    public int updateBuffers(int offset, MemorySegment... buffers) {
        return ring().updateBuffers(offset, buffers);
    }

    /** Drops the registered buffers ({@code IORING_UNREGISTER_BUFFERS}). */
    public void unregisterBuffers() {
        ring().unregisterBuffers();
    }

    /**
     * Registers fixed files ({@code IORING_REGISTER_FILES}, 5.1): {@link LioUring#registerFiles(int...)}.
     *
     * @param fds open descriptors; slot {@code i} gets {@code fds[i]} ({@code -1}: an empty slot)
     */
    public void registerFiles(int... fds) {
        ring().registerFiles(fds);
    }

    /**
     * Registers {@code count} empty file slots ({@code IORING_RSRC_REGISTER_SPARSE}, 5.19).
     *
     * @param count number of slots, positive
     */
    public void registerFilesSparse(int count) {
        ring().registerFilesSparse(count);
    }

    /**
     * Replaces registered files from {@code offset} ({@code IORING_REGISTER_FILES_UPDATE}, 5.5).
     *
     * @param offset the first slot to replace
     * @param fds the new descriptors; {@code -1} empties a slot
     * @return the number of slots updated
     */
    public int updateFiles(int offset, int... fds) {
        return ring().updateFiles(offset, fds);
    }

    /** Drops the registered files ({@code IORING_UNREGISTER_FILES}). */
    public void unregisterFiles() {
        ring().unregisterFiles();
    }

    /**
     * Registers the calling credentials as a personality ({@code IORING_REGISTER_PERSONALITY}, 5.6).
     *
     * @return the personality id, for {@code Operation}s pushed with it
     */
    public int registerPersonality() {
        return ring().registerPersonality();
    }

    /**
     * Drops a personality ({@code IORING_UNREGISTER_PERSONALITY}).
     *
     * @param id a personality id {@link #registerPersonality()} returned
     */
    public void unregisterPersonality(int id) {
        ring().unregisterPersonality(id);
    }

    /** {@return the operations this kernel supports ({@code IORING_REGISTER_PROBE}, 5.6)} */
    public Probe probe() {
        return ring().probe();
    }

    /** {@return the {@code IORING_SETUP_*} flags the ring got} */
    public int setupFlags() {
        return ring().setupFlags();
    }

    /** {@return the features the kernel reported for the ring ({@code IORING_FEAT_*})} */
    public Set<Feature> features() {
        return ring().features();
    }

    /**
     * {@return whether the kernel reported {@code feature} for the ring}
     *
     * @param feature an {@code IORING_FEAT_*} bit
     */
    public boolean hasFeature(Feature feature) {
        Objects.requireNonNull(feature, "feature");
        return ring().hasFeature(feature);
    }

    /**
     * Whether the loop's waits count as iowait ({@link LioUring#iowait()}): a loop turns iowait accounting off
     * where the kernel can ({@code IORING_FEAT_NO_IOWAIT}, Linux 6.15).
     *
     * @return {@code false} if the loop waits with {@code IORING_ENTER_NO_IOWAIT}
     */
    public boolean iowait() {
        return ring().iowait();
    }

    /** {@return the number of submission queue entries} */
    public int sqEntries() {
        return ring().sqEntries();
    }

    /** {@return the number of completion queue entries} */
    public int cqEntries() {
        return ring().cqEntries();
    }

    @Override
    public String toString() {
        return "LoopRing[" + loop.name() + "]";
    }
}
