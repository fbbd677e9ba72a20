package io.liouring.property;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.MsgFlags;
import io.liouring.Operation;
import io.liouring.ShutdownHow;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Recv;
import io.liouring.operation.RecvMsg;
import io.liouring.operation.RecvMulti;
import io.liouring.operation.SendMsg;
import io.liouring.operation.SendZc;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.MsgHdr;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The socket part of a random sequence: runs {@link Step.SocketStep}s on the pairs {@link SocketPairs} makes (an
 * AF_UNIX pair and a TCP pair over loopback) and checks every completion against a {@link SocketPair}'s stream model:
 * a receive gets exactly the next bytes sent in that direction, in order (all of what is waiting, up to its length,
 * on AF_UNIX; at least one byte on TCP, which may split), a send's bytes are what the other end receives next.
 * Requests that wait on an empty socket end as documented when cancelled, shut down or closed under.
 */
final class SocketSteps {
    /** Bytes a direction may hold unreceived before a send first drains it: well below what a socket buffers. */
    private static final int BUDGET = 32768;
    private static final int GROUP = 3;
    private static final int GROUP_BUFFER = 2048;
    private static final int ECANCELED = -Errno.ECANCELED.number();
    private static final int EINTR = -Errno.EINTR.number();
    private static final int ENOENT = -Errno.ENOENT.number();
    private static final int EALREADY = -Errno.EALREADY.number();
    private static final int ENOBUFS = -Errno.ENOBUFS.number();
    private static final int EPIPE = -Errno.EPIPE.number();
    private static final int ECONNRESET = -Errno.ECONNRESET.number();
    private static final int EOPNOTSUPP = -Errno.EOPNOTSUPP.number();

    private final Requests requests;
    private final Arena arena;
    private final MemorySegment sendBuffer;
    private final MemorySegment recvBuffer;
    private final SocketPairs pairs;

    SocketSteps(Requests requests, Arena arena, SocketPairs pairs) {
        this.requests = requests;
        this.arena = arena;
        this.pairs = pairs;
        this.sendBuffer = arena.allocate(SequenceRunner.MAX_IO, 64);
        this.recvBuffer = arena.allocate(SequenceRunner.MAX_IO, 64);
    }

    void apply(Step.SocketStep step) {
        SocketPair pair = pairs.get(step.tcp());
        boolean reverse = step.reverse();
        switch (step) {
            case Step.Send s -> send(pair, reverse, s);
            case Step.Recv s -> {
                int waiting = pair.stream(reverse).size();
                if (waiting > 0) {
                    // MSG_WAITALL for more than is waiting would wait for bytes no step sends
                    int length = s.waitAll() ? Math.min(s.length(), waiting) : s.length();
                    requests.awaitAll(recv(pair, reverse, length, s.msg(), s.waitAll(), SqeFlags.NONE));
                }
            }
            case Step.RecvWaiting s -> {
                drain(pair, reverse);
                long recv = recv(pair, reverse, s.recvLength(), false, false, SqeFlags.NONE);
                byte[] data = ByteModel.seeded(s.seed(), s.sendLength());
                requests.awaitAll(recv, send(pair, reverse, Step.Via.SEND, data, true, false, SqeFlags.NONE));
            }
            case Step.LinkedSendRecv s -> linkedSendRecv(pair, reverse, s);
            case Step.RecvMultishot s -> recvMultishot(pair, reverse, s);
            case Step.CancelRecv s -> cancelRecv(pair, reverse, s);
            case Step.Shutdown s -> shutdown(pair, reverse, s);
            case Step.CloseUnderRecv s -> closeUnderRecv(pair, reverse, s.multishot());
        }
    }

    // ---------------------------------------------------------------- sends and receives

