package io.liouring.nio.file;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * A lock on a range of a file opened by this package: an open-file-description record lock ({@code fcntl(F_OFD_SETLK)}) plus its entry
 * in the {@link FileLockTable}. Valid until {@link #release()}d or until its channel is closed.
 */
final class LioFileLock extends FileLock {
    /** The file whose descriptor holds the record lock. */
    private final RingFile file;
    /** The file's key in the {@link FileLockTable}. */
    private final FileKey key;
    /** Released, or released by its channel's close. */
    private volatile boolean released;

    /** A lock acquired through a {@link FileChannel}. */
    LioFileLock(FileChannel channel, RingFile file, FileKey key, long position, long size, boolean shared) {
        super(channel, position, size, shared);
        this.file = file;
        this.key = key;
    }

    /** A lock acquired through an {@link AsynchronousFileChannel}. */
    LioFileLock(AsynchronousFileChannel channel, RingFile file, FileKey key, long position, long size, boolean shared) {
        super(channel, position, size, shared);
        this.file = file;
        this.key = key;
    }

    /** The table key of the locked file. */
    FileKey key() {
        return key;
    }

    /** Whether the lock is held: not released, and its channel open. */
    @Override
    public boolean isValid() {
        return !released && acquiredBy().isOpen();
    }

    /**
     * Releases the record lock as its channel's close begins, before the close waits for the requests in flight
     * ({@code F_UNLCK}; should the kernel refuse, closing the descriptor releases it anyway), and marks the lock
     * released.
     */
    synchronized void releaseForClose() {
        if (released) {
            return;
        }
        released = true;
        try {
            file.setLock(NativeCalls.F_UNLCK, position(), PosixLocks.kernelLength(size()));
        } catch (ClosedChannelException e) {
            // the descriptor is being closed already, which releases the record lock
        }
    }

    /**
     * Releases the lock: {@code F_UNLCK} over its range, and its table entry. Does nothing if it is no
     * longer valid because it was released.
     *
     * @throws ClosedChannelException if its channel is closed
     * @throws IOException            if the kernel refuses the unlock
     */
    @Override
    public synchronized void release() throws IOException {
        if (!acquiredBy().isOpen()) {
            throw new ClosedChannelException();
        }
        if (released) {
            return;
        }
        int result = file.setLock(NativeCalls.F_UNLCK, position(), PosixLocks.kernelLength(size()));
        if (result < 0) {
            throw file.lockFailure(result);
        }
        released = true;
        FileLockTable.remove(key, this);
    }
}
