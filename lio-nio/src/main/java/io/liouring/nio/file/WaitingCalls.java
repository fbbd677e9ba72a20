package io.liouring.nio.file;

import io.liouring.async.FdHandle;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A read or write of a regular file that waits for the device in the calling platform thread, as {@code pread(2)}
 * and {@code pwrite(2)} do in the JDK's channel: for a call that the page cache could not serve at once
 * ({@code RWF_NOWAIT} refused). A platform thread has no carrier to free, and one system call costs it far less than
 * a ring request, which io_uring hands to an io-wq worker and completes through the event loop (ext4 refuses every
 * buffered {@code RWF_NOWAIT} write: 512-byte writes took 22–40 µs through the ring against 2–7 µs for the JDK's
 * {@code pwrite}). The call holds a reference to the descriptor, so a close waits for it: bounded for a regular file,
 * which is why pipes and devices, whose reads and writes wait for a peer, stay on the ring. Its memory (the
 * {@code struct iovec} and the errno capture) is the call's own, so that any number of platform threads may wait at
 * once without holding one of the {@link CallSlots}.
 */
final class WaitingCalls {
    private WaitingCalls() {
    }

    /** {@code preadv2(fd, {memory}, 1, position, 0)}: bytes read (0 at end of file), or {@code -errno}. */
    static long read(FdHandle handle, MemorySegment memory, long position) throws ClosedChannelException {
        return call(handle, memory, position, false);
    }

    /**
     * {@code pwritev2(fd, {memory}, 1, position, 0)}, position -1 at the file position (the end with
     * {@code O_APPEND}): bytes written, or {@code -errno}.
     */
    static long write(FdHandle handle, MemorySegment memory, long position) throws ClosedChannelException {
        return call(handle, memory, position, true);
    }

    private static long call(FdHandle handle, MemorySegment memory, long position, boolean write)
            throws ClosedChannelException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(NativeCalls.ERRNO_STATE_SIZE, 8);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(JAVA_LONG, 0, memory.address());
            iov.set(JAVA_LONG, 8, memory.byteSize());
            return handle.withDescriptor(fd -> write
                    ? NativeCalls.pwritev2(errno, fd, iov, position, 0)
                    : NativeCalls.preadv2(errno, fd, iov, position, 0));
        }
    }
}