    /**
     * A send on its own. With {@code skipSuccess}, where its result is known in advance, it posts nothing when it
     * succeeds; a NOP linked after it tells when it is done (a ring that saw CQE_SKIP_SUCCESS refuses IO_DRAIN).
     */
    private void send(SocketPair pair, boolean reverse, Step.Send s) {
        makeRoomIn(pair, reverse, s.length());
        byte[] data = ByteModel.seeded(s.seed(), s.length());
        boolean silent = s.skipSuccess() && (pair.receivesWhole() || s.waitAll()) && s.via() != Step.Via.SEND_ZC
                && requests.ring().sqEntries() >= 2;
        if (silent) {
            requests.makeRoom(2);
            send(pair, reverse, s.via(), data, s.waitAll(), true, SqeFlags.IO_LINK);
            requests.awaitAll(requests.push(new io.liouring.operation.Nop(),
                    requests.once("NOP linked after a send that succeeds silently", 0)));
        } else {
            requests.awaitAll(send(pair, reverse, s.via(), data, s.waitAll(), false, SqeFlags.NONE));
        }
    }

    /**
     * Pushes a send of {@code data}. Where its result is known in advance (AF_UNIX, or TCP with MSG_WAITALL) it must
     * send everything and the model takes the bytes now; else it may send a prefix, which the model takes when it
     * completes. SEND_ZC posts its result, then (if the result had F_MORE) one notification. A {@code silent} send
     * (only where the result is known) is pushed with CQE_SKIP_SUCCESS and must post nothing.
     */
    private long send(SocketPair pair, boolean reverse, Step.Via via, byte[] data, boolean waitAll, boolean silent,
                      SqeFlags flags) {
        MemorySegment.copy(data, 0, sendBuffer, JAVA_BYTE, 0, data.length);
        MemorySegment bytes = sendBuffer.asSlice(0, data.length);
        ByteModel stream = pair.stream(reverse);
        boolean whole = pair.receivesWhole() || waitAll;
        int fd = pair.sender(reverse);
        int msgFlags = MsgFlags.MSG_NOSIGNAL | (waitAll ? MsgFlags.MSG_WAITALL : 0);
        String what = via + " of " + data.length + " bytes on " + pair.name(reverse) + (waitAll ? ", MSG_WAITALL" : "");
        if (via == Step.Via.SEND_ZC && !pair.tcp) {
            requests.fault(); // zero copy is for TCP and UDP
            return requests.push(new SendZc(fd, bytes).msgFlags(msgFlags), flags, zeroCopy(what, c -> {
                if (c.result() != EOPNOTSUPP) {
                    throw requests.failure("SEND_ZC on AF_UNIX is refused with -EOPNOTSUPP", c);
                }
            }));
        }
        if (whole) {
            stream.append(data);
        }
        Consumer<Completion> sent = c -> {
            int r = c.result();
            if (whole ? r != data.length : r < Math.min(1, data.length) || r > data.length) {
                throw requests.failure("expected " + (whole ? "" : "a prefix of ") + data.length + " bytes sent", c);
            }
            if (!whole) {
                stream.append(Arrays.copyOf(data, r));
            }
        };
        return switch (via) {
            case SEND -> requests.push(new io.liouring.operation.Send(fd, bytes).msgFlags(msgFlags),
                    silent ? flags.and(SqeFlags.CQE_SKIP_SUCCESS) : flags, silent ? null : requests.check(what, sent));
            case SENDMSG -> {
                int split = data.length == 0 ? 0 : Math.floorMod(Arrays.hashCode(data), data.length + 1);
                MsgHdr message = MsgHdr.of(arena, IoVecArray.of(arena, bytes.asSlice(0, split), bytes.asSlice(split)));
                yield requests.push(new SendMsg(fd, message).msgFlags(msgFlags),
                        silent ? flags.and(SqeFlags.CQE_SKIP_SUCCESS) : flags, silent ? null : requests.check(what, sent));
            }
            case SEND_ZC -> requests.push(new SendZc(fd, bytes).msgFlags(msgFlags), flags, zeroCopy(what, sent));
        };
    }

    /** A zero-copy send: its result, checked by {@code result}; if that had F_MORE, then one notification, result 0. */
    private Expected zeroCopy(String what, Consumer<Completion> result) {
        return new Expected(what) {
            private boolean resultSeen;

            @Override
            boolean accept(Completion c) {
                if (!resultSeen) {
                    if (c.isNotification()) {
                        throw requests.failure("a zero-copy notification came before the send's result", c);
                    }
                    resultSeen = true;
                    result.accept(c);
                    return !c.hasMore();
                }
                if (!c.isNotification() || c.hasMore() || c.result() != 0) {
                    throw requests.failure("after a result with F_MORE comes one notification: F_NOTIF, no F_MORE,"
                            + " result 0", c);
                }
                return true;
            }
        };
    }

