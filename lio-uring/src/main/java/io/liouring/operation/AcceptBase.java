package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.struct.SockAddrStorage;

/** What the accept forms share: listening socket, accept4 flags, the accept ioprio bits, a direct slot, peer address room. */
abstract class AcceptBase<T extends AcceptBase<T>> extends FdRequest<T> {
    static final int MULTISHOT = 1;
    static final int DONTWAIT = 1 << 1;
    static final int POLL_FIRST = 1 << 2;

    private final int mode;
    private int flags;
    private int ioprio;
    private int fileIndex = DirectSlot.NONE;
    private SockAddrStorage peer;

    AcceptBase(int mode, int fd) {
        super(Opcode.ACCEPT, fd);
        this.mode = mode;
    }

    /**
     * {@code accept4(2)} flags for the new socket: {@code SocketType.SOCK_NONBLOCK}, {@code SOCK_CLOEXEC} (not with direct).
     *
     * @param flags {@code SOCK_NONBLOCK} and/or {@code SOCK_CLOEXEC}, or 0
     * @return this operation
     */
    public T flags(int flags) {
        this.flags = flags;
        return self();
    }

    /**
     * Wait for a connection by polling first instead of trying at once ({@code IORING_ACCEPT_POLL_FIRST}, 6.10).
     *
     * @return this operation
     */
    public T pollFirst() {
        ioprio |= POLL_FIRST;
        return self();
    }

    /**
     * Put the new connection in a free registered-file slot the kernel picks (the completion's result).
     *
     * @return this operation
     */
    public T directAllocate() {
        this.fileIndex = DirectSlot.ALLOCATE;
        return self();
    }

    /**
     * Return a normal fd again, not a direct descriptor.
     *
     * @return this operation
     */
    public T normalFd() {
        this.fileIndex = DirectSlot.NONE;
        return self();
    }

    final T fileIndex(int fileIndex) {
        this.fileIndex = fileIndex;
        return self();
    }

    final T addIoprio(int bits) {
        ioprio |= bits;
        return self();
    }

    final T peer(SockAddrStorage peer) {
        this.peer = peer;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        long addr = 0;
        long addrLen = 0;
        if (peer != null) {
            addr = peer.reset().segment().address();
            addrLen = peer.lengthSegment().address();
        }
        prep(sqe, addr, 0, addrLen).opFlags(flags).ioprio(mode | ioprio).fileIndex(fileIndex);
    }
}
