package io.liouring.buffer;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.RegisterOp;
import io.liouring.UringException;
import io.liouring.internal.Libc;
import io.liouring.internal.RingInternals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A ring of provided buffers ({@code IORING_REGISTER_PBUF_RING}, Linux 5.19; {@code io_uring_setup_buf_ring(3)},
 * {@code io_uring_buf_ring_add(3)}): {@code count} buffers of {@code bufferSize} bytes in buffer group
 * {@code group}, from which requests pushed with {@code BUFFER_SELECT} (receives, reads, send bundles) take
 * a buffer when they need one. The completion names the buffer ({@link Completion#bufferId()}).
 *
 * <p><b>Ownership.</b> A buffer is either with the kernel (in the ring, or being filled by a request) or with the
 * application. {@link #take} hands the buffer a completion names to the application; {@link #recycle} (or
 * {@link #provide}) gives it back. A buffer is never handed out twice: taking one the application already holds,
 * or giving back one the kernel already has, is an {@link IllegalStateException}.
 *
 * <p><b>Incremental consumption</b> ({@link Option#INCREMENTAL}, {@code IOU_PBUF_RING_INC}, 6.12). The kernel
 * fills a buffer piece by piece: each completion uses the next bytes of the same buffer, and carries
 * {@link Completion#F_BUF_MORE} while the kernel keeps the buffer for more. {@link #take} then returns the slice
 * of that buffer the completion filled (its {@link Buffer#offset()} counts the bytes of earlier completions) and
 * leaves the buffer with the kernel ({@link Buffer#owned()} is false); the slice stays valid and untouched until
 * the buffer is recycled. The completion without {@code F_BUF_MORE} hands the whole buffer over; only then can it
 * be recycled. Each completion must be taken once, in the order the kernel posted them.
 *
 * <p><b>Kernel-mapped rings</b> ({@link Option#KERNEL_MAPPED}, {@code IOU_PBUF_RING_MMAP}, 6.4). The kernel
 * allocates the ring of entries, which is mapped from the ring fd ({@code IORING_OFF_PBUF_RING}) and unmapped on
 * close. The buffers themselves are the application's in both kinds.
 *
 * <p><b>Closing.</b> {@link #close()} unregisters the group at once: no request can select from it any more (a
 * pending receive then fails with {@code ENOBUFS} and writes nothing). A request that had already selected a
 * buffer may still fill it, and its completion still names it: {@link #take} keeps working after close (only
 * giving buffers back does not). Memory the kernel may write into is never freed under it: the {@link LioUring}
 * keeps this object, and so its buffers, reachable ({@code RingInternals.addDependent}) while the group is registered
 * and, after close, for as long as any buffer is still with the kernel, even if the application drops every
 * reference; segments handed out keep the buffers valid as well. Closing the {@code LioUring} closes its buffer
 * rings (the kernel then cancels what was in flight; a read already filling a buffer may finish shortly after,
 * so drop the buffers of a closed ring only once its requests are done, as with any request's memory).
 *
 * <p>Single-threaded, like the ring it is registered with.
 */
public final class BufferRing implements AutoCloseable {
    private static final int EEXIST = 17;
    private static final int PBUF_RING_MMAP = 1;
    private static final int PBUF_RING_INC = 2;
    private static final long OFF_PBUF_RING = 0x80000000L;
    private static final int OFF_PBUF_SHIFT = 16;
    private static final long REG_SIZE = 40;
    private static final long REG_ENTRIES = 8;
    private static final long REG_BGID = 12;
    private static final long REG_FLAGS = 14;
    private static final long STATUS_HEAD = 4;
    private static final long ENTRY_SIZE = 16;
    private static final long ENTRY_LEN = 8;
    private static final long ENTRY_BID = 12;
    private static final long TAIL = 14;
    private static final long PAGE = 4096;
    private static final VarHandle SHORT = JAVA_SHORT.varHandle();

    /** How the kernel treats the ring. */
    public enum Option {
        /** {@code IOU_PBUF_RING_INC} (6.12): buffers are consumed piece by piece, see {@link BufferRing}. */
        INCREMENTAL,
        /** {@code IOU_PBUF_RING_MMAP} (6.4): the kernel allocates the ring of entries and the ring maps it. */
        KERNEL_MAPPED
    }

    /**
     * Bytes of a buffer a completion filled (or sent): {@code data} is buffer {@code id} from {@code offset}.
     *
     * @param id     the buffer id
     * @param offset where {@code data} starts in the buffer: 0, except for the later pieces of an incrementally
     *               consumed buffer
     * @param data   the bytes the completion used
     * @param owned  whether the application now holds the whole buffer (and gives it back with {@link #recycle});
     *               false only for a piece of an incrementally consumed buffer the kernel goes on filling
     */
    public record Buffer(int id, int offset, MemorySegment data, boolean owned) {
    }

    private final LioUring ring;
    private final int group;
    private final int count;
    private final int bufferSize;
    private final Set<Option> options;
    private final int mask;
    private final Arena mapping;
    private final MemorySegment entries;
    private final MemorySegment buffers;
    private final boolean[] withKernel;
    private final int[] providedLength;
    private final int[] consumed;
    private final int[] slotOf;
    private final int[] idAtSlot;
    private int withKernelCount;
    private int tail;
    private boolean closed;

    private BufferRing(LioUring ring, int group, int count, int bufferSize, Set<Option> options) {
        this.ring = ring;
        this.group = group;
        this.count = count;
        this.bufferSize = bufferSize;
        this.options = options;
        int ringEntries = Integer.highestOneBit(count) == count ? count : Integer.highestOneBit(count) << 1;
        this.mask = ringEntries - 1;
        Arena memory = Arena.ofAuto();
        this.buffers = memory.allocate((long) count * bufferSize, 64);
        this.withKernel = new boolean[count];
        this.providedLength = new int[count];
        this.consumed = new int[count];
        this.slotOf = new int[count];
        this.idAtSlot = new int[ringEntries];
        boolean kernelMapped = options.contains(Option.KERNEL_MAPPED);
        MemorySegment userEntries = kernelMapped ? null : memory.allocate(ENTRY_SIZE * ringEntries, PAGE);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(REG_SIZE, 8);
            reg.set(JAVA_LONG, 0, kernelMapped ? 0 : userEntries.address());
            reg.set(JAVA_INT, REG_ENTRIES, ringEntries);
            reg.set(JAVA_SHORT, REG_BGID, (short) group);
            reg.set(JAVA_SHORT, REG_FLAGS, (short) ((kernelMapped ? PBUF_RING_MMAP : 0)
                    | (options.contains(Option.INCREMENTAL) ? PBUF_RING_INC : 0)));
            register(RegisterOp.REGISTER_PBUF_RING, reg);
        } catch (UringException e) {
            throw e.errnoNumber() != 22 || options.isEmpty() ? e : new UringException(e.call(), e.errnoNumber(),
                    "this kernel refused the ring options " + options + " (INCREMENTAL needs Linux 6.12,"
                            + " KERNEL_MAPPED 6.4)");
        }
        if (kernelMapped) {
            this.mapping = Arena.ofShared();
            this.entries = map(ringEntries);
        } else {
            this.mapping = null;
            this.entries = userEntries;
        }
        RingInternals.of().addDependent(ring, this);
    }

    private MemorySegment map(int ringEntries) {
        long size = ENTRY_SIZE * ringEntries;
        long address = Libc.mmap(Libc.newErrnoState(mapping), size, Libc.PROT_READ | Libc.PROT_WRITE,
                Libc.MAP_SHARED | Libc.MAP_POPULATE, ring.fd(), OFF_PBUF_RING | ((long) group << OFF_PBUF_SHIFT));
        if (address < 0) {
            mapping.close();
            unregister();
            throw new UringException("mmap(io_uring, IORING_OFF_PBUF_RING, group " + group + ")", (int) -address);
        }
        return MemorySegment.ofAddress(address).reinterpret(size, mapping, Libc::unmap);
    }

    /**
     * Registers a ring of {@code count} buffers of {@code bufferSize} bytes as group {@code group} and
     * hands them all to the kernel: ready for receives.
     *
     * @param ring the ring to register with ({@code IORING_REGISTER_PBUF_RING}, 5.19); the buffer ring is, like it,
     *             used from one thread
     * @param group the buffer group id requests select from ({@code buf_group}), 0 to 65535
     * @param count 1 to 32768 buffers (the ring's size is the next power of two)
     * @param bufferSize bytes of each buffer, at least 1
     * @param options {@link Option#INCREMENTAL}, {@link Option#KERNEL_MAPPED}, or none
     * @return the registered ring, every buffer with the kernel
     * @throws io.liouring.UringException if the kernel refuses (EEXIST: the group is taken; EINVAL: an option
     *                                    this kernel lacks)
     */
    public static BufferRing register(LioUring ring, int group, int count, int bufferSize, Option... options) {
        BufferRing br = registerEmpty(ring, group, count, bufferSize, options);
        for (int id = 0; id < count; id++) {
            br.add(id, bufferSize);
        }
        br.publish();
        return br;
    }

    /**
     * Registers the ring with every buffer still with the application: fill buffers and {@link #provide}
     * them, as send bundles need.
     *
     * @param ring the ring to register with ({@code IORING_REGISTER_PBUF_RING}, 5.19); the buffer ring is, like it,
     *             used from one thread
     * @param group the buffer group id requests select from ({@code buf_group}), 0 to 65535
     * @param count 1 to 32768 buffers (the ring's size is the next power of two)
     * @param bufferSize bytes of each buffer, at least 1
     * @param options {@link Option#INCREMENTAL}, {@link Option#KERNEL_MAPPED}, or none
     * @return the registered ring, every buffer with the application
     * @throws io.liouring.UringException if the kernel refuses (EEXIST: the group is taken; EINVAL: an option this
     * kernel lacks)
     */
    public static BufferRing registerEmpty(LioUring ring, int group, int count, int bufferSize, Option... options) {
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
        if ((long) count * bufferSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count * bufferSize must stay below 2 GiB: " + count + " x " + bufferSize);
        }
        Objects.requireNonNull(options, "options");
        Set<Option> set = EnumSet.noneOf(Option.class);
        for (Option o : options) {
            set.add(Objects.requireNonNull(o, "options must not contain null"));
        }
        return new BufferRing(ring, group, count, bufferSize, set);
    }

    /** {@return the buffer group id requests select from} */
    public int group() {
        return group;
    }

    /** {@return the number of buffers} */
    public int count() {
        return count;
    }

    /** {@return size of each buffer in bytes} */
    public int bufferSize() {
        return bufferSize;
    }

    /** {@return whether the kernel consumes buffers incrementally ({@link Option#INCREMENTAL})} */
    public boolean isIncremental() {
        return options.contains(Option.INCREMENTAL);
    }

    /** {@return whether the kernel allocated the ring of entries ({@link Option#KERNEL_MAPPED})} */
    public boolean isKernelMapped() {
        return options.contains(Option.KERNEL_MAPPED);
    }

    /**
     * {@return whether buffer {@code id} is with the kernel (in the ring, or being filled) rather than with the
     * application}
     *
     * @param id the buffer id, 0 to {@code count - 1}
     */
    public boolean isWithKernel(int id) {
        return withKernel[requireId(id)];
    }

    /**
     * {@return the kernel's head of the ring ({@code IORING_REGISTER_PBUF_STATUS}, 6.8): how many ring entries it has
     * consumed, modulo 65536} An incrementally consumed buffer counts once the kernel is done with it.
     *
     * @throws io.liouring.UringException with EINVAL on kernels before 6.8
     */
    public int kernelHead() {
        ensureOpen();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment status = a.allocate(REG_SIZE, 8);
            status.set(JAVA_INT, 0, group);
            register(RegisterOp.REGISTER_PBUF_STATUS, status);
            return status.get(JAVA_INT, STATUS_HEAD) & 0xFFFF;
        }
    }

    /**
     * {@return how many provided buffers the kernel has not consumed yet, by {@link #kernelHead()} (as {@code
     * io_uring_buf_ring_available(3)}); 0 means the next request that selects a buffer fails with {@code ENOBUFS}}
     */
    public int available() {
        return (tail - kernelHead()) & 0xFFFF;
    }

    /**
     * {@return the whole of buffer {@code id}, to fill before {@link #provide}; only while the application holds it}
     *
     * @param id the buffer id, 0 to {@code count - 1}
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
     * Takes the buffer a completion names: the bytes it filled (or sent), and, unless the kernel goes on filling an
     * incrementally consumed buffer, the buffer itself, which the application then owns until {@link #recycle}.
     * Works after {@link #close()} too, for requests that had selected a buffer before.
     *
     * @param completion a completion flagged {@code IORING_CQE_F_BUFFER} by a request that selected from this group
     * @return the buffer id, where the bytes start in it, the bytes themselves and whether the application now owns it
     * @throws IllegalArgumentException if the completion names no buffer
     * @throws IllegalStateException    if that buffer is already with the application (taken twice)
     */
    public Buffer take(Completion completion) {
        int id = bufferIdOf(completion);
        requireWithKernel(id, completion);
        int offset = consumed[id];
        int length = Math.min(Math.max(completion.result(), 0), providedLength[id] - offset);
        boolean done = !isIncremental() || (completion.flags() & Completion.F_BUF_MORE) == 0;
        if (isIncremental()) {
            consumed[id] += length;
        }
        if (done) {
            claim(id);
        }
        return new Buffer(id, offset, slab(id).asSlice(offset, length), done);
    }

    /**
     * Takes every buffer a bundle completion used ({@code IORING_RECVSEND_BUNDLE}): from the buffer it names,
     * consecutive ring entries until {@code result} bytes are covered. On an incremental ring the first may continue
     * a partly filled buffer and the last may stay with the kernel ({@code F_BUF_MORE}). A bundle that moved no
     * bytes (a result of 0 or less) used no buffer: the list is empty.
     *
     * @param completion a bundle completion flagged {@code IORING_CQE_F_BUFFER} by a request on this group
     * @return the buffers in order, each with the bytes of it the completion filled or sent
     */
    public List<Buffer> takeBundle(Completion completion) {
        int first = bufferIdOf(completion);
        int remaining = completion.result();
        List<Buffer> taken = new ArrayList<>();
        boolean bufMore = isIncremental() && (completion.flags() & Completion.F_BUF_MORE) != 0;
        int slot = slotOf[first];
        while (remaining > 0) {
            int id = idAtSlot[slot & mask];
            if (!withKernel[id] || taken.size() == count) {
                throw new IllegalStateException("bundle of " + completion.result() + " bytes from buffer " + first
                        + " runs into buffer " + id + ", which the application already holds");
            }
            int offset = consumed[id];
            int length = Math.min(remaining, providedLength[id] - offset);
            remaining -= length;
            boolean done = remaining > 0 || !bufMore;
            if (isIncremental()) {
                consumed[id] += length;
            }
            if (done) {
                claim(id);
            }
            taken.add(new Buffer(id, offset, slab(id).asSlice(offset, length), done));
            slot++;
        }
        return taken;
    }

    /**
     * Gives buffer {@code id} back to the kernel, whole.
     *
     * @param id the buffer id, 0 to {@code count - 1}; the application must hold it
     */
    public void recycle(int id) {
        provide(id, bufferSize);
    }

    /**
     * Gives a taken buffer back to the kernel, whole.
     *
     * @param buffer a buffer {@link #take} or {@link #takeBundle} handed out
     * @throws IllegalStateException if {@code buffer} is a piece the kernel goes on filling ({@link Buffer#owned()}
     *                               is false), or the buffer was already given back
     */
    public void recycle(Buffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (!buffer.owned()) {
            throw new IllegalStateException(stillFilling(buffer.id()));
        }
        recycle(buffer.id());
    }

    /**
     * Gives buffer {@code id} to the kernel with its first {@code length} bytes: all of them a receive may
     * fill, or the data a send bundle is to send.
     *
     * @param id the buffer id, 0 to {@code count - 1}; the application must hold it
     * @param length bytes of the buffer the kernel may use, 1 to the buffer size
     * @throws IllegalStateException if the kernel already has the buffer (returned twice, or on an incremental ring
     *                               still being filled), or the ring is closed
     */
    public void provide(int id, int length) {
        ensureOpen();
        requireId(id);
        if (length < 1 || length > bufferSize) {
            throw new IllegalArgumentException("length must be between 1 and " + bufferSize + ": " + length);
        }
        if (withKernel[id]) {
            throw new IllegalStateException(consumed[id] > 0 ? stillFilling(id) : "buffer " + id + " of group "
                    + group + " is already with the kernel: was it returned twice?");
        }
        add(id, length);
        publish();
    }

    private String stillFilling(int id) {
        return "the kernel is still filling buffer " + id + " of group " + group + " (its last completion had"
                + " IORING_CQE_F_BUF_MORE): give it back after the completion without that flag";
    }

    private void add(int id, int length) {
        int slot = tail & mask;
        long at = ENTRY_SIZE * slot;
        // addr, len and bid only: the u16 after bid is the ring's tail in entry 0
        entries.set(JAVA_LONG, at, slab(id).address());
        entries.set(JAVA_INT, at + ENTRY_LEN, length);
        entries.set(JAVA_SHORT, at + ENTRY_BID, (short) id);
        withKernel[id] = true;
        withKernelCount++;
        providedLength[id] = length;
        consumed[id] = 0;
        slotOf[id] = tail;
        idAtSlot[slot] = id;
        tail++;
    }

    private void publish() {
        SHORT.setRelease(entries, TAIL, (short) tail);
    }

    private void requireWithKernel(int id, Completion completion) {
        if (!withKernel[id]) {
            throw new IllegalStateException("buffer " + id + " of group " + group + " is already with the application:"
                    + " taken twice? (" + completion + ")");
        }
    }

    private void claim(int id) {
        withKernel[id] = false;
        withKernelCount--;
        if (closed && withKernelCount == 0 && !ring.isClosed()) {
            RingInternals.of().removeDependent(ring, this); // the kernel has nothing of ours left to write into
        }
    }

    private int bufferIdOf(Completion completion) {
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

    private void register(RegisterOp op, MemorySegment arg) {
        RingInternals.of().register(ring, op, op.name() + "(group " + group + ")", arg, 1);
    }

    private void unregister() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(REG_SIZE, 8);
            reg.set(JAVA_SHORT, REG_BGID, (short) group);
            register(RegisterOp.UNREGISTER_PBUF_RING, reg);
        }
    }

    /**
     * Unregisters the group ({@code IORING_UNREGISTER_PBUF_RING}; nothing to do if the ring is already closed) and
     * unmaps a kernel-mapped ring. If buffers are still with the kernel, the ring keeps this object, and so their
     * memory, reachable until they are all taken or the ring closes (see {@link BufferRing}). Idempotent. Like
     * every use of a buffer ring, it belongs on the thread that submits to the ring.
     *
     * @throws IllegalStateException on a thread other than a {@code SINGLE_ISSUER} ring's submitter (the kernel
     *                               refuses the unregistration there with EEXIST); the group stays registered and
     *                               open, to be closed on the right thread
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!ring.isClosed()) {
            try {
                unregister();
            } catch (UringException e) {
                if (e.errnoNumber() == EEXIST) { // still registered: close can be called again, on the right thread
                    throw new IllegalStateException("buffer ring group " + group + " cannot be closed on this thread:"
                            + " its ring is SINGLE_ISSUER and only its submitting thread may unregister; close it"
                            + " there (for an event loop's ring: loop.runOnLoop(ring -> { buffers.close(); return"
                            + " null; }))", e);
                }
                throw e;
            }
        }
        closed = true;
        try {
            if (!ring.isClosed() && withKernelCount == 0) {
                RingInternals.of().removeDependent(ring, this);
            }
        } finally {
            if (mapping != null) {
                mapping.close();
            }
        }
    }

    @Override
    public String toString() {
        return "BufferRing[group=" + group + ", " + count + " x " + bufferSize + " bytes"
                + (options.isEmpty() ? "" : ", " + options) + (closed ? ", closed" : "") + "]";
    }
}
