package io.liouring.nio.file;

import io.liouring.async.FdHandle;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

/**
 * What a {@link RingFile} learns of the file behind its descriptor, each fact asked of the kernel once and then
 * remembered: its type ({@code S_IFMT} of {@code statx}), whether its reads and writes end by themselves, and whether
 * it has a file offset ({@code lseek}). Every {@code statx} of the descriptor goes through {@link #stat()}, so the
 * first one for any reason ({@code size()}, a lock's key) teaches the type too. Thread-safe: concurrent first callers
 * may both ask, and get the same answer.
 */
final class FileKind {
    /** {@code S_IFMT}, the file type bits of {@code st_mode}. */
    static final int S_IFMT = 0170000;
    /** {@code S_IFIFO}: a named pipe. */
    static final int S_IFIFO = 0010000;
    /** {@code S_IFCHR}: a character device. */
    private static final int S_IFCHR = 0020000;
    /** {@code S_IFREG}: a regular file. */
    private static final int S_IFREG = 0100000;
    /** {@code S_IFDIR}: a directory. */
    private static final int S_IFDIR = 0040000;
    /** {@code S_IFLNK}: a symbolic link (opened with {@code O_PATH}-like flags only). */
    private static final int S_IFLNK = 0120000;

    /** The descriptor asked about. */
    private final FdHandle handle;
    /** The path it was opened by, for exceptions. */
    private final Path path;
    /**
     * Whether its reads and writes end by themselves, never waiting for another process
     * ({@link IoScratch#statCallsEndByThemselves()}); written before {@link #type}, so valid once that is known.
     */
    private volatile boolean callsEnd;
    /** The file type bits ({@code S_IFMT}) of the descriptor's mode, 0 until asked for. */
    private volatile int type;
    /** Whether the descriptor has a file offset: 0 not asked yet, 1 yes, -1 no. */
    private volatile int seekable;

    FileKind(FdHandle handle, Path path) {
        this.handle = handle;
        this.path = path;
    }

    /**
     * {@code statx} of the descriptor into one of the {@link CallSlots}, which the caller reads and then releases;
     * the file's type is remembered on the way.
     *
     * @throws ClosedChannelException if the file is being closed
     * @throws IOException            if {@code statx} fails (the slot is then released)
     */
    IoScratch stat() throws IOException {
        IoScratch scratch = CallSlots.take();
        try {
            handle.withDescriptor(scratch.stat());
            if (scratch.result < 0) {
                throw JdkFileErrors.ofIo("statx", path, (int) scratch.result);
            }
            callsEnd = scratch.statCallsEndByThemselves();
            type = scratch.statFileType();
            return scratch;
        } catch (IOException | RuntimeException | Error e) {
            scratch.release();
            throw e;
        }
    }

    /** The file type bits ({@code S_IFMT}) of the descriptor's mode: {@code statx}, asked once. */
    int type() throws IOException {
        int t = type;
        if (t == 0) {
            stat().release();
            t = type;
        }
        return t;
    }

    /**
     * Whether the file is known, from an earlier {@code statx}, to be one whose reads and writes end by themselves
     * (a regular file, a block device, {@code /dev/null} and its kin); false while nothing has asked.
     */
    boolean knownToEndCalls() {
        return type != 0 && callsEnd;
    }

    /** Whether the file's reads and writes end by themselves ({@code statx}, asked once). */
    boolean callsEnd() throws IOException {
        type();
        return callsEnd;
    }

    /**
     * Whether the file is something other than a regular file, a directory or a symbolic link (a named pipe, a
     * socket, a device): what may have no file offset and no meaningful size.
     */
    boolean isOther() throws IOException {
        int t = type();
        return t != S_IFREG && t != S_IFDIR && t != S_IFLNK;
    }

    /**
     * Whether the file is a character device ({@code /dev/null}, {@code /dev/zero}, a terminal, …), whose driver
     * decides what becomes of a file offset ({@code lseek} of {@code /dev/null} always answers 0).
     */
    boolean isCharacterDevice() throws IOException {
        return type() == S_IFCHR;
    }

    /**
     * Fails as the JDK's channel does ({@code IOException: Illegal seek}) if the descriptor has no file offset — a
     * named pipe, a socket, a terminal — which {@code lseek(fd, 0, SEEK_CUR)} answers with {@code ESPIPE} (asked
     * once): such a file has no position to query, set or read at.
     */
    void requireSeekable() throws IOException {
        if (seekable() < 0) {
            throw JdkFileErrors.ofIo("lseek", path, -NativeCalls.ESPIPE);
        }
    }

    /**
     * After an attempt at an offset answered {@code result}: if that was {@code -ESPIPE}, asks {@code lseek} whether
     * the file has an offset at all (once), so that a pipe's later reads and writes take the {@link PipeStream pipe
     * path} (a file of {@code /proc} may refuse positioned calls and still have an offset).
     */
    void noteOffsetless(long result) throws ClosedChannelException {
        if (result == -NativeCalls.ESPIPE) {
            seekable();
        }
    }

    /**
     * Whether reads and writes take the pipe path: a named pipe, or the pipe behind {@code /dev/stdin}, once it is
     * known to have no offset (its type is asked then, once). A pipe refuses {@code RWF_NOWAIT}
     * ({@code EOPNOTSUPP}), so without this path every read and write went through the ring: reading
     * {@code /dev/stdin} through {@code Files.newInputStream} took 5–8 times the JDK's time.
     */
    boolean isPipe() throws IOException {
        return seekable < 0 && type() == S_IFIFO;
    }

    /** {@link #seekable}, asked of {@code lseek(fd, 0, SEEK_CUR)} once: 1 if the file has an offset, -1 if not. */
    private int seekable() throws ClosedChannelException {
        int s = seekable;
        if (s == 0) {
            IoScratch scratch = CallSlots.take();
            try {
                handle.withDescriptor(scratch.seekCurrent());
                s = scratch.result == -NativeCalls.ESPIPE ? -1 : 1;
            } finally {
                scratch.release();
            }
            seekable = s;
        }
        return s;
    }
}
