package io.liouring.bench.storage;

import io.liouring.async.EventLoop;
import io.liouring.file.AsyncFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * lio-uring's file copy for P7: {@link AsyncFile#copy}, the library's own way to copy a file, on one
 * {@link EventLoop} opened once for all copies (opening a loop is set-up, not copying).
 */
final class RingCopier implements FileCopier, AutoCloseable {
    private final EventLoop loop = EventLoop.open();

    @Override
    public String name() {
        return "lio-uring";
    }

    @Override
    public String method() {
        return "AsyncFile.copy (lio-uring's copy engine, AsyncFile.transferTo): open, statx, fadvise(SEQUENTIAL)"
                + " and close through the ring, then copy_file_range in 64 MiB calls (a direct system call: io_uring"
                + " has none), falling back to four parallel 1 MiB SPLICE lanes where the kernel refuses; on one"
                + " EventLoop";
    }

    @Override
    public CopyTiming copy(Path source, Path target) throws IOException {
        return CopyTiming.inProcess(() -> AsyncFile.copy(loop, source, target));
    }

    @Override
    public void close() {
        loop.close();
    }
}
