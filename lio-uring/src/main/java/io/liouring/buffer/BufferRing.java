package io.liouring.buffer;

import io.liouring.Completion;
import io.liouring.LioUring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A ring of provided buffers ({@code IORING_REGISTER_PBUF_RING}, Linux 5.19; {@code io_uring_setup_buf_ring(3)},
 * {@code io_uring_buf_ring_add(3)}): {@code count} buffers of {@code bufferSize} bytes in buffer group
 * {@code group}, from which requests pushed with {@code BUFFER_SELECT} (receives, reads, send bundles) take
 * a buffer when they need one. The completion names the buffer ({@link Completion#bufferId()}).
 *
 * <p>Ownership: a buffer is either with the kernel (in the ring) or with the application. {@link #take}
 * hands the buffer a completion names to the application; {@link #recycle} (or {@link #provide}) gives it
 * back. Giving back a buffer the kernel already has, or taking one twice, is an {@link IllegalStateException}.
 *
 * <p>Single-threaded, like the ring it is registered with. The ring entries and buffers live in an
 * automatic arena: segments handed out stay valid even after {@link #close()}, which unregisters the group.
 * Close only once no request that selects from the group is in flight.
 */
public final class BufferRing implements AutoCloseable {
    private static final int REGISTER_PBUF_RING = 22;
    private static final int UNREGISTER_PBUF_RING = 23;
    private static final long ENTRY_SIZE = 16;
    private static final long ENTRY_LEN = 8;
    private static final long ENTRY_BID = 12;
    private static final long TAIL = 14;
    private static final long PAGE = 4096;
    private static final VarHandle SHORT = JAVA_SHORT.varHandle();

    /** A buffer handed to the application: its id, and the bytes of it a completion filled (or sent). */
    public record Buffer(int id, MemorySegment data) {
    }

    private final LioUring ring;
    private final int group;
    private final int count;
    private final int bufferSize;
    private final int mask;
    private final MemorySegment entries;
    private final MemorySegment buffers;
    private final boolean[] withKernel;
    private final int[] providedLength;
    private final int[] slotOf;
    private final int[] idAtSlot;
    private int tail;
    private boolean closed;

    private BufferRing(LioUring ring, int group, int count, int bufferSize) {
        this.ring = ring;
        this.group = group;
        this.count = count;
        this.bufferSize = bufferSize;
        int ringEntries = Integer.highestOneBit(count) == count ? count : Integer.highestOneBit(count) << 1;
        this.mask = ringEntries - 1;
        Arena arena = Arena.ofAuto();
        this.entries = arena.allocate(ENTRY_SIZE * ringEntries, PAGE);
        this.buffers = arena.allocate((long) count * bufferSize, 64);
        this.withKernel = new boolean[count];
        this.providedLength = new int[count];
        this.slotOf = new int[count];
        this.idAtSlot = new int[ringEntries];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(40, 8);
            reg.set(JAVA_LONG, 0, entries.address());
            reg.set(JAVA_INT, 8, ringEntries);
            reg.set(JAVA_SHORT, 12, (short) group);
            ring.unsafeRegister(REGISTER_PBUF_RING, "REGISTER_PBUF_RING(group " + group + ")", reg, 1);
        }
    }

    /**
     * Registers a ring of {@code count} buffers of {@code bufferSize} bytes as group {@code group} and
     * hands them all to the kernel: ready for receives.
     *
     * @param count 1 to 32768 buffers (the ring's size is the next power of two)
     * @throws io.liouring.UringException if the kernel refuses (EEXIST: the group is taken)
     */
    public static BufferRing register(LioUring ring, int group, int count, int bufferSize) {
        BufferRing br = registerEmpty(ring, group, count, bufferSize);
        for (int id = 0; id < count; id++) {
            br.add(id, bufferSize);
        }
        br.publish();
        return br;
    }

    /**
     * Registers the ring with every buffer still with the application: fill buffers and {@link #provide}
     * them, as send bundles need.
     */
    public static BufferRing registerEmpty(LioUring ring, int group, int count, int bufferSize) {
        Objects.requireNonNull(ring, "ring");
        if (group < 0 || group > 0xFFFF) {
            throw new IllegalArgumentException("group must be between 0 and 65535: " + group);
        }
        if (count < 1 || count > LioUring.MAX_ENTRIES) {
            throw new IllegalArgumentException("count must be between 1 and " + LioUring.MAX_ENTRIES + ": " + count);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        return new BufferRing(ring, group, count, bufferSize);
    }

    /** The buffer group id requests select from. */
    public int group() {
        return group;
    }

    /** Number of buffers. */
    public int count() {
        return count;
    }

    /** Size of each buffer in bytes. */
    public int bufferSize() {
        return bufferSize;
    }

    /** Whether buffer {@code id} is with the kernel (in the ring) rather than with the application. */
    public boolean isWithKernel(int id) {
        return withKernel[requireId(id)];
    }

    /**
     * The whole of buffer {@code id}, to fill before {@link #provide}; only while the application holds it.
     *
     * @throws IllegalStateException if the buffer is with the kernel
     */
    public MemorySegment buffer(int id) {
        requireId(id);
        if (withKernel[id]) {
            throw new IllegalStateException("buffer " + id + " of group " + group + " is with the kernel;"
                    + " take() it from its completion first");
        }
        return slab(id);
    }

    /**
     * Takes the buffer a completion names: the application owns it until {@link #recycle}.
     *
     * @return the buffer id and its first {@code result} bytes
     * @throws IllegalArgumentException if the completion names no buffer
     * @throws IllegalStateException    if that buffer was already taken
     */
    public Buffer take(Completion completion) {
        int id = bufferIdOf(completion);
        int length = Math.min(Math.max(completion.result(), 0), providedLength[id]);
        claim(id);
        return new Buffer(id, slab(id).asSlice(0, length));
    }

    /**
     * Takes every buffer a bundle completion used ({@code IORING_RECVSEND_BUNDLE}): from the buffer it
     * names, consecutive ring entries until {@code result} bytes are covered.
     *
     * @return the buffers in order, each with the bytes of it the completion filled or sent
     */
    public List<Buffer> takeBundle(Completion completion) {
        int first = bufferIdOf(completion);
        int remaining = Math.max(completion.result(), 0);
        List<Buffer> taken = new ArrayList<>();
        int slot = slotOf[first];
        do {
            int id = idAtSlot[slot & mask];
            if (!withKernel[id] || taken.size() == count) {
                throw new IllegalStateException("bundle of " + completion.result() + " bytes from buffer " + first
                        + " runs into buffer " + id + ", which the application already holds");
            }
            int length = Math.min(remaining, providedLength[id]);
            claim(id);
            taken.add(new Buffer(id, slab(id).asSlice(0, length)));
            remaining -= length;
            slot++;
        } while (remaining > 0);
        return taken;
    }

    /** Gives buffer {@code id} back to the kernel, whole. */
    public void recycle(int id) {
        provide(id, bufferSize);
    }

    /** Gives a taken buffer back to the kernel, whole. */
    public void recycle(Buffer buffer) {
        recycle(Objects.requireNonNull(buffer, "buffer").id());
    }

    /**
     * Gives buffer {@code id} to the kernel with its first {@code length} bytes: all of them a receive may
     * fill, or the data a send bundle is to send.
     *
     * @throws IllegalStateException if the kernel already has the buffer (returned twice)
     */
    public void provide(int id, int length) {
        ensureOpen();
        requireId(id);
        if (length < 1 || length > bufferSize) {
            throw new IllegalArgumentException("length must be between 1 and " + bufferSize + ": " + length);
        }
        if (withKernel[id]) {
            throw new IllegalStateException("buffer " + id + " of group " + group
                    + " is already with the kernel: was it returned twice?");
        }
        add(id, length);
        publish();
    }

    private void add(int id, int length) {
        int slot = tail & mask;
        long at = ENTRY_SIZE * slot;
        // addr, len and bid only: the u16 after bid is the ring's tail in entry 0
        entries.set(JAVA_LONG, at, slab(id).address());
        entries.set(JAVA_INT, at + ENTRY_LEN, length);
        entries.set(JAVA_SHORT, at + ENTRY_BID, (short) id);
        withKernel[id] = true;
        providedLength[id] = length;
        slotOf[id] = tail;
        idAtSlot[slot] = id;
        tail++;
    }

    private void publish() {
        SHORT.setRelease(entries, TAIL, (short) tail);
    }

    private void claim(int id) {
        if (!withKernel[id]) {
            throw new IllegalStateException("buffer " + id + " of group " + group
                    + " is already with the application: taken twice?");
        }
        withKernel[id] = false;
    }

    private int bufferIdOf(Completion completion) {
        ensureOpen();
        Objects.requireNonNull(completion, "completion");
        OptionalInt id = completion.bufferId();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("completion names no buffer (no IORING_CQE_F_BUFFER): " + completion);
        }
        return requireId(id.getAsInt());
    }

    private MemorySegment slab(int id) {
        return buffers.asSlice((long) id * bufferSize, bufferSize);
    }

    private int requireId(int id) {
        if (id < 0 || id >= count) {
            throw new IllegalArgumentException("buffer id must be between 0 and " + (count - 1) + ": " + id);
        }
        return id;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("buffer ring of group " + group + " is closed");
        }
    }

    /** Unregisters the group ({@code IORING_UNREGISTER_PBUF_RING}); nothing if the ring is already closed. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ring.isClosed()) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment reg = a.allocate(40, 8);
                reg.set(JAVA_SHORT, 12, (short) group);
                ring.unsafeRegister(UNREGISTER_PBUF_RING, "UNREGISTER_PBUF_RING(group " + group + ")", reg, 1);
            }
        }
    }

    @Override
    public String toString() {
        return "BufferRing[group=" + group + ", " + count + " x " + bufferSize + " bytes" + (closed ? ", closed" : "") + "]";
    }
}