    /**
     * Pushes a receive of up to {@code length} bytes: it must get the next bytes of the direction's stream, all that
     * are waiting when it completes (up to {@code length}) where receives are whole, else at least one.
     */
    private long recv(SocketPair pair, boolean reverse, int length, boolean msg, boolean waitAll, SqeFlags flags) {
        MemorySegment into = recvBuffer.asSlice(0, length);
        int fd = pair.receiver(reverse);
        int msgFlags = waitAll ? MsgFlags.MSG_WAITALL : 0;
        Operation op;
        if (msg) {
            int split = length / 2;
            op = new RecvMsg(fd, MsgHdr.of(arena, IoVecArray.of(arena, into.asSlice(0, split), into.asSlice(split))))
                    .msgFlags(msgFlags);
        } else {
            op = new Recv(fd, into).msgFlags(msgFlags);
        }
        String what = (msg ? "RECVMSG" : "RECV") + " of up to " + length + " bytes on " + pair.name(reverse)
                + (waitAll ? ", MSG_WAITALL" : "");
        ByteModel stream = pair.stream(reverse);
        return requests.push(op, flags, requests.check(what, c -> {
            int available = Math.min(length, stream.size());
            int r = c.result();
            boolean whole = pair.receivesWhole() || waitAll;
            if (whole ? r != available : r < 1 || r > available) {
                throw requests.failure("expected " + (whole ? "" : "1 to ") + available + " bytes received", c);
            }
            requests.requireBytes(stream.take(r), into.asSlice(0, r).toArray(JAVA_BYTE), "the bytes " + what + " got");
        }));
    }

    /** Receives everything waiting in the direction, so that the next receive waits or a send fits. */
    private void drain(SocketPair pair, boolean reverse) {
        ByteModel stream = pair.stream(reverse);
        while (stream.size() > 0) {
            requests.awaitAll(recv(pair, reverse, Math.min(SequenceRunner.MAX_IO, stream.size()), false, false,
                    SqeFlags.NONE));
        }
    }

    private void makeRoomIn(SocketPair pair, boolean reverse, int length) {
        if (pair.stream(reverse).size() + length > BUDGET) {
            drain(pair, reverse);
        }
    }

    private void linkedSendRecv(SocketPair pair, boolean reverse, Step.LinkedSendRecv s) {
        if (requests.ring().sqEntries() < 2) {
            return; // a link must be submitted whole
        }
        makeRoomIn(pair, reverse, s.length());
        requests.makeRoom(2);
        byte[] data = ByteModel.seeded(s.seed(), s.length());
        long send = send(pair, reverse, Step.Via.SEND, data, true, false,
                s.hard() ? SqeFlags.IO_HARDLINK : SqeFlags.IO_LINK);
        long recv = recv(pair, reverse, SequenceRunner.MAX_IO, false, false, SqeFlags.NONE);
        requests.awaitAll(send, recv);
    }

    private void recvMultishot(SocketPair pair, boolean reverse, Step.RecvMultishot s) {
        makeRoomIn(pair, reverse, s.writes().stream().mapToInt(Integer::intValue).sum());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int[] last = {0};
        String what = "multishot RECV on " + pair.name(reverse) + " into " + s.buffers() + " buffers"
                + (s.recycle() ? ", recycled" : ", held");
        try (BufferRing group = BufferRing.register(requests.ring(), GROUP, s.buffers(), GROUP_BUFFER)) {
            long recv = requests.push(new RecvMulti(pair.receiver(reverse), GROUP),
                    requests.multishotInto(what, group, s.recycle(), received, r -> {
                        last[0] = r;
                        return r == ECANCELED || r == ENOBUFS;
                    }));
            int seed = s.writes().size() * 13;
            for (int length : s.writes()) {
                requests.awaitAll(send(pair, reverse, Step.Via.SEND, ByteModel.seeded(seed++, length), true, false,
                        SqeFlags.NONE));
            }
            long cancel = requests.push(AsyncCancel.byUserData(recv), requests.once("cancel of the " + what,
                    r -> r == 0 || r == ENOENT || r == EALREADY));
            requests.awaitAll(recv, cancel);
        }
        if (last[0] == ENOBUFS) {
            requests.fault();
        }
        byte[] got = received.toByteArray();
        ByteModel stream = pair.stream(reverse);
        requests.requireBytes(stream.peek(got.length), got, "the bytes the " + what + " got");
        stream.take(got.length);
    }

