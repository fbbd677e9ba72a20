package io.liouring.property;

import java.util.List;

/**
 * One action of a random sequence. Each names only what varies; {@link SequenceRunner} (and {@link SocketSteps} for
 * sockets) turns it into requests on the ring, predicts every completion from its model of the file, the pipes and
 * the sockets, and checks what the kernel posts.
 * Steps that need something the model does not have (a read of an empty pipe) do nothing.
 */
sealed interface Step {
    /** Writes {@code length} bytes (derived from {@code seed}) to the file at {@code offset}. */
    record FileWrite(int offset, int length, int seed) implements Step {
    }

    /** Reads up to {@code length} bytes of the file at {@code offset}, into a buffer of the group if {@code select}. */
    record FileRead(int offset, int length, boolean select) implements Step {
    }

    /** Fsync of the file. */
    record FileSync() implements Step {
    }

    /** Ftruncate of the file to {@code length}. */
    record FileTruncate(int length) implements Step {
    }

    /** Writes {@code length} bytes to pipe A. */
    record PipeWrite(int length, int seed) implements Step {
    }

    /** Reads up to {@code length} bytes of pipe A (nothing if it is empty: the read would wait). */
    record PipeRead(int length) implements Step {
    }

    /** Splices up to {@code length} bytes from pipe A to pipe B. */
    record PipeSplice(int length) implements Step {
    }

    /** Tees up to {@code length} bytes from pipe A to pipe B. */
    record PipeTee(int length) implements Step {
    }

    /** Splices up to {@code length} bytes from pipe A into the file at {@code offset}. */
    record SpliceToFile(int offset, int length) implements Step {
    }

    /** Reads pipe B empty, checking every byte. */
    record DrainPipeB() implements Step {
    }

    /** A timeout of {@code micros}, left in flight: completes with -ETIME some time later. */
    record Timeout(int micros) implements Step {
    }

    /** NOPs left in flight: each with result 0 or an injected {@code -errno}, some with CQE_SKIP_SUCCESS. */
    record Nops(List<Nop> nops) implements Step {
    }

    /** One NOP of {@link Nops} or {@link Chain}: {@code result} 0, or {@code -errno} injected. */
    record Nop(int result, boolean skipSuccess) implements Step.Member {
    }

    /** A chain of linked requests (soft or hard links), cut to the submission queue's size. */
    record Chain(List<Member> members, boolean hard) implements Step {
    }

    /** What a {@link Chain} is made of. */
    sealed interface Member permits Nop, ChainWrite, ChainRead {
    }

    /** A file write in a chain. */
    record ChainWrite(int offset, int length, int seed) implements Member {
    }

    /** A file read in a chain (short when it reaches the end of the file, which breaks a soft link). */
    record ChainRead(int offset, int length) implements Member {
    }

    /** A read of an always-empty pipe, linked to a timeout of {@code micros}: the timeout cancels it. */
    record LinkTimeoutRead(int micros) implements Step {
    }

    /** A poll or a read that waits forever on an empty pipe, then cancelled (by POLL_REMOVE or ASYNC_CANCEL). */
    record CancelWaiting(boolean poll, boolean pollRemove) implements Step {
    }

    /** ASYNC_CANCEL of a user_data nothing was pushed with: -ENOENT. */
    record CancelNothing() implements Step {
    }

    /** A multishot poll on a pipe while {@code writes} are written to it, then removed. */
    record PollMultishot(List<Integer> writes) implements Step {
    }

    /** A multishot read of a pipe into a fresh group of {@code buffers} provided buffers while {@code writes} arrive. */
    record ReadMultishot(List<Integer> writes, int buffers) implements Step {
    }

    /** Opens the file and closes the new descriptor, both through the ring. */
    record OpenClose() implements Step {
    }

    /** Waits for everything in flight. */
    record Settle() implements Step {
    }

    /**
     * A call on a handle of an event loop — a file, a pipe end or a socket taken over by the loop — raced by a close or
     * a cancel that {@code actor} issues after {@code delayMicros}: the test thread, another platform thread, a virtual
     * thread, or the loop thread itself. The call must end normally or with the documented outcome of what raced it,
     * its requests must be released, its handle's descriptor closed, and what it wrote must be a prefix of its data
     * ({@link HandleSteps}).
     *
     * @param blocking the full-length call is the blocking form, on a thread of its own, rather than the future
     *                 (sockets have only the blocking form)
     */
    record HandleRace(Handle handle, Call call, boolean blocking, Actor actor, Action action, int delayMicros)
            implements Step {
    }

