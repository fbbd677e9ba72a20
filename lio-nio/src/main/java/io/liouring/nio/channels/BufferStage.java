package io.liouring.nio.channels;

import io.liouring.MsgFlags;
import io.liouring.Operation;
import io.liouring.async.IoFuture;
import io.liouring.operation.Readv;
import io.liouring.operation.Recv;
import io.liouring.operation.Send;
import io.liouring.operation.SendMsg;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.MsgHdr;
import io.liouring.nio.internal.LendableMemory;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffers of one read or write, as the kernel sees them. Direct buffers whose memory nothing can free while the
 * request holds them ({@link LendableMemory}: {@code allocateDirect}, mapped, global or automatic arenas) go to the
 * kernel as they are ({@link MemorySegment#ofBuffer}): the operation keeps the segment, and so the buffer, reachable
 * until the kernel has released the request. Any other buffer among them (heap, or of an arena that could be closed
 * meanwhile) makes the request go through one {@link NativeChunks} chunk instead, copied in before a write and out
 * after a read, and only into an arena still open.
 *
 * <p>Positions move only on success, by exactly the bytes transferred, buffer after buffer, as the JDK's do.
 */
final class BufferStage {
    private final ByteBuffer[] buffers;
    private final NativeChunks chunks;
    /** The chunk a heap buffer goes through, or {@code null} when the buffers are all native. */
    private final NativeChunks.Chunk chunk;
    /** Bytes the request may move. */
    private final int length;

    /** The one native buffer's remaining bytes, lent to the kernel as they are; {@code null} otherwise. */
    private final MemorySegment single;

    private BufferStage(ByteBuffer[] buffers, NativeChunks chunks, NativeChunks.Chunk chunk, int length,
                        MemorySegment single) {
        this.buffers = buffers;
        this.chunks = chunks;
        this.chunk = chunk;
        this.length = length;
        this.single = single;
    }

    /** Stages {@code buffers} (each with its remaining bytes); {@code write}: copy a heap buffer's bytes in. */
    static BufferStage of(ByteBuffer[] buffers, NativeChunks chunks, boolean write) {
        if (buffers.length == 1 && buffers[0].isDirect()) { // the common case, without a list of segments
            MemorySegment segment = MemorySegment.ofBuffer(buffers[0]);
            if (LendableMemory.isLendable(segment)) {
                return new BufferStage(buffers, chunks, null, (int) segment.byteSize(), segment);
            }
        }
        long total = 0;
        boolean allNative = buffers.length <= IoVecArray.IOV_MAX;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
            allNative &= b.isDirect() && LendableMemory.isLendable(MemorySegment.ofBuffer(b));
        }
        if (allNative) {
            return new BufferStage(buffers, chunks, null, (int) Math.min(total, Integer.MAX_VALUE), null);
        }
        NativeChunks.Chunk chunk = chunks.take();
        int length = (int) Math.min(total, NativeChunks.CHUNK_BYTES);
        if (write) {
            long at = 0;
            for (ByteBuffer b : buffers) {
                if (at == length) {
                    break;
                }
                int n = (int) Math.min(b.remaining(), length - at); // 0 for an empty buffer among full ones
                MemorySegment.copy(MemorySegment.ofBuffer(b), 0, chunk.segment(), at, n);
                at += n;
            }
        }
        return new BufferStage(buffers, chunks, chunk, length, null);
    }

    /** Bytes the request may move: 0 means there is nothing to do. */
    int length() {
        return length;
    }

    /** The receive for these buffers ({@code recv(2)}, or {@code readv(2)} for several native ones). */
    Operation readOperation(int fd) {
        if (chunk != null) {
            return new Recv(fd, chunk.segment().asSlice(0, length));
        }
        if (single != null) {
            return new Recv(fd, single);
        }
        List<MemorySegment> segments = nativeSegments();
        if (segments.size() == 1) {
            return new Recv(fd, segments.getFirst());
        }
        return new Readv(fd, IoVecArray.of(segments.toArray(MemorySegment[]::new)));
    }

    /** The send for these buffers ({@code send(2)}, or {@code sendmsg(2)} for several native ones), never raising SIGPIPE. */
    Operation writeOperation(int fd) {
        if (chunk != null) {
            return new Send(fd, chunk.segment().asSlice(0, length)).msgFlags(MsgFlags.MSG_NOSIGNAL);
        }
        if (single != null) {
            return new Send(fd, single).msgFlags(MsgFlags.MSG_NOSIGNAL);
        }
        List<MemorySegment> segments = nativeSegments();
        if (segments.size() == 1) {
            return new Send(fd, segments.getFirst()).msgFlags(MsgFlags.MSG_NOSIGNAL);
        }
        IoVecArray vectors = IoVecArray.of(segments.toArray(MemorySegment[]::new));
        return new SendMsg(fd, MsgHdr.of(vectors)).msgFlags(MsgFlags.MSG_NOSIGNAL);
    }

    private List<MemorySegment> nativeSegments() {
        List<MemorySegment> segments = new ArrayList<>(buffers.length);
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                segments.add(MemorySegment.ofBuffer(b));
            }
        }
        return segments;
    }

    /**
     * The request moved {@code n} bytes: copies them out of the chunk after a read, and advances the positions
     * buffer after buffer.
     */
    void transferred(int n, boolean read) {
        long left = n;
        long at = 0;
        for (ByteBuffer b : buffers) {
            if (left == 0) {
                break;
            }
            int k = (int) Math.min(b.remaining(), left);
            if (read && chunk != null) {
                MemorySegment.copy(chunk.segment(), at, MemorySegment.ofBuffer(b), 0, k);
            }
            b.position(b.position() + k);
            left -= k;
            at += k;
        }
    }

    /**
     * Gives the chunk back once the kernel has released {@code request} (at once if it already has). Call it only
     * after the request's bytes have been copied out ({@link #transferred}): the loop may mark a request released
     * before its future completes, and a chunk given back is another request's at once.
     */
    void releaseAfter(IoFuture<?> request) {
        if (chunk != null) {
            request.released().thenRun(() -> chunks.give(chunk));
        }
    }

    /** Gives the chunk back: the request was never submitted, or the kernel has released it already. */
    void release() {
        if (chunk != null) {
            chunks.give(chunk);
        }
    }
}
