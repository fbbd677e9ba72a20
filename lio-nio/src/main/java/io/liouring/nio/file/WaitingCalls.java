package io.liouring.nio.file;

import io.liouring.async.FdHandle;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;

/**
 * A read or write of a regular file that waits for the device in the calling platform thread, as {@code pread(2)}
 * and {@code pwrite(2)} do in the JDK's channel, and with the same calls: for a call that the page cache could not
 * serve at once ({@code RWF_NOWAIT} refused). A platform thread has no carrier to free, and one system call costs it
 * far less than a ring request, which io_uring hands to an io-wq worker and completes through the event loop (ext4
 * refuses every buffered {@code RWF_NOWAIT} write: 512-byte writes took 22–40 µs through the ring against 2–7 µs
 * for the JDK's {@code pwrite}). The call holds a reference to the descriptor, so a close waits for it: bounded for
 * a regular file, which is why pipes and devices, whose reads and writes wait for a peer, stay on the ring. Its errno
 * capture is the calling thread's own, so that any number of platform threads may wait at once without holding one
 * of the {@link CallSlots}: made on the thread's first such call and freed by the garbage collector after the thread
 * has ended. A thread makes one call at a time, so its capture is never in use twice.
 */
final class WaitingCalls {
    /** Each platform thread's errno capture. */
    private static final ThreadLocal<MemorySegment> ERRNO_STATES =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(NativeCalls.ERRNO_STATE_SIZE, 8));

    private WaitingCalls() {
    }

    /** {@code pread(fd, memory, size, position)}: bytes read (0 at end of file), or {@code -errno}. */
    static long read(FdHandle handle, MemorySegment memory, long position) throws ClosedChannelException {
        MemorySegment errno = ERRNO_STATES.get();
        return handle.withDescriptor(fd -> NativeCalls.pread(errno, fd, memory, position));
    }

    /**
     * {@code pwrite(fd, memory, size, position)}, or with position -1 {@code write} at the file position (the end
     * with {@code O_APPEND}): bytes written, or {@code -errno}.
     */
    static long write(FdHandle handle, MemorySegment memory, long position) throws ClosedChannelException {
        MemorySegment errno = ERRNO_STATES.get();
        return handle.withDescriptor(fd -> NativeCalls.pwrite(errno, fd, memory, position));
    }
}
