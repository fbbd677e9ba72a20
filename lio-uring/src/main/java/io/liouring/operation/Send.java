package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.SockAddr;

import java.lang.foreign.MemorySegment;

/**
 * Sends a buffer on a socket, like {@code send(2)}, or {@code sendto(2)} with {@link #to(SockAddr)}
 * ({@code IORING_OP_SEND}, Linux 5.6, send-to form 6.0; {@code io_uring_prep_send(3)},
 * {@code io_uring_prep_sendto(3)}). Completes with the number of bytes sent or {@code -errno}.
 */
public final class Send extends SocketBufferIo<Send> {
    /**
     * Sends the whole buffer.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to send; it must stay open until the completion
     */
    public Send(int fd, MemorySegment buffer) {
        super(Opcode.SEND, fd, buffer);
    }

    /**
     * Send to {@code destination} (for unconnected datagram sockets).
     *
     * @param destination the receiver's address
     * @return this operation
     */
    public Send to(SockAddr destination) {
        return destination(requireDestination(destination));
    }

    /**
     * Send to the connected peer again.
     *
     * @return this operation
     */
    public Send toPeer() {
        return destination(null);
    }

    @Override
    Send self() {
        return this;
    }
}
