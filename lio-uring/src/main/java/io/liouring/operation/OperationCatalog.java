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
        add(Opcode.TIMEOUT, Timeout.class);
        add(Opcode.OPENAT, OpenAt.class);
        add(Opcode.CLOSE, Close.class);
        add(Opcode.READ, Read.class, ReadSelect.class);
        add(Opcode.WRITE, Write.class);
        add(Opcode.SOCKET, Socket.class);
        add(Opcode.BIND, Bind.class);
        add(Opcode.LISTEN, Listen.class);
        add(Opcode.ACCEPT, Accept.class, AcceptMulti.class);
        add(Opcode.CONNECT, Connect.class);
        add(Opcode.SHUTDOWN, Shutdown.class);
        add(Opcode.SEND, Send.class, SendBundle.class);
        add(Opcode.RECV, Recv.class, RecvMulti.class, RecvBundle.class, RecvMultiBundle.class);
        add(Opcode.SENDMSG, SendMsg.class);
        add(Opcode.RECVMSG, RecvMsg.class, RecvMsgMulti.class);
        add(Opcode.SEND_ZC, SendZc.class);
        add(Opcode.SENDMSG_ZC, SendMsgZc.class);
        add(Opcode.RECV_ZC, RecvZc.class);
        add(Opcode.URING_CMD, UringCmd16.class, UringCmd80.class, SiocInq.class, SiocOutq.class, GetSockOpt.class,
                SetSockOpt.class, GetSockName.class);
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