    /** What a {@link HandleRace} races on. */
    enum Handle {
        /** A regular file: every call can finish on its own. */
        FILE,
        /** One end of a pipe whose other end nobody serves: reads wait, writes fill it and wait. */
        PIPE,
        /** One end of an AF_UNIX socketpair whose other end nobody serves: reads wait, writes fill it and wait. */
        SOCKET
    }

    /** The call a {@link HandleRace} races with. */
    enum Call {
        /** One read request ({@code readAsync}). */
        READ,
        /** A full-length read ({@code readFully}/{@code readFullyAsync}) of more than there is. */
        READ_FULLY,
        /** One write request ({@code writeAsync}). */
        WRITE,
        /** A full-length write ({@code writeFully}/{@code writeFullyAsync}) of more than a pipe or socket holds. */
        WRITE_FULLY
    }

    /** Who issues the close or the cancel of a {@link HandleRace}. */
    enum Actor {
        TEST_THREAD, PLATFORM_THREAD, VIRTUAL_THREAD, LOOP_THREAD
    }

    /**
     * What races the call: a blocking or an asynchronous close, a cancel (of the future; of a blocking call, an
     * interrupt of its thread), or a cancel and a close at once (the close from the test thread).
     */
    enum Action {
        CLOSE, CLOSE_ASYNC, CANCEL, CANCEL_AND_CLOSE
    }

    /**
     * A step on a connected pair of stream sockets, made when first used: an AF_UNIX socketpair, or a TCP connection
     * over loopback (socket, bind, listen, accept and connect through the ring). The model holds, per direction, the
     * bytes sent that the other end has not received yet; a socket receives exactly those, in order.
     */
    sealed interface SocketStep extends Step {
        /** The TCP pair rather than the AF_UNIX one. */
        boolean tcp();

        /** The second socket of the pair sends and the first receives, rather than the other way round. */
        boolean reverse();
    }

    /** How a {@link Send} sends. */
    enum Via {
        /** {@code IORING_OP_SEND}. */
        SEND,
        /** {@code IORING_OP_SENDMSG}, the bytes split over two vectors. */
        SENDMSG,
        /** {@code IORING_OP_SEND_ZC}: the result with F_MORE, then a notification (refused on AF_UNIX: -EOPNOTSUPP). */
        SEND_ZC
    }

    /**
     * Sends {@code length} bytes; {@code waitAll} (MSG_WAITALL) makes a TCP send whole; {@code skipSuccess} asks for no
     * completion on success where the result is known in advance (not with SEND_ZC, which refuses it).
     */
    record Send(boolean tcp, boolean reverse, Via via, int length, int seed, boolean waitAll, boolean skipSuccess)
            implements SocketStep {
    }

    /** Receives up to {@code length} bytes of what is waiting (nothing if nothing is: the receive would wait). */
    record Recv(boolean tcp, boolean reverse, int length, boolean msg, boolean waitAll) implements SocketStep {
    }

    /** A receive of up to {@code recvLength} bytes pushed on an empty socket, then a send of {@code sendLength} that wakes it. */
    record RecvWaiting(boolean tcp, boolean reverse, int recvLength, int sendLength, int seed) implements SocketStep {
    }

    /** A send linked (soft or hard) to a receive at the other end. */
    record LinkedSendRecv(boolean tcp, boolean reverse, int length, int seed, boolean hard) implements SocketStep {
    }

    /**
     * A multishot receive into a fresh group of {@code buffers} provided buffers while {@code writes} are sent; each
     * buffer is given back at once if {@code recycle}, else the group runs dry (-ENOBUFS) when the bytes outgrow it.
     */
    record RecvMultishot(boolean tcp, boolean reverse, List<Integer> writes, int buffers, boolean recycle)
            implements SocketStep {
    }

    /** A receive (multishot or not) waiting on an empty socket, cancelled by its user_data or by its descriptor. */
    record CancelRecv(boolean tcp, boolean reverse, boolean multishot, boolean byFd) implements SocketStep {
    }

    /**
     * A receive (multishot or not) waiting on an empty socket, ended by a shutdown: of its own socket's reading side
     * ({@code ownReadSide}), or of the other end's writing side, after which a send there fails with -EPIPE. The pair
     * is closed afterwards.
     */
    record Shutdown(boolean tcp, boolean reverse, boolean multishot, boolean ownReadSide) implements SocketStep {
    }

    /**
     * A receive (multishot or not) waiting on an empty socket whose descriptor is closed under it: the request keeps
     * the socket alive, and ends only when the other end closes too (end of stream, or -ECONNRESET if that end left
     * bytes unread).
     */
    record CloseUnderRecv(boolean tcp, boolean reverse, boolean multishot) implements SocketStep {
    }
}
