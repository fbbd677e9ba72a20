package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.struct.SockAddr;

import java.lang.foreign.MemorySegment;

/**
 * Sends a buffer on a socket without copying it ({@code IORING_OP_SEND_ZC}, Linux 6.0;
 * {@code io_uring_prep_send_zc(3)}, {@code io_uring_prep_send_zc_fixed(3)}).
 *
 * <p>Posts two completions with the same {@code user_data}: first the result (bytes sent or {@code -errno})
 * with {@code F_MORE}, then a notification with {@code F_NOTIF} once the kernel no longer reads the buffer.
 * <b>The buffer must not be changed or freed before the notification</b>, even though the result came.
 * If the result has no {@code F_MORE}, no notification follows.
 */
public final class SendZc extends SocketBufferIo<SendZc> {
    /** {@code IORING_NOTIF_USAGE_ZC_COPIED}: in a notification's result, the data was copied, not sent zero-copy. */
    public static final int NOTIF_USAGE_ZC_COPIED = 0x8000_0000;

    private int bufferIndex;

    /**
     * Sends the whole buffer.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to send; it must stay open and unchanged until the notification
     */
    public SendZc(int fd, MemorySegment buffer) {
        super(Opcode.SEND_ZC, fd, buffer);
    }

    /**
     * Send to {@code destination} (for unconnected datagram sockets).
     *
     * @param destination the receiver's address
     * @return this operation
     */
    public SendZc to(SockAddr destination) {
        return destination(requireDestination(destination));
    }

    /**
     * The buffer lies in registered buffer {@code bufferIndex} ({@code IORING_RECVSEND_FIXED_BUF}), which spares the
     * kernel pinning its pages on every send.
     *
     * @param bufferIndex the registered buffer's index, 0 to 65535
     * @return this operation
     */
    public SendZc fixedBuffer(int bufferIndex) {
        this.bufferIndex = FixedBuffers.requireIndex(bufferIndex);
        return addIoprio(RecvSendFlags.FIXED_BUF);
    }

    /**
     * Have the notification say whether the data was copied after all ({@code IORING_SEND_ZC_REPORT_USAGE},
     * 6.2): its result then has bit 31 ({@code IORING_NOTIF_USAGE_ZC_COPIED}) set if it was.
     *
     * @return this operation
     */
    public SendZc reportUsage() {
        return addIoprio(RecvSendFlags.SEND_ZC_REPORT_USAGE);
    }

    @Override
    void encodeExtra(Sqe sqe) {
        sqe.bufIndex(bufferIndex);
    }

    @Override
    SendZc self() {
        return this;
    }
}
