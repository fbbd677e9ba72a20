package io.liouring;

import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The {@code io_uring_register(2)} calls for the ring's resources, kept apart from its submission and completion
 * paths: each method encodes the kernel's struct, makes the call and keeps the Java side in step (the registered
 * buffers stay reachable while the kernel has them pinned). Argument checks happen here, before the kernel sees
 * anything.
 */
final class Registrar {
    static final int RSRC_REGISTER_SPARSE = 1;
    private static final int RSRC_REGISTER_SIZE = 32;
    private static final int RSRC_UPDATE2_SIZE = 32;
    private static final int CLONE_DST_REPLACE = 2;
    /** {@code IORING_REGISTER_SRC_REGISTERED}: {@code src_fd} is the caller's registered index of the source ring. */
    private static final int CLONE_SRC_REGISTERED = 1;
    private static final MemorySegment[] NO_BUFFERS = {};

    private final LioUring ring;
    /** Mirror of the kernel's buffer table: the segment of each slot, {@code null} where a slot is empty. */
    private MemorySegment[] buffers = NO_BUFFERS;

    Registrar(LioUring ring) {
        this.ring = ring;
    }

    // ---------------------------------------------------------------- buffers

    int registerBuffers(MemorySegment... buffers) {
        Objects.requireNonNull(buffers, "buffers");
        requireNotEmpty(buffers.length, "buffers");
        try (Arena arena = Arena.ofConfined()) {
            int r = ring.register(RegisterOp.REGISTER_BUFFERS, iovecs(arena, buffers), buffers.length);
            this.buffers = mirror(buffers);
            return r;
        }
    }

