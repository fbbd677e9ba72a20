package io.liouring.nio.file;

import java.nio.channels.Channel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The locks the channels of this package hold in this JVM, by file ({@link FileKey}: device and inode, so two
 * names of one file are one entry). This table gives {@code FileChannel.lock}'s rule: a range that overlaps one
 * held (or being acquired) through any channel of the JVM on the same file fails with
 * {@link OverlappingFileLockException} at once (the kernel would refuse or, for two locks of one channel, merge
 * it). Locks taken through the JDK's own channels are not in it: {@link PosixLocks} asks the kernel about those.
 */
final class FileLockTable {
    /** The locks held or being acquired, per file. */
    private static final Map<FileKey, List<FileLock>> LOCKS = new ConcurrentHashMap<>();

    /** Not instantiable. */
    private FileLockTable() {
    }

    /**
     * Records {@code lock} before it is asked of the kernel.
     *
     * @throws OverlappingFileLockException if it overlaps a lock already recorded for the file
     */
    static void add(FileKey key, FileLock lock) {
        LOCKS.compute(key, (k, held) -> {
            List<FileLock> list = held == null ? new ArrayList<>() : held;
            for (FileLock other : list) {
                if (other.overlaps(lock.position(), lock.size())) {
                    throw new OverlappingFileLockException();
                }
            }
            list.add(lock);
            return list;
        });
    }

    /** Forgets {@code lock} (released, refused by the kernel, or its channel closed). */
    static void remove(FileKey key, FileLock lock) {
        LOCKS.computeIfPresent(key, (k, held) -> {
            held.remove(lock);
            return held.isEmpty() ? null : held;
        });
    }

    /** The locks recorded for the file that were acquired through {@code channel} (a snapshot). */
    static List<FileLock> acquiredBy(FileKey key, Channel channel) {
        List<FileLock> found = new ArrayList<>();
        LOCKS.computeIfPresent(key, (k, held) -> {
            for (FileLock lock : held) {
                if (lock.acquiredBy() == channel) {
                    found.add(lock);
                }
            }
            return held;
        });
        return found;
    }

    /** Forgets every lock acquired through {@code channel} (its close has released them). */
    static void removeAll(FileKey key, Channel channel) {
        LOCKS.computeIfPresent(key, (k, held) -> {
            held.removeIf(lock -> lock.acquiredBy() == channel);
            return held.isEmpty() ? null : held;
        });
    }
}
