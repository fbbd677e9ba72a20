package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which classes of this package issue which opcode: the table behind {@code lio probe} and the coverage
 * check that every opcode the kernel supports has an operation class and a live test.
 */
public final class OperationCatalog {
    private static final Map<Opcode, List<Class<? extends Operation>>> BY_OPCODE = new EnumMap<>(Opcode.class);

    static {
        add(Opcode.NOP, Nop.class);
        add(Opcode.READV, Readv.class);
        add(Opcode.WRITEV, Writev.class);
        add(Opcode.FSYNC, Fsync.class);
        add(Opcode.READ_FIXED, ReadFixed.class);
        add(Opcode.WRITE_FIXED, WriteFixed.class);
        add(Opcode.POLL_ADD, PollAdd.class);
        add(Opcode.POLL_REMOVE, PollRemove.class, PollUpdate.class);
        add(Opcode.SYNC_FILE_RANGE, SyncFileRange.class);
        add(Opcode.SENDMSG, SendMsg.class);
        add(Opcode.RECVMSG, RecvMsg.class, RecvMsgMulti.class);
        add(Opcode.TIMEOUT, Timeout.class);
        add(Opcode.TIMEOUT_REMOVE, TimeoutRemove.class, TimeoutUpdate.class);
        add(Opcode.ACCEPT, Accept.class, AcceptMulti.class);
        add(Opcode.ASYNC_CANCEL, AsyncCancel.class);
        add(Opcode.LINK_TIMEOUT, LinkTimeout.class);
        add(Opcode.CONNECT, Connect.class);
        add(Opcode.FALLOCATE, Fallocate.class);
        add(Opcode.OPENAT, OpenAt.class);
        add(Opcode.CLOSE, Close.class);
        add(Opcode.FILES_UPDATE, FilesUpdate.class);
        add(Opcode.STATX, Statx.class);
        add(Opcode.READ, Read.class, ReadSelect.class);
        add(Opcode.WRITE, Write.class);
        add(Opcode.FADVISE, Fadvise.class);
        add(Opcode.MADVISE, Madvise.class);
        add(Opcode.SEND, Send.class, SendBundle.class);
        add(Opcode.RECV, Recv.class, RecvMulti.class, RecvBundle.class, RecvMultiBundle.class);
        add(Opcode.OPENAT2, OpenAt2.class);
        add(Opcode.EPOLL_CTL, EpollCtl.class);
        add(Opcode.SPLICE, Splice.class);
        add(Opcode.PROVIDE_BUFFERS, ProvideBuffers.class);
        add(Opcode.REMOVE_BUFFERS, RemoveBuffers.class);
        add(Opcode.TEE, Tee.class);
        add(Opcode.SHUTDOWN, Shutdown.class);
        add(Opcode.RENAMEAT, RenameAt.class);
        add(Opcode.UNLINKAT, UnlinkAt.class);
        add(Opcode.MKDIRAT, MkDirAt.class);
        add(Opcode.SYMLINKAT, SymlinkAt.class);
        add(Opcode.LINKAT, LinkAt.class);
        add(Opcode.MSG_RING, MsgRingData.class, MsgRingSendFd.class);
        add(Opcode.FSETXATTR, FSetXattr.class);
        add(Opcode.SETXATTR, SetXattr.class);
        add(Opcode.FGETXATTR, FGetXattr.class);
        add(Opcode.GETXATTR, GetXattr.class);
        add(Opcode.SOCKET, Socket.class);
        add(Opcode.URING_CMD, UringCmd16.class, UringCmd80.class, SiocInq.class, SiocOutq.class, GetSockOpt.class,
                SetSockOpt.class, GetSockName.class);
        add(Opcode.SEND_ZC, SendZc.class);
        add(Opcode.SENDMSG_ZC, SendMsgZc.class);
        add(Opcode.READ_MULTISHOT, ReadMulti.class);
        add(Opcode.WAITID, WaitId.class);
        add(Opcode.FUTEX_WAIT, FutexWait.class);
        add(Opcode.FUTEX_WAKE, FutexWake.class);
        add(Opcode.FUTEX_WAITV, FutexWaitV.class);
        add(Opcode.FIXED_FD_INSTALL, FixedFdInstall.class);
        add(Opcode.FTRUNCATE, Ftruncate.class);
        add(Opcode.BIND, Bind.class);
        add(Opcode.LISTEN, Listen.class);
        add(Opcode.RECV_ZC, RecvZc.class);
        add(Opcode.EPOLL_WAIT, EpollWait.class);
        add(Opcode.READV_FIXED, ReadvFixed.class);
        add(Opcode.WRITEV_FIXED, WritevFixed.class);
        add(Opcode.PIPE, Pipe.class);
        add(Opcode.NOP128, Nop128.class);
        add(Opcode.URING_CMD128, UringCmd128.class);
    }

    private OperationCatalog() {
    }

    @SafeVarargs
    private static void add(Opcode opcode, Class<? extends Operation>... classes) {
        BY_OPCODE.put(opcode, List.of(classes));
    }

    /** The operation classes that issue {@code opcode}; empty if this library has none yet. */
    public static List<Class<? extends Operation>> classesFor(Opcode opcode) {
        return BY_OPCODE.getOrDefault(opcode, List.of());
    }

    /** Every catalogued opcode with its classes. */
    public static Map<Opcode, List<Class<? extends Operation>>> all() {
        return Collections.unmodifiableMap(BY_OPCODE);
    }
}
