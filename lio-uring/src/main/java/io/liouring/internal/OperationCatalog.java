package io.liouring.internal;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.operation.Accept;
import io.liouring.operation.AcceptMulti;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Bind;
import io.liouring.operation.BlockDiscard;
import io.liouring.operation.Close;
import io.liouring.operation.Connect;
import io.liouring.operation.EpollCtl;
import io.liouring.operation.EpollWait;
import io.liouring.operation.FGetXattr;
import io.liouring.operation.FSetXattr;
import io.liouring.operation.Fadvise;
import io.liouring.operation.Fallocate;
import io.liouring.operation.FilesUpdate;
import io.liouring.operation.FixedFdInstall;
import io.liouring.operation.Fsync;
import io.liouring.operation.Ftruncate;
import io.liouring.operation.FutexWait;
import io.liouring.operation.FutexWaitV;
import io.liouring.operation.FutexWake;
import io.liouring.operation.GetSockName;
import io.liouring.operation.GetSockOpt;
import io.liouring.operation.GetXattr;
import io.liouring.operation.LinkAt;
import io.liouring.operation.LinkTimeout;
import io.liouring.operation.Listen;
import io.liouring.operation.Madvise;
import io.liouring.operation.MkDirAt;
import io.liouring.operation.MsgRingData;
import io.liouring.operation.MsgRingSendFd;
import io.liouring.operation.Nop;
import io.liouring.operation.Nop128;
import io.liouring.operation.OpenAt;
import io.liouring.operation.OpenAt2;
import io.liouring.operation.Pipe;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollRemove;
import io.liouring.operation.PollUpdate;
import io.liouring.operation.ProvideBuffers;
import io.liouring.operation.Read;
import io.liouring.operation.ReadFixed;
import io.liouring.operation.ReadMulti;
import io.liouring.operation.ReadSelect;
import io.liouring.operation.Readv;
import io.liouring.operation.ReadvFixed;
import io.liouring.operation.Recv;
import io.liouring.operation.RecvBundle;
import io.liouring.operation.RecvSelect;
import io.liouring.operation.RecvMsg;
import io.liouring.operation.RecvMsgMulti;
import io.liouring.operation.RecvMulti;
import io.liouring.operation.RecvMultiBundle;
import io.liouring.operation.RecvZc;
import io.liouring.operation.RemoveBuffers;
import io.liouring.operation.RenameAt;
import io.liouring.operation.Send;
import io.liouring.operation.SendBundle;
import io.liouring.operation.SendMsg;
import io.liouring.operation.SendMsgZc;
import io.liouring.operation.SendVectorized;
import io.liouring.operation.SendZc;
import io.liouring.operation.SendZcVectorized;
import io.liouring.operation.SetSockOpt;
import io.liouring.operation.SetXattr;
import io.liouring.operation.Shutdown;
import io.liouring.operation.SiocInq;
import io.liouring.operation.SiocOutq;
import io.liouring.operation.Socket;
import io.liouring.operation.Splice;
import io.liouring.operation.Statx;
import io.liouring.operation.SymlinkAt;
import io.liouring.operation.SyncFileRange;
import io.liouring.operation.Tee;
import io.liouring.operation.TxTimestamp;
import io.liouring.operation.Timeout;
import io.liouring.operation.TimeoutRemove;
import io.liouring.operation.TimeoutUpdate;
import io.liouring.operation.UnlinkAt;
import io.liouring.operation.UringCmd128;
import io.liouring.operation.UringCmd16;
import io.liouring.operation.UringCmd80;
import io.liouring.operation.WaitId;
import io.liouring.operation.Write;
import io.liouring.operation.WriteFixed;
import io.liouring.operation.Writev;
import io.liouring.operation.WritevFixed;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which classes of {@code io.liouring.operation} issue which opcode: the table behind {@code lio probe} and the coverage
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
        add(Opcode.SEND, Send.class, SendBundle.class, SendVectorized.class);
        add(Opcode.RECV, Recv.class, RecvSelect.class, RecvMulti.class, RecvBundle.class, RecvMultiBundle.class);
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
        add(Opcode.URING_CMD, UringCmd16.class, UringCmd80.class, BlockDiscard.class, SiocInq.class, SiocOutq.class, GetSockOpt.class,
                SetSockOpt.class, GetSockName.class, TxTimestamp.class);
        add(Opcode.SEND_ZC, SendZc.class, SendZcVectorized.class);
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

    /**
     * The operation classes that issue {@code opcode}; empty if this library has none yet.
     *
     * @param opcode the opcode
     * @return its classes, in the order listed
     */
    public static List<Class<? extends Operation>> classesFor(Opcode opcode) {
        return BY_OPCODE.getOrDefault(opcode, List.of());
    }

    /**
     * Every catalogued opcode with its classes.
     *
     * @return an unmodifiable view
     */
    public static Map<Opcode, List<Class<? extends Operation>>> all() {
        return Collections.unmodifiableMap(BY_OPCODE);
    }
}
