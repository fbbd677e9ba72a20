package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.Operation;
import io.liouring.async.EventLoop;
import io.liouring.file.AsyncFile;
import io.liouring.operation.Close;
import io.liouring.operation.OpenAt;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;
import io.liouring.operation.Statx;
import io.liouring.struct.StatxResult;

import java.nio.file.Path;

/**
 * The io_uring event loop that {@code lio cp}, {@code cat} and {@code hash} do their file work through: single
 * requests (open, statx, close, mkdirat, ...) whose {@code -errno} results the commands turn into coreutils'
 * messages, and open descriptors taken over as {@link AsyncFile}s, whose data the library moves
 * ({@link AsyncFile#transferTo}) or this tool reads ({@link FileReader}). Its ring is small (eight entries):
 * an unprivileged process pays for a ring with locked memory ({@code ulimit -l}), and the commands keep few
 * requests in flight.
 */
final class FileLoop implements AutoCloseable {
    private static final int ENTRIES = 8;

    private final EventLoop loop;

    /**
     * A new loop with its thread and ring.
     *
     * @throws io.liouring.UringException if the ring cannot be set up (io_uring unusable here)
     */
    FileLoop() {
        this.loop = EventLoop.builder().name("lio").entries(ENTRIES).build();
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs one request and returns its result ({@code -errno} on failure). */
    int call(Operation operation) {
        return loop.call(operation).result();
    }

    /** Opens {@code path} through the ring ({@code O_CLOEXEC} added); the fd, or {@code -errno}. */
    int open(Path path, int flags, int mode) {
        return call(new OpenAt(path, flags | OpenFlags.O_CLOEXEC, mode));
    }

    /**
     * Waits, for {@code fd}, a FIFO just opened for reading from its name, until a writer has written to it or come
     * and gone, as open(2) would have waited for the writer. The ring's open is tried first without blocking, with
     * {@code O_NONBLOCK}, which for a FIFO returns at once; a splice then finds no writer and takes it for the end of
     * the input, and the writer that comes later blocks for ever. A poll for {@code POLLIN} ({@code IORING_OP_POLL_ADD})
     * waits as the open would have: it reports a writer's end only once a writer has been there since the open.
     *
     * @return the ready events, or {@code -errno}
     */
    int awaitWriter(int fd) {
        return call(new PollAdd(fd, PollEvents.POLLIN));
    }

    /** Status of {@code path}, following symbolic links; 0 or {@code -errno}. */
    int stat(Path path, StatxResult into) {
        return call(new Statx(path, into));
    }

    /** Status of the open file {@code fd}; 0 or {@code -errno}. */
    int stat(int fd, StatxResult into) {
        return call(Statx.ofFd(fd, into));
    }

    /** Closes {@code fd} through the ring; 0 or {@code -errno}. */
    int close(int fd) {
        return call(new Close(fd));
    }

    /** The open descriptor {@code fd} as a file of this loop, which now owns it; its errors name {@code name}. */
    AsyncFile adopt(int fd, Path name) {
        return AsyncFile.of(loop, fd, name);
    }

    /** Whether a file of this type is read at offsets (regular files, block devices), not as a stream. */
    static boolean isSeekable(StatxResult stat) {
        return stat.type() == StatxResult.FileType.REGULAR || stat.type() == StatxResult.FileType.BLOCK_DEVICE;
    }

    @Override
    public void close() {
        loop.close();
    }
}
