package io.liouring.nio.file;

import io.liouring.async.FdHandle;
import io.liouring.internal.SlotClaims;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When a virtual thread writes a buffered regular file in a plain {@code pwrite(2)} on its carrier, as the JDK's
 * channel does, rather than parking on the ring: one per device ({@link #ofDevice}), since the kernel throttles
 * writers per backing device and a file system's journal is shared by all its files, so a write that waited says
 * the same of every file there.
 *
 * <p>A buffered write that the page cache takes at once costs a few microseconds. Where the file system can say so
 * without waiting ({@code pwritev2(RWF_NOWAIT)}), the channel asks it first and parks only on {@code EAGAIN}. ext4
 * cannot: it refuses every buffered {@code RWF_NOWAIT} write ({@code EOPNOTSUPP}), and io_uring hands every buffered
 * ext4 write to an io-wq worker, whose completion comes back through the event loop. That round trip made a virtual
 * thread's 4 KiB write five times as slow as the JDK's and nine times its CPU (four thread wake-ups where the JDK has
 * none). So on such a file system a virtual thread writes on its carrier, as the JDK 25 channel does for every
 * write that is neither {@code O_SYNC}/{@code O_DSYNC} nor {@code O_DIRECT} (those wait for the device: they stay on
 * the ring here, where the JDK would add a carrier).
 *
 * <p>A buffered write can still wait: for the writeback of dirty pages ({@code balance_dirty_pages} throttles a
 * writer that outruns the disk), for the journal, for memory. A write that took longer than {@link #WAITED_NANOS}
 * waited; the device's writes from virtual threads then park on the ring for a while, and try the carrier again after
 * that: {@link #FIRST_RING_NANOS} at first, twice as long after each further write that waited on the carrier, up to
 * {@link #LONGEST_RING_NANOS}, and {@link #FIRST_RING_NANOS} again once a write on the carrier did not wait. So an
 * isolated slow call (a preempted vCPU, a long safepoint) costs a tenth of a second of slower writes, and a kernel
 * that keeps throttling the writer holds a carrier ever more rarely, where the JDK's channel holds one through every
 * such wait. The guard learns only when a write ends: writes already under way on other carriers when the kernel
 * starts to throttle wait it out there, as the JDK's would. Writes larger than {@link #MAX_BYTES} always go to the ring, where the round trip is small against the
 * copy, and so do writes beyond {@link #CAPTURES} made on carriers at once.
 */
final class CarrierWrites {
    /** The largest write made on a carrier: copying it into the page cache takes a few hundred microseconds. */
    static final long MAX_BYTES = 1 << 20;
    /**
     * A carrier's write that took longer than this waited: a page-cache copy of {@link #MAX_BYTES} takes about 0.3 ms,
     * a thread that the scheduler preempts mid-call loses a few, while {@code balance_dirty_pages} pauses a throttled
     * writer for 10–200 ms. (A safepoint that holds the thread on its way back from the call counts too, harmlessly.)
     */
    static final long WAITED_NANOS = 20_000_000;
    /** How long the device's writes park on the ring after a write on the carrier waited, the first time. */
    static final long FIRST_RING_NANOS = 100_000_000;
    /** The longest they park, after several writes that waited on the carrier in a row. */
    static final long LONGEST_RING_NANOS = 3_200_000_000L;

    /**
     * How many writes may be made on carriers at once, each with an errno capture of its own: as many as carriers
     * usually run (one per CPU), while a machine with more CPUs sends the writes beyond them to the ring. Not the
     * {@link CallSlots}: those are for calls that never wait, and a write on the carrier may wait for as long as the
     * kernel throttles it (for a hung network file system, without end), so that writes holding every one of them
     * would stall every other direct call (opens, {@code statx}, the page-cache attempts) of the process.
     */
    static final int CAPTURES = 64;
    /** Bytes between two captures: a cache line each, so that carriers writing at once do not share one. */
    private static final long CAPTURE_STRIDE = 64;
    /** Which captures are held (package-private for the test that holds them all). */
    static final SlotClaims CLAIMS = new SlotClaims(CAPTURES);
    /** The captures, {@link #CAPTURE_STRIDE} bytes apart. */
    private static final MemorySegment ERRNO_STATES =
            Arena.global().allocate(CAPTURES * CAPTURE_STRIDE, CAPTURE_STRIDE);

    /** The guard of each device a carrier write has been made to, by its number ({@link #deviceNumber}). */
    private static final ConcurrentHashMap<Long, CarrierWrites> BY_DEVICE = new ConcurrentHashMap<>();

    /** The monotonic clock, in nanoseconds. */
    private final LongSupplier clock;
    /** Until when (a {@link #clock} reading) the device's writes from virtual threads go to the ring. */
    private volatile long ringUntil;
    /** How long they went to the ring the last time. */
    private volatile long ringNanos = FIRST_RING_NANOS;
    /** How long they go to the ring after the next write on the carrier that waits. */
    private volatile long nextRingNanos = FIRST_RING_NANOS;

    /** For a device no write has waited on yet: its writes may use the carrier at once. */
    private CarrierWrites() {
        this(System::nanoTime);
    }

    /** With another clock, for tests. */
    CarrierWrites(LongSupplier clock) {
        this.clock = clock;
        this.ringUntil = clock.getAsLong();
    }

    /**
     * The guard of the device {@code major:minor} ({@code stx_dev_major}, {@code stx_dev_minor}), the same for every
     * file on it, made on the first call: at most one per device the JVM writes to.
     */
    static CarrierWrites ofDevice(int major, int minor) {
        return BY_DEVICE.computeIfAbsent(deviceNumber(major, minor), d -> new CarrierWrites());
    }

    /** One number for a device's major and minor numbers. */
    private static long deviceNumber(int major, int minor) {
        return ((long) major << 32) | Integer.toUnsignedLong(minor);
    }

    /** Whether a write of {@code bytes} may be made on the carrier now. */
    boolean allow(long bytes) {
        return bytes <= MAX_BYTES && clock.getAsLong() - ringUntil >= 0;
    }

    /**
     * {@code pwrite(fd, source, size, position)} (-1: {@code write} at the file position), holding a reference to the
     * descriptor, and notes whether it waited ({@link #noteTime}).
     *
     * @return bytes written, {@code -errno}, or {@link RingFile#NOT_TRIED} if {@link #CAPTURES} writes are already
     *         being made on carriers (the write then goes to the ring)
     * @throws ClosedChannelException if the file is being closed
     */
    long write(FdHandle handle, MemorySegment source, long position) throws ClosedChannelException {
        Linked.ensure();
        int slot = CLAIMS.tryClaim();
        if (slot < 0) {
            return RingFile.NOT_TRIED;
        }
        try {
            MemorySegment errno = ERRNO_STATES.asSlice(slot * CAPTURE_STRIDE, NativeCalls.ERRNO_STATE_SIZE);
            long start = clock.getAsLong();
            long result = handle.withDescriptor(fd -> NativeCalls.pwrite(errno, fd, source, position));
            noteTime(start, clock.getAsLong());
            return result;
        } finally {
            CLAIMS.release(slot);
        }
    }

    /**
     * The downcalls of a carrier's write ({@code pwrite}, and {@code write} for an append), linked and made once on
     * no descriptor (-1: {@code EBADF}) before any write on a carrier is timed. The first call through a downcall
     * handle links it, which takes milliseconds, tens of them on a busy machine: timed, it would pass for a wait
     * for writeback, and the first file written would park on the ring for {@link #FIRST_RING_NANOS} for nothing.
     */
    private static final class Linked {
        static {
            MemorySegment errno = Arena.ofAuto().allocate(NativeCalls.ERRNO_STATE_SIZE, 8);
            NativeCalls.pwrite(errno, -1, MemorySegment.NULL, 0);
            NativeCalls.pwrite(errno, -1, MemorySegment.NULL, -1);
        }

        /** Runs the static initialiser once; nothing after that. */
        static void ensure() {
        }
    }

    /**
     * Records a carrier's write that ran from {@code start} to {@code end}: if it waited, the device's writes go to the
     * ring for the next while. A write that began before the ring time in force was set was caught in the same wait
     * as the write that set it (several carriers in one journal commit, say): it keeps the ring time at least until
     * its own end plus that time, and does not make the next one longer. Concurrent writers may overwrite each
     * other's notes: any of them is right.
     */
    void noteTime(long start, long end) {
        if (end - start > WAITED_NANOS) {
            long until = ringUntil;
            if (start - until < 0) {
                long later = end + ringNanos;
                if (later - until > 0) {
                    ringUntil = later;
                }
                return;
            }
            long ring = nextRingNanos;
            ringNanos = ring;
            ringUntil = end + ring;
            nextRingNanos = Math.min(2 * ring, LONGEST_RING_NANOS);
        } else if (nextRingNanos != FIRST_RING_NANOS) {
            nextRingNanos = FIRST_RING_NANOS;
        }
    }
}