    // ---------------------------------------------------------------- receives that wait, and what ends them

    /**
     * A receive pushed on a socket with nothing to receive, single-shot or multishot (into a group of one buffer);
     * it must end with a result {@code ending} accepts and receive nothing. Closing it gives the group up.
     */
    private final class WaitingReceive implements AutoCloseable {
        final long id;
        private final BufferRing group;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        WaitingReceive(SocketPair pair, boolean reverse, boolean multishot, String endedBy, IntPredicate ending) {
            drain(pair, reverse);
            requests.fault();
            int fd = pair.receiver(reverse);
            String what = (multishot ? "multishot RECV" : "RECV") + " waiting on " + pair.name(reverse) + ", ended by "
                    + endedBy;
            if (multishot) {
                group = BufferRing.register(requests.ring(), GROUP, 1, GROUP_BUFFER);
                id = requests.push(new RecvMulti(fd, GROUP), requests.multishotInto(what, group, true, received, ending));
            } else {
                group = null;
                id = requests.push(new Recv(fd, recvBuffer.asSlice(0, 16)), requests.once(what, ending));
            }
        }

        @Override
        public void close() {
            if (group != null) {
                group.close();
            }
            requests.requireBytes(new byte[0], received.toByteArray(), "a receive that had nothing to receive");
        }
    }

    private void cancelRecv(SocketPair pair, boolean reverse, Step.CancelRecv s) {
        int fd = pair.receiver(reverse);
        try (WaitingReceive waiting = new WaitingReceive(pair, reverse, s.multishot(), "a cancel",
                r -> r == ECANCELED || r == EINTR)) {
            long cancel = requests.push(s.byFd() ? AsyncCancel.byFd(fd) : AsyncCancel.byUserData(waiting.id),
                    requests.once("cancel " + (s.byFd() ? "by fd " + fd : "by user_data"), 0));
            requests.awaitAll(waiting.id, cancel);
        }
    }

    private void shutdown(SocketPair pair, boolean reverse, Step.Shutdown s) {
        int shut = s.ownReadSide() ? pair.receiver(reverse) : pair.sender(reverse);
        int how = s.ownReadSide() ? ShutdownHow.SHUT_RD : ShutdownHow.SHUT_WR;
        String what = "shutdown(" + shut + ", " + (s.ownReadSide() ? "SHUT_RD" : "SHUT_WR") + ")";
        try (WaitingReceive waiting = new WaitingReceive(pair, reverse, s.multishot(), what, r -> r == 0)) {
            long shutdown = requests.push(new io.liouring.operation.Shutdown(shut, how), requests.once(what, 0));
            requests.awaitAll(waiting.id, shutdown);
        }
        if (!s.ownReadSide()) {
            requests.awaitAll(requests.push(new io.liouring.operation.Send(shut, sendBuffer.asSlice(0, 1))
                    .msgFlags(MsgFlags.MSG_NOSIGNAL), requests.once("send after " + what, EPIPE)));
        }
        pairs.retire(pair);
        requests.awaitAll(pairs.close(pair.sender(reverse)), pairs.close(pair.receiver(reverse)));
    }

    private void closeUnderRecv(SocketPair pair, boolean reverse, boolean multishot) {
        // the other end closing with bytes it never received resets the connection (AF_UNIX always says so, TCP
        // says so once they have arrived)
        boolean unread = pair.stream(!reverse).size() > 0;
        IntPredicate ending = !unread ? r -> r == 0 : pair.tcp ? r -> r == 0 || r == ECONNRESET : r -> r == ECONNRESET;
        try (WaitingReceive waiting = new WaitingReceive(pair, reverse, multishot, "closing both sockets", ending)) {
            requests.awaitAll(pairs.close(pair.receiver(reverse)));
            requests.awaitAll(waiting.id, pairs.close(pair.sender(reverse)));
        }
        pairs.retire(pair);
    }
}
