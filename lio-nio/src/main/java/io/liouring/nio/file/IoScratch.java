package io.liouring.nio.file;

import io.liouring.OpenFlags;
import io.liouring.PathBytes;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.function.IntFunction;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Native memory for one call in flight: a small header (one {@code struct iovec}, the errno capture state, a
 * {@code struct flock}, a {@code struct statx}) and a bounce buffer through which a heap {@code ByteBuffer}'s
 * bytes travel to and from the kernel. Taken from and given back to a {@link ScratchPool} or the
 * {@link CallSlots}; used by one thread at a time, so a call costs no native allocation.
 *
 * <p>It is also the function a direct system call runs under {@code FdHandle.withDescriptor}, which holds a
 * reference to the descriptor for the length of the call, so the number cannot be given to another file
 * meanwhile: set the call up ({@link #nowaitRead}, …), pass this object, read {@link #result}. No lambda, no
 * allocation.
 */
final class IoScratch implements IntFunction<Void> {
    /** Offset of the {@code struct iovec} in the header. */
    private static final long IOV = 0;
    /** Offset of the errno capture state. */
    private static final long ERRNO = 16;
    /** Offset of the {@code struct flock}. */
    private static final long FLOCK = 32;
    /** Offset of the {@code struct statx}. */
    private static final long STATX = 64;
    /** Offset of the {@code struct open_how}. */
    private static final long OPEN_HOW = STATX + 256;
    /** Bytes of the header. */
    private static final long HEADER_SIZE = OPEN_HOW + NativeCalls.OPEN_HOW_SIZE;
    /** Offset of {@code stx_mode} (16 bits) in {@code struct statx}. */
    private static final long STX_MODE = 28;
    /** {@code S_IFMT}, the file type bits of {@code stx_mode}. */
    private static final int S_IFMT = 0170000;
    /** Offset of {@code stx_size} in {@code struct statx}. */
    private static final long STX_SIZE = 40;
    /** Offset of {@code stx_ino}. */
    private static final long STX_INO = 32;
    /** Offset of {@code stx_rdev_major}: a device file's own device number. */
    private static final long STX_RDEV_MAJOR = 128;
    /** Offset of {@code stx_rdev_minor}. */
    private static final long STX_RDEV_MINOR = 132;
    /** {@code S_IFREG}: a regular file. */
    private static final int S_IFREG = 0100000;
    /** {@code S_IFBLK}: a block device. */
    private static final int S_IFBLK = 0060000;
    /** {@code S_IFCHR}: a character device. */
    private static final int S_IFCHR = 0020000;
    /** Major number of the memory devices ({@code /dev/null}, {@code /dev/zero}, …). */
    private static final int MEMORY_DEVICES = 1;
    /** {@code /dev/null} (1, 3). */
    private static final int DEV_NULL = 3;
    /** {@code /dev/zero} (1, 5). */
    private static final int DEV_ZERO = 5;
    /** {@code /dev/full} (1, 7). */
    private static final int DEV_FULL = 7;
    /** {@code /dev/random} (1, 8). */
    private static final int DEV_RANDOM = 8;
    /** {@code /dev/urandom} (1, 9). */
    private static final int DEV_URANDOM = 9;
    /** Offset of {@code stx_dev_major}. */
    private static final long STX_DEV_MAJOR = 136;
    /** Offset of {@code stx_dev_minor}. */
    private static final long STX_DEV_MINOR = 140;

    private enum Call { PREADV2, PWRITEV2, READ, WRITE, SETLK, GETLK, FSTATX, FTRUNCATE, SETFL, SEEK_CURRENT, SEEK_SET }

    /** The structures of a call (see the class comment). */
    private final MemorySegment header;
    /** The {@code struct iovec}, sliced once so that a call allocates nothing. */
    private final MemorySegment iov;
    /** The errno capture state. */
    private final MemorySegment errno;
    /** The {@code struct flock}. */
    private final MemorySegment flock;
    /** The {@code struct statx}. */
    private final MemorySegment statx;
    /** The {@code struct open_how}. */
    private final MemorySegment openHow;
    /** The bounce buffer (page-aligned, so it suits O_DIRECT too). */
    final MemorySegment bounce;
    /** Where this goes back to. */
    private final ScratchOwner owner;
    /** Its index among the {@link CallSlots}, or -1. */
    final int slot;

    /** The call set up last. */
    private Call call;
    /** The memory of a {@link Call#READ} or {@link Call#WRITE}, dropped once it has run. */
    private MemorySegment memory;
    /** Its file offset (or length, for {@code ftruncate}). */
    private long offset;
    /** Its {@code RWF_*} flags. */
    private int flags;
    /** What the last call returned: a non-negative result, or {@code -errno}. */
    long result;

    /** A block of {@code bounceSize} bounce bytes that goes back to {@code owner}, as its block {@code slot} (or -1). */
    IoScratch(ScratchOwner owner, int slot, int bounceSize) {
        this.owner = owner;
        this.slot = slot;
        this.header = NativeCalls.allocateForever(64, HEADER_SIZE);
        this.iov = header.asSlice(IOV, 16);
        this.errno = header.asSlice(ERRNO, NativeCalls.ERRNO_STATE_SIZE);
        this.flock = header.asSlice(FLOCK, NativeCalls.FLOCK_SIZE);
        this.statx = header.asSlice(STATX, 256);
        this.openHow = header.asSlice(OPEN_HOW, NativeCalls.OPEN_HOW_SIZE);
        this.bounce = NativeCalls.allocateForever(4096, bounceSize);
    }

    /** Sets up {@code preadv2(fd, {address, length}, 1, offset, RWF_NOWAIT)}. */
    IoScratch nowaitRead(long address, long length, long offset) {
        return vectored(Call.PREADV2, address, length, offset);
    }

    /** Sets up {@code pwritev2(fd, {address, length}, 1, offset, RWF_NOWAIT)}; offset -1: at the file position. */
    IoScratch nowaitWrite(long address, long length, long offset) {
        return vectored(Call.PWRITEV2, address, length, offset);
    }

    /** Sets up a one-vector {@code preadv2}/{@code pwritev2}. */
    private IoScratch vectored(Call c, long address, long length, long offset) {
        header.set(JAVA_LONG, IOV, address);
        header.set(JAVA_LONG, IOV + 8, length);
        this.call = c;
        this.offset = offset;
        this.flags = NativeCalls.RWF_NOWAIT;
        return this;
    }

    /**
     * Sets up {@code read(fd, memory, size)} at the file's own offset: the read of a pipe whose descriptor has
     * {@code O_NONBLOCK}, which answers {@code EAGAIN} rather than wait.
     */
    IoScratch streamRead(MemorySegment memory) {
        this.call = Call.READ;
        this.memory = memory;
        return this;
    }

    /** Sets up {@code write(fd, memory, size)} at the file's own offset: see {@link #streamRead}. */
    IoScratch streamWrite(MemorySegment memory) {
        this.call = Call.WRITE;
        this.memory = memory;
        return this;
    }

    /**
     * Sets up {@code fcntl(fd, F_OFD_SETLK, {type, SEEK_SET, position, length, pid 0})}: a lock of the open file
     * description, which no close of another descriptor of the file releases.
     */
    IoScratch setLock(short type, long position, long length) {
        describeLock(type, position, length);
        this.call = Call.SETLK;
        return this;
    }

    /**
     * Sets up {@code fcntl(fd, F_OFD_GETLK, {type, SEEK_SET, position, length, pid 0})}: which lock would conflict;
     * read the answer with {@link #conflictingPid()}.
     */
    IoScratch getLock(short type, long position, long length) {
        describeLock(type, position, length);
        this.call = Call.GETLK;
        return this;
    }

    /**
     * After {@link #getLock}: the process holding the conflicting lock ({@code l_pid}): -1 for an open-file-description
     * lock (which names no process), 0 if nothing conflicts ({@code l_type} is {@code F_UNLCK}).
     */
    int conflictingPid() {
        if (header.get(JAVA_SHORT, FLOCK) == NativeCalls.F_UNLCK) {
            return 0;
        }
        return header.get(JAVA_INT, FLOCK + 24);
    }

    /** Fills the {@code struct flock}. */
    private void describeLock(short type, long position, long length) {
        header.set(JAVA_SHORT, FLOCK, type);
        header.set(JAVA_SHORT, FLOCK + 2, (short) 0);
        header.set(JAVA_INT, FLOCK + 4, 0);
        header.set(JAVA_LONG, FLOCK + 8, position);
        header.set(JAVA_LONG, FLOCK + 16, length);
        header.set(JAVA_LONG, FLOCK + 24, 0L); // l_pid must be 0 for the F_OFD_* commands
    }

    /** Sets up {@code statx} of the descriptor; read the outcome with {@link #statSize()}, … */
    IoScratch stat() {
        this.call = Call.FSTATX;
        return this;
    }

    /** Sets up {@code lseek(fd, 0, SEEK_CUR)}: the file offset, or {@code -ESPIPE} for a file that has none. */
    IoScratch seekCurrent() {
        this.call = Call.SEEK_CURRENT;
        return this;
    }

    /** Sets up {@code lseek(fd, position, SEEK_SET)}: the offset the driver makes of it, or {@code -errno}. */
    IoScratch seekTo(long position) {
        this.call = Call.SEEK_SET;
        this.offset = position;
        return this;
    }

    /** Sets up {@code ftruncate(fd, length)}. */
    IoScratch truncate(long length) {
        this.call = Call.FTRUNCATE;
        this.offset = length;
        return this;
    }

    /**
     * Sets up {@code fcntl(fd, F_SETFL, flags)}: the file status flags ({@code O_NONBLOCK}, {@code O_APPEND},
     * {@code O_DIRECT}, …) become {@code flags}.
     */
    IoScratch statusFlags(int flags) {
        this.call = Call.SETFL;
        this.offset = flags;
        return this;
    }

    /** Runs the call set up last on {@code fd}; the outcome is in {@link #result}. */
    @Override
    public Void apply(int fd) {
        result = switch (call) {
            case PREADV2 -> NativeCalls.preadv2(errno, fd, iov, offset, flags);
            case PWRITEV2 -> NativeCalls.pwritev2(errno, fd, iov, offset, flags);
            case READ -> NativeCalls.read(errno, fd, memory);
            case WRITE -> NativeCalls.pwrite(errno, fd, memory, -1);
            case SETLK -> NativeCalls.fcntl(errno, fd, NativeCalls.F_OFD_SETLK, flock);
            case GETLK -> NativeCalls.fcntl(errno, fd, NativeCalls.F_OFD_GETLK, flock);
            case FSTATX -> NativeCalls.fstatx(errno, fd, statx);
            case FTRUNCATE -> NativeCalls.ftruncate(errno, fd, offset);
            case SETFL -> NativeCalls.fcntl(errno, fd, NativeCalls.F_SETFL, (int) offset);
            case SEEK_CURRENT -> NativeCalls.lseek(errno, fd, 0, NativeCalls.SEEK_CUR);
            case SEEK_SET -> NativeCalls.lseek(errno, fd, offset, NativeCalls.SEEK_SET);
        };
        memory = null;
        return null;
    }

    /**
     * Opens {@code path} directly if that cannot wait: {@code openat2} with {@code RESOLVE_CACHED} (every path
     * component already in the dentry cache, else {@code EAGAIN}) and {@code O_NONBLOCK} (a FIFO or device does not
     * wait for its peer) — the non-blocking attempt io_uring makes itself before it hands an open to a worker thread,
     * without the round trip. {@code O_CREAT} and {@code O_TRUNC} always need the slow path.
     *
     * <p>The descriptor keeps {@code O_NONBLOCK}: the caller takes it off ({@link #statusFlags}) before the first
     * read or write through the ring, where it would make io_uring answer {@code EAGAIN} instead of waiting. The
     * direct calls do not see it (a regular file's {@code preadv2} and {@code pwritev2} ignore it, and they are made
     * with {@code RWF_NOWAIT} anyway), so a file read only from the page cache, as {@code Files.readAllBytes} of a
     * cached file is, never pays the {@code fcntl}.
     *
     * @return the descriptor, or a negative number if the ring must open the file (which then also reports any error)
     */
    int openCached(Path path, int flags) {
        if ((flags & (OpenFlags.O_CREAT | OpenFlags.O_TRUNC)) != 0) {
            return -NativeCalls.EAGAIN;
        }
        byte[] name = PathBytes.of(path); // the JDK's path: it has no NUL, which would cut the name short
        if (name.length >= bounce.byteSize()) {
            return -NativeCalls.EAGAIN;
        }
        MemorySegment.copy(name, 0, bounce, JAVA_BYTE, 0, name.length);
        bounce.set(JAVA_BYTE, name.length, (byte) 0);
        MemorySegment how = openHow;
        how.set(JAVA_LONG, 0, Integer.toUnsignedLong(flags | OpenFlags.O_NONBLOCK));
        how.set(JAVA_LONG, 8, 0L); // no mode: openat2 refuses one (EINVAL) unless the open creates, which never comes here
        how.set(JAVA_LONG, 16, NativeCalls.RESOLVE_CACHED);
        return NativeCalls.openat2(errno, bounce, how);
    }

    /** The file type bits ({@code S_IFMT}) of {@code stx_mode} of the last {@link #stat()}. */
    int statFileType() {
        return header.get(JAVA_SHORT, STATX + STX_MODE) & S_IFMT;
    }

    /**
     * Whether a read or write of the file of the last {@link #stat()} ends by itself, without waiting for another
     * process: a regular file or a block device (at worst it waits for the disk), or a memory device that answers at
     * once ({@code /dev/null}, {@code zero}, {@code full}, {@code random}, {@code urandom}: since 5.6
     * {@code /dev/random} blocks only until the kernel's generator is first seeded). Not a pipe, socket, terminal
     * or any other device, whose calls may wait for ever.
     */
    boolean statCallsEndByThemselves() {
        int type = statFileType();
        if (type == S_IFREG || type == S_IFBLK) {
            return true;
        }
        if (type != S_IFCHR || header.get(JAVA_INT, STATX + STX_RDEV_MAJOR) != MEMORY_DEVICES) {
            return false;
        }
        int minor = header.get(JAVA_INT, STATX + STX_RDEV_MINOR);
        return minor == DEV_NULL || minor == DEV_ZERO || minor == DEV_FULL || minor == DEV_RANDOM
                || minor == DEV_URANDOM;
    }

    /** {@code stx_size} of the last {@link #stat()}. */
    long statSize() {
        return header.get(JAVA_LONG, STATX + STX_SIZE);
    }

    /** The device and inode of the last {@link #stat()}: what identifies the file for locks. */
    FileKey statKey() {
        return new FileKey(header.get(JAVA_INT, STATX + STX_DEV_MAJOR), header.get(JAVA_INT, STATX + STX_DEV_MINOR),
                header.get(JAVA_LONG, STATX + STX_INO));
    }

    /**
     * Copies {@code n} bytes a read left in the bounce buffer into {@code memory} (a heap buffer's, or a direct
     * buffer's that is not {@link io.liouring.nio.internal.LendableMemory lent}) from {@code at}.
     *
     * @throws IllegalStateException if the buffer's arena was closed while the read was in flight: the bytes read
     *                               are dropped, and no byte of freed memory is written
     */
    void copyReadInto(MemorySegment memory, long at, int n) {
        try {
            MemorySegment.copy(bounce, 0, memory, at, n);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The buffer's arena was closed while the read was in flight: the "
                    + n + " bytes read were dropped", e);
        }
    }

    /** Gives this back to its pool or to the {@link CallSlots}. */
    void release() {
        owner.give(this);
    }
}
