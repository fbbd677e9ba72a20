package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;

/**
 * The {@code SOCKET_URING_OP_*} commands of URING_CMD on sockets ({@code io_uring_prep_cmd_sock(3)}) and
 * their common encoding. Socket-option commands put {@code level} and {@code optname} at 16,
 * {@code optlen} at 44 and {@code optval} at 48.
 */
final class SocketCommands {
    static final int SIOCINQ = 0;
    static final int SIOCOUTQ = 1;
    static final int GETSOCKOPT = 2;
    static final int SETSOCKOPT = 3;
    static final int TX_TIMESTAMP = 4;
    static final int GETSOCKNAME = 5;

    private SocketCommands() {
    }

    static Sqe encode(Sqe sqe, int fd, int cmdOp) {
        return sqe.opcode(Opcode.URING_CMD).fd(fd).cmdOp(cmdOp);
    }

    static Sqe encodeOption(Sqe sqe, int fd, int cmdOp, int level, int optname, long optval, int optlen) {
        return encode(sqe, fd, cmdOp).levelAndOptname(level, optname).fileIndex(optlen).addr3(optval);
    }
}
