package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Receives from a socket into a buffer, like {@code recv(2)} ({@code IORING_OP_RECV}, Linux 5.6;
 * {@code io_uring_prep_recv(3)}). Completes with the number of bytes received (0 when the peer has shut
 * down its side) or {@code -errno}. To let the kernel pick buffers from a group, see {@link RecvMulti} and
 * {@link RecvBundle}.
 */
public final class Recv extends SocketBufferIo<Recv> {
    /**
     * Receives at most the whole buffer.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to receive into; it must stay open until the completion
     */
    public Recv(int fd, MemorySegment buffer) {
        super(Opcode.RECV, fd, buffer);
    }

    @Override
    Recv self() {
        return this;
    }
}
