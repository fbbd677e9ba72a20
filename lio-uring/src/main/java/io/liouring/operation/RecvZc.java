package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.ZeroCopyRx;
import io.liouring.internal.Checks;

import java.util.Objects;

/**
 * Receives from a TCP socket without copying, straight into the memory of a zero-copy receive interface
 * queue ({@code IORING_OP_RECV_ZC}, Linux 6.15). There is no man page for it: the kernel's
 * {@code Documentation/networking/iou-zcrx.rst} describes it, and liburing's {@code test/zcrx.c} uses it.
 *
 * <p>Needs a zero-copy rx queue registered with the ring ({@link io.liouring.LioUring#registerZeroCopyRx(int,
 * int, int, long)}, {@code IORING_REGISTER_ZCRX_IFQ}) on a NIC that supports header/data split and flow steering, a
 * ring with {@code CQE32} or {@code CQE_MIXED}, and a socket whose traffic that queue receives. Always multishot:
 * each completion ({@code F_MORE} while armed) reports bytes received, and its extra CQE words (a {@code struct
 * io_uring_zcrx_cqe}) locate them in the queue's area: {@link io.liouring.ZeroCopyRx#data(io.liouring.Completion)}
 * reads them, {@link io.liouring.ZeroCopyRx#refill(io.liouring.Completion)} gives them back. Without a registered
 * queue the kernel refuses the request ({@code -EINVAL}). No machine this library is tested on has such a NIC: the
 * tests cover the encoding, the kernel's refusals and the structs' layouts, not a zero-copy receive itself.
 */
public final class RecvZc implements Operation {
    private int fd;
    private int ifqIndex;
    private int length;
    private int ioprio = RecvSendFlags.RECV_MULTISHOT;

    /**
     * Receives from {@code fd} through zero-copy receive queue {@code ifqIndex}.
     *
     * @param fd the socket
     * @param ifqIndex the index of the registered zero-copy rx interface queue
     */
    public RecvZc(int fd, int ifqIndex) {
        this.fd = fd;
        this.ifqIndex = Checks.requireNonNegative(ifqIndex, "ifqIndex");
    }

    /**
     * Receives from {@code fd} through a registered zero-copy receive queue.
     *
     * @param fd    the socket
     * @param queue the queue, registered with the ring this request is pushed to
     */
    public RecvZc(int fd, ZeroCopyRx queue) {
        this(fd, Objects.requireNonNull(queue, "queue").id());
    }

    /**
     * The socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE}).
     *
     * @param fd the socket
     * @return this operation
     */
    public RecvZc fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Stop after {@code length} bytes in total; 0 (the default) means no limit.
     *
     * @param length bytes, 0 or positive
     * @return this operation
     */
    public RecvZc length(int length) {
        this.length = Checks.requireNonNegative(length, "length");
        return this;
    }

    /**
     * Poll the socket before the first attempt ({@code IORING_RECVSEND_POLL_FIRST}).
     *
     * @return this operation
     */
    public RecvZc pollFirst() {
        ioprio |= RecvSendFlags.POLL_FIRST;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.RECV_ZC, fd, 0, length, 0).ioprio(ioprio).fileIndex(ifqIndex);
    }
}
