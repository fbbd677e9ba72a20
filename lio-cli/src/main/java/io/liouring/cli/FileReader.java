package io.liouring.cli;

import io.liouring.async.IoFuture;
import io.liouring.operation.Read;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Reads a file to its end through a {@link FileLoop}, for the commands that need the bytes themselves
 * ({@code lio hash}, {@code hash -c}'s list): {@code IORING_OP_READ} of {@value #CHUNK} bytes into native memory,
 * each chunk handed on in order as a Java array. A seekable file has two reads in flight at increasing offsets, so
 * that the kernel fills one buffer while the consumer works on the other (short reads are continued); a stream
 * (a pipe, a terminal, stdin) is read one request at a time at its position.
 */
final class FileReader implements AutoCloseable {
    /** What gets each chunk, in file order. */
    @FunctionalInterface
    interface Chunks {
        void accept(byte[] bytes, int length);
    }

    static final int CHUNK = 1 << 20;
    /** The least array a chunk is handed on in: a small file's bytes, without zeroing a whole chunk's array. */
    private static final int SMALL_CHUNK = 64 * 1024;

    private final FileLoop files;
    private final Arena arena = Arena.ofShared();
    /** The reads' buffers: pages the kernel zeroes when first touched, so that a small file costs a page each. */
    private final MemorySegment[] buffers = {KernelZeroedMemory.allocate(arena, CHUNK),
            KernelZeroedMemory.allocate(arena, CHUNK)};
    /** What the chunks are handed on in: as long as the largest chunk so far ({@value #SMALL_CHUNK} at least). */
    private byte[] chunk = new byte[0];

    FileReader(FileLoop files) {
        this.files = files;
    }

    /**
     * Reads {@code fd} to its end, from offset 0 if {@code seekable}, else from its position.
     *
     * @return the bytes read
     * @throws TransferException the errno of a failed read (side READ)
     */
    long read(int fd, boolean seekable, Chunks chunks) throws TransferException {
        return seekable ? readAtOffsets(fd, chunks) : readStream(fd, chunks);
    }

    private long readStream(int fd, Chunks chunks) throws TransferException {
        long total = 0;
        while (true) {
            int n = files.call(new Read(fd, buffers[0], -1));
            if (n < 0) {
                throw new TransferException(TransferException.Side.READ, -n);
            }
            if (n == 0) {
                return total;
            }
            hand(buffers[0], n, chunks);
            total += n;
        }
    }

    private long readAtOffsets(int fd, Chunks chunks) throws TransferException {
        @SuppressWarnings("unchecked")
        IoFuture<Integer>[] reads = new IoFuture[2];
        reads[0] = submit(fd, buffers[0], 0);
        reads[1] = submit(fd, buffers[1], CHUNK);
        long next = 2L * CHUNK;
        long total = 0;
        TransferException failure = null;
        for (int i = 0; ; i ^= 1) {
            long at = next - 2L * CHUNK;
            int filled;
            try {
                filled = fill(fd, i, reads[i], at);
            } catch (TransferException e) {
                failure = e;
                filled = 0;
            }
            reads[i] = null;
            if (filled == 0) {
                break;
            }
            byte[] array = arrayFor(filled);
            MemorySegment.copy(buffers[i], JAVA_BYTE, 0, array, 0, filled);
            boolean end = filled < CHUNK;
            if (!end) {
                reads[i] = submit(fd, buffers[i], next);
                next += CHUNK;
            }
            chunks.accept(array, filled);
            total += filled;
            if (end) {
                break;
            }
        }
        for (IoFuture<Integer> read : reads) { // the buffers are reused: wait until the kernel is done with them
            if (read != null) {
                await(read);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    /** Waits for the read into buffer {@code i} at {@code at}, continuing it after short reads; the bytes there. */
    private int fill(int fd, int i, IoFuture<Integer> first, long at) throws TransferException {
        int filled = result(await(first));
        int n = filled;
        while (n > 0 && filled < CHUNK) {
            n = result(await(submit(fd, buffers[i].asSlice(filled), at + filled)));
            filled += n;
        }
        return filled;
    }

    private IoFuture<Integer> submit(int fd, MemorySegment into, long at) {
        return files.loop().submit(new Read(fd, into, at), io.liouring.SqeFlags.NONE, null,
                (op, userData, result, flags) -> result);
    }

    private static int await(IoFuture<Integer> read) {
        return read.await();
    }

    private static int result(int n) throws TransferException {
        if (n < 0) {
            throw new TransferException(TransferException.Side.READ, -n);
        }
        return n;
    }

    private void hand(MemorySegment buffer, int n, Chunks chunks) {
        byte[] array = arrayFor(n);
        MemorySegment.copy(buffer, JAVA_BYTE, 0, array, 0, n);
        chunks.accept(array, n);
    }

    /** The array to hand on {@code n} bytes in: the one of earlier chunks, replaced by a large enough one if short. */
    private byte[] arrayFor(int n) {
        if (chunk.length < n) {
            chunk = new byte[n <= SMALL_CHUNK ? SMALL_CHUNK : CHUNK];
        }
        return chunk;
    }

    @Override
    public void close() {
        arena.close();
    }
}
