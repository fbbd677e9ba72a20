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
        add(Opcode.POLL_ADD, PollAdd.class);
        add(Opcode.POLL_REMOVE, PollRemove.class, PollUpdate.class);
        add(Opcode.TIMEOUT, Timeout.class);
        add(Opcode.TIMEOUT_REMOVE, TimeoutRemove.class, TimeoutUpdate.class);
        add(Opcode.ASYNC_CANCEL, AsyncCancel.class);
        add(Opcode.LINK_TIMEOUT, LinkTimeout.class);
        add(Opcode.OPENAT, OpenAt.class);
        add(Opcode.CLOSE, Close.class);
        add(Opcode.READ, Read.class, ReadSelect.class);
        add(Opcode.WRITE, Write.class);
        add(Opcode.EPOLL_CTL, EpollCtl.class);
        add(Opcode.MSG_RING, MsgRingData.class, MsgRingSendFd.class);
        add(Opcode.WAITID, WaitId.class);
        add(Opcode.FUTEX_WAIT, FutexWait.class);
        add(Opcode.FUTEX_WAKE, FutexWake.class);
        add(Opcode.FUTEX_WAITV, FutexWaitV.class);
        add(Opcode.EPOLL_WAIT, EpollWait.class);
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
