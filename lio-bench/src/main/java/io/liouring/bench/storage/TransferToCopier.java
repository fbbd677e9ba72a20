package io.liouring.bench.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The JDK's file-to-file transfer for P7: {@link FileChannel#transferTo} until the whole file has moved. */
final class TransferToCopier implements FileCopier {

    @Override
    public String name() {
        return "FileChannel.transferTo";
    }

    @Override
    public String method() {
        return "FileChannel.transferTo(position, remaining, target) in a loop until the whole size has moved"
                + " (JDK " + Runtime.version().feature() + "; the system calls it makes are in the strace column)";
    }

    @Override
    public CopyTiming copy(Path source, Path target) throws IOException {
        return CopyTiming.inProcess(() -> transferAll(source, target));
    }

    /** The whole of {@code source} into a new file {@code target}, by {@code transferTo} calls until all has moved. */
    static void transferAll(Path source, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, size - position, out);
                if (n <= 0) {
                    throw new IOException("transferTo moved nothing at " + position + " of " + size);
                }
                position += n;
            }
        }
    }
}