    void registerBuffers(MemorySegment[] buffers, long[] tags) {
        Objects.requireNonNull(buffers, "buffers");
        requireNotEmpty(buffers.length, "buffers");
        requireTags(tags, buffers.length, "buffers");
        requireNoTagOnEmpty(buffers, tags);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = rsrcRegister(arena, buffers.length, 0, iovecs(arena, buffers).address(),
                    arena.allocateFrom(JAVA_LONG, tags).address());
            ring.register(RegisterOp.REGISTER_BUFFERS2, reg, RSRC_REGISTER_SIZE);
            this.buffers = mirror(buffers);
        }
    }

    void registerBuffersSparse(int count) {
        requirePositive(count, "count");
        try (Arena arena = Arena.ofConfined()) {
            ring.register(RegisterOp.REGISTER_BUFFERS2, rsrcRegister(arena, count, RSRC_REGISTER_SPARSE, 0, 0),
                    RSRC_REGISTER_SIZE);
            this.buffers = new MemorySegment[count];
        }
    }

    int updateBuffers(int offset, MemorySegment[] buffers, long[] tags) {
        Objects.requireNonNull(buffers, "buffers");
        Checks.requireNonNegative(offset, "offset");
        requireNotEmpty(buffers.length, "buffers");
        if (tags != null) {
            requireTags(tags, buffers.length, "buffers");
            requireNoTagOnEmpty(buffers, tags);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment up = rsrcUpdate2(arena, offset, iovecs(arena, buffers).address(),
                    tags == null ? 0 : arena.allocateFrom(JAVA_LONG, tags).address(), buffers.length);
            int done = ring.register(RegisterOp.REGISTER_BUFFERS_UPDATE, up, RSRC_UPDATE2_SIZE);
            for (int i = 0; i < done; i++) {
                this.buffers[offset + i] = buffers[i].byteSize() == 0 ? null : buffers[i];
            }
            return done;
        }
    }

    void cloneBuffers(LioUring source, int srcOffset, int dstOffset, int count, boolean replace) {
        Objects.requireNonNull(source, "source");
        Checks.requireNonNegative(srcOffset, "srcOffset");
        Checks.requireNonNegative(dstOffset, "dstOffset");
        Checks.requireNonNegative(count, "count");
        if (count == 0 && (srcOffset != 0 || dstOffset != 0)) {
            throw new IllegalArgumentException("offsets need a count (0 clones the whole table from offset 0)");
        }
        if (source == ring) {
            throw new IllegalArgumentException("source must be another ring");
        }
        MemorySegment[] from = source.registrar().buffers;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(32, 8);
            int registeredSource = source.registeredIndexOfCurrentThread();
            arg.set(JAVA_INT, 0, registeredSource >= 0 ? registeredSource : source.fd());
            arg.set(JAVA_INT, 4, (replace ? CLONE_DST_REPLACE : 0) | (registeredSource >= 0 ? CLONE_SRC_REGISTERED : 0));
            arg.set(JAVA_INT, 8, srcOffset);
            arg.set(JAVA_INT, 12, dstOffset);
            arg.set(JAVA_INT, 16, count);
            ring.register(RegisterOp.REGISTER_CLONE_BUFFERS, arg, 1);
        }
        int n = count == 0 ? from.length : count;
        MemorySegment[] table = Arrays.copyOf(replace ? buffers : NO_BUFFERS, Math.max(dstOffset + n, replace ? buffers.length : 0));
        System.arraycopy(from, srcOffset, table, dstOffset, n);
        this.buffers = table;
    }

    void unregisterBuffers() {
        ring.register(RegisterOp.UNREGISTER_BUFFERS, MemorySegment.NULL, 0);
        buffers = NO_BUFFERS;
    }

    MemorySegment registeredBuffer(int index) {
        if (index < 0 || index >= buffers.length) {
            throw new IllegalArgumentException("bufferIndex " + index + " is not registered (" + buffers.length
                    + " buffer slots are)");
        }
        MemorySegment b = buffers[index];
        if (b == null) {
            throw new IllegalArgumentException("buffer slot " + index + " is empty");
        }
        return b;
    }

    int bufferSlots() {
        return buffers.length;
    }

    private static MemorySegment iovecs(Arena arena, MemorySegment[] buffers) {
        MemorySegment iovecs = arena.allocate(16L * buffers.length, 8);
        for (int i = 0; i < buffers.length; i++) {
            MemorySegment b = Checks.requireNative(buffers[i], "buffers[" + i + "]");
            iovecs.set(JAVA_LONG, 16L * i, b.address());
            iovecs.set(JAVA_LONG, 16L * i + 8, b.byteSize());
        }
        return iovecs;
    }

    private static MemorySegment[] mirror(MemorySegment[] buffers) {
        MemorySegment[] table = new MemorySegment[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            table[i] = buffers[i].byteSize() == 0 ? null : buffers[i];
        }
        return table;
    }

    private static void requireNoTagOnEmpty(MemorySegment[] buffers, long[] tags) {
        for (int i = 0; i < buffers.length; i++) {
            Objects.requireNonNull(buffers[i], "buffers[" + i + "]");
            if (buffers[i].byteSize() == 0 && tags[i] != 0) {
                throw new IllegalArgumentException("tags[" + i + "] is set but buffers[" + i
                        + "] is empty: only a registered buffer can carry a tag");
            }
        }
    }

    // ---------------------------------------------------------------- files

    void registerFiles(int... fds) {
        Objects.requireNonNull(fds, "fds");
        if (fds.length == 0) {
            throw new IllegalArgumentException("fds must not be empty (use registerFilesSparse for empty slots)");
        }
        try (Arena arena = Arena.ofConfined()) {
            ring.register(RegisterOp.REGISTER_FILES, arena.allocateFrom(JAVA_INT, fds), fds.length);
        }
    }

    void registerFiles(int[] fds, long[] tags) {
        Objects.requireNonNull(fds, "fds");
        requireNotEmpty(fds.length, "fds");
        requireTags(tags, fds.length, "fds");
        requireNoTagOnEmpty(fds, tags);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = rsrcRegister(arena, fds.length, 0, arena.allocateFrom(JAVA_INT, fds).address(),
                    arena.allocateFrom(JAVA_LONG, tags).address());
            ring.register(RegisterOp.REGISTER_FILES2, reg, RSRC_REGISTER_SIZE);
        }
    }

    void registerFilesSparse(int count) {
        requirePositive(count, "count");
        try (Arena arena = Arena.ofConfined()) {
            ring.register(RegisterOp.REGISTER_FILES2, rsrcRegister(arena, count, RSRC_REGISTER_SPARSE, 0, 0),
                    RSRC_REGISTER_SIZE);
        }
    }

    int updateFiles(int offset, int... fds) {
        Objects.requireNonNull(fds, "fds");
        Checks.requireNonNegative(offset, "offset");
        requireNotEmpty(fds.length, "fds");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment update = arena.allocate(16, 8);
            update.set(JAVA_INT, 0, offset);
            update.set(JAVA_LONG, 8, arena.allocateFrom(JAVA_INT, fds).address());
            return ring.register(RegisterOp.REGISTER_FILES_UPDATE, update, fds.length);
        }
    }

    int updateFiles(int offset, int[] fds, long[] tags) {
        Objects.requireNonNull(fds, "fds");
        Checks.requireNonNegative(offset, "offset");
        requireNotEmpty(fds.length, "fds");
        requireTags(tags, fds.length, "fds");
        requireNoTagOnEmpty(fds, tags);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment up = rsrcUpdate2(arena, offset, arena.allocateFrom(JAVA_INT, fds).address(),
                    arena.allocateFrom(JAVA_LONG, tags).address(), fds.length);
            return ring.register(RegisterOp.REGISTER_FILES_UPDATE2, up, RSRC_UPDATE2_SIZE);
        }
    }

    void fileAllocRange(int offset, int length) {
        Checks.requireNonNegative(offset, "offset");
        Checks.requireNonNegative(length, "length");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment range = arena.allocate(16, 8);
            range.set(JAVA_INT, 0, offset);
            range.set(JAVA_INT, 4, length);
            ring.register(RegisterOp.REGISTER_FILE_ALLOC_RANGE, range, 0);
        }
    }

    void unregisterFiles() {
        ring.register(RegisterOp.UNREGISTER_FILES, MemorySegment.NULL, 0);
    }

    private static void requireNoTagOnEmpty(int[] fds, long[] tags) {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] == -1 && tags[i] != 0) {
                throw new IllegalArgumentException("tags[" + i + "] is set but fds[" + i
                        + "] is -1: only a registered file can carry a tag");
            }
        }
    }

    // ---------------------------------------------------------------- eventfd, personalities, restrictions

    void registerEventFd(int eventFd, boolean asyncOnly) {
        Checks.requireNonNegative(eventFd, "eventFd");
        try (Arena arena = Arena.ofConfined()) {
            ring.register(asyncOnly ? RegisterOp.REGISTER_EVENTFD_ASYNC : RegisterOp.REGISTER_EVENTFD,
                    arena.allocateFrom(JAVA_INT, eventFd), 1);
        }
    }

    void unregisterEventFd() {
        ring.register(RegisterOp.UNREGISTER_EVENTFD, MemorySegment.NULL, 0);
    }

    int registerPersonality() {
        return ring.register(RegisterOp.REGISTER_PERSONALITY, MemorySegment.NULL, 0);
    }

    void unregisterPersonality(int id) {
        requirePersonality(id);
        ring.register(RegisterOp.UNREGISTER_PERSONALITY, MemorySegment.NULL, id);
    }

    static int requirePersonality(int id) {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("personality must be an id from registerPersonality (0..65535): " + id);
        }
        return id;
    }

    void registerRestrictions(Restrictions restrictions) {
        Objects.requireNonNull(restrictions, "restrictions");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate((long) Restrictions.SIZE * restrictions.count(), 8);
            restrictions.encode(array);
            try {
                ring.register(RegisterOp.REGISTER_RESTRICTIONS, array, restrictions.count());
            } catch (UringException e) {
                throw withHint(e, switch (e.errnoNumber()) {
                    case 77 -> "restrictions need a ring created with Params.builder().rDisabled(), before enable()";
                    case 16 -> "this ring already has restrictions: a ring takes them once";
                    default -> null;
                });
            }
        }
    }

    void enable() {
        try {
            ring.register(RegisterOp.REGISTER_ENABLE_RINGS, MemorySegment.NULL, 0);
        } catch (UringException e) {
            throw withHint(e, e.errnoNumber() == 77 ? "the ring is not disabled: only a ring created with"
                    + " Params.builder().rDisabled() is enabled, once" : null);
        }
    }

    // ---------------------------------------------------------------- io-wq, cancel, NAPI, clock

    IoWorkerLimits ioWorkerLimits(IoWorkerLimits limits) {
        Objects.requireNonNull(limits, "limits");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counts = arena.allocateFrom(JAVA_INT, limits.bounded(), limits.unbounded());
            ring.register(RegisterOp.REGISTER_IOWQ_MAX_WORKERS, counts, 2);
            return new IoWorkerLimits(counts.get(JAVA_INT, 0), counts.get(JAVA_INT, 4));
        }
    }

    void ioWorkerAffinity(BitSet cpus) {
        Objects.requireNonNull(cpus, "cpus");
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cpus must name at least one CPU");
        }
        long[] words = cpus.toLongArray();
        try (Arena arena = Arena.ofConfined()) {
            ring.register(RegisterOp.REGISTER_IOWQ_AFF, arena.allocateFrom(JAVA_LONG, words), 8 * words.length);
        }
    }

    void clearIoWorkerAffinity() {
        ring.register(RegisterOp.UNREGISTER_IOWQ_AFF, MemorySegment.NULL, 0);
    }

    int cancelSync(SyncCancel cancel) {
        Objects.requireNonNull(cancel, "cancel");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = arena.allocate(64, 8);
            reg.set(JAVA_LONG, 0, cancel.userData());
            reg.set(JAVA_INT, 8, cancel.fd());
            reg.set(JAVA_INT, 12, cancel.flags());
            Duration timeout = cancel.timeoutOrNull();
            reg.set(JAVA_LONG, 16, timeout == null ? -1 : timeout.getSeconds());
            reg.set(JAVA_LONG, 24, timeout == null ? -1 : timeout.getNano());
            reg.set(JAVA_BYTE, 32, (byte) cancel.opcode());
            int r;
            try {
                r = ring.register(RegisterOp.REGISTER_SYNC_CANCEL, reg, 1);
            } catch (UringException e) {
                if (e.errnoNumber() == 2) {
                    return 0;
                }
                throw withHint(e, e.errnoNumber() == 62 ? "a matching request was still running when the timeout passed"
                        : null);
            }
            return cancel.cancelsAll() ? r : 1;
        }
    }

    /** The tracking mode last registered: the kernel's unregister reports the timeout and preference, not this. */
    private NapiTracking napiTracking = NapiTracking.DYNAMIC;
    static final int NAPI_REGISTER_OP = 0;
    static final int NAPI_STATIC_ADD_ID = 1;
    static final int NAPI_STATIC_DEL_ID = 2;

    void registerNapi(NapiSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment napi = arena.allocate(16, 8);
            napi.set(JAVA_INT, 0, (int) (settings.busyPollTimeout().toNanos() / 1000));
            napi.set(JAVA_BYTE, 4, (byte) (settings.preferBusyPoll() ? 1 : 0));
            napi.set(JAVA_BYTE, 5, (byte) NAPI_REGISTER_OP);
            napi.set(JAVA_INT, 8, settings.tracking().code());
            try {
                ring.register(RegisterOp.REGISTER_NAPI, napi, 1);
            } catch (UringException e) {
                throw withHint(e, napiHint(e.errnoNumber()));
            }
            napiTracking = settings.tracking();
        }
    }

    NapiSettings unregisterNapi() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment napi = arena.allocate(16, 8);
            try {
                ring.register(RegisterOp.UNREGISTER_NAPI, napi, 1);
            } catch (UringException e) {
                throw withHint(e, napiHint(e.errnoNumber()));
            }
            NapiTracking tracking = napiTracking;
            napiTracking = NapiTracking.DYNAMIC;
            return new NapiSettings(Duration.ofNanos(Integer.toUnsignedLong(napi.get(JAVA_INT, 0)) * 1000),
                    napi.get(JAVA_BYTE, 4) != 0, tracking);
        }
    }

    /** {@code IO_URING_NAPI_STATIC_ADD_ID} or {@code _DEL_ID} of {@code napiId}. */
    void staticNapiId(int opcode, int napiId) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment napi = arena.allocate(16, 8);
            napi.set(JAVA_BYTE, 5, (byte) opcode);
            napi.set(JAVA_INT, 8, napiId);
            try {
                ring.register(RegisterOp.REGISTER_NAPI, napi, 1);
            } catch (UringException e) {
                throw withHint(e, switch (e.errnoNumber()) {
                    case 22 -> "static NAPI ids need NapiTracking.STATIC registered first (Linux 6.13), and an id above"
                            + " the CPU ids";
                    case 17 -> "NAPI id " + Integer.toUnsignedString(napiId) + " is tracked already";
                    case 2 -> "NAPI id " + Integer.toUnsignedString(napiId) + " is not tracked";
                    default -> napiHint(e.errnoNumber());
                });
            }
        }
    }

    private static String napiHint(int errno) {
        return switch (errno) {
            case 95 -> "this kernel was built without NAPI busy polling (CONFIG_NET_RX_BUSY_POLL)";
            case 22 -> "NAPI busy polling is refused on IOPOLL rings and before Linux 6.9";
            default -> null;
        };
    }

    void registerClock(WaitClock clock) {
        Objects.requireNonNull(clock, "clock");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = arena.allocate(16, 8);
            reg.set(JAVA_INT, 0, clock.clockId());
            ring.register(RegisterOp.REGISTER_CLOCK, reg, 0);
        }
    }

    // ---------------------------------------------------------------- shared

    private static UringException withHint(UringException e, String hint) {
        return hint == null ? e : new UringException(e.call(), e.errnoNumber(), hint);
    }

    /** Forgets what the kernel released with the ring, so that nothing stays reachable through a closed ring. */
    void release() {
        buffers = NO_BUFFERS;
    }

    /** {@code struct io_uring_rsrc_register}: nr, flags, resv2, data, tags. */
    private static MemorySegment rsrcRegister(Arena arena, int nr, int flags, long data, long tags) {
        MemorySegment reg = arena.allocate(RSRC_REGISTER_SIZE, 8);
        reg.set(JAVA_INT, 0, nr);
        reg.set(JAVA_INT, 4, flags);
        reg.set(JAVA_LONG, 16, data);
        reg.set(JAVA_LONG, 24, tags);
        return reg;
    }

    /** {@code struct io_uring_rsrc_update2}: offset, resv, data, tags, nr, resv2. */
    private static MemorySegment rsrcUpdate2(Arena arena, int offset, long data, long tags, int nr) {
        MemorySegment up = arena.allocate(RSRC_UPDATE2_SIZE, 8);
        up.set(JAVA_INT, 0, offset);
        up.set(JAVA_LONG, 8, data);
        up.set(JAVA_LONG, 16, tags);
        up.set(JAVA_INT, 24, nr);
        return up;
    }

    private static void requireNotEmpty(int length, String name) {
        if (length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requirePositive(int count, String name) {
        if (count <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + count);
        }
    }

    private static void requireTags(long[] tags, int length, String of) {
        Objects.requireNonNull(tags, "tags");
        if (tags.length != length) {
            throw new IllegalArgumentException("tags has " + tags.length + " entries but " + of + " has " + length
                    + ": give one tag per slot (0 for none)");
        }
    }
}
