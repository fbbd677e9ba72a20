package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.SigInfo;

import java.util.Objects;

/**
 * Waits for a child process to change state, like {@code waitid(2)} ({@code IORING_OP_WAITID}, Linux 6.7;
 * {@code io_uring_prep_waitid(3)}).
 *
 * <p>Completes with 0 once a matching child changed state, with its details in the {@link SigInfo} if one was
 * given; {@code -ECHILD} if there is no such child (or another waiter reaped it first), {@code -ECANCELED} if
 * cancelled. Without {@link #WNOWAIT} an exited child is reaped. Note that a JVM reaps the children it starts
 * itself ({@code ProcessBuilder}): waiting for those races with its reaper thread, so use {@link #WNOWAIT} there.
 */
public final class WaitId implements Operation {
    /** idtype: any child; the id is ignored. */
    public static final int P_ALL = 0;
    /** idtype: the child with this pid. */
    public static final int P_PID = 1;
    /** idtype: any child in this process group. */
    public static final int P_PGID = 2;
    /** idtype: the child this pidfd refers to (5.4). */
    public static final int P_PIDFD = 3;

    /** option: return at once if no child has changed state (the result is 0 and the siginfo's signo 0). */
    public static final int WNOHANG = 0x1;
    /** option: children that stopped. */
    public static final int WSTOPPED = 0x2;
    /** option: children that exited. */
    public static final int WEXITED = 0x4;
    /** option: stopped children that continued. */
    public static final int WCONTINUED = 0x8;
    /** option: leave the child waitable: report it without reaping it. */
    public static final int WNOWAIT = 0x0100_0000;

    private int idType;
    private int id;
    private int options;
    private SigInfo info;

    /**
     * Waits for the child process {@code idType} and {@code id} name.
     *
     * @param idType  {@link #P_PID}, {@link #P_PGID}, {@link #P_PIDFD} or {@link #P_ALL}
     * @param id      the pid, process group or pidfd ({@code idType} says which); ignored for {@code P_ALL}
     * @param options at least one of {@link #WEXITED}, {@link #WSTOPPED}, {@link #WCONTINUED}, plus
     *                {@link #WNOHANG}/{@link #WNOWAIT}
     */
    public WaitId(int idType, int id, int options) {
        target(idType, id);
        options(options);
    }

    /**
     * Change whom to wait for (for reuse).
     *
     * @param idType {@link #P_PID}, {@link #P_PGID}, {@link #P_PIDFD} or {@link #P_ALL}
     * @param id the pid, process group or pidfd; ignored for {@code P_ALL}
     * @return this operation
     */
    public WaitId target(int idType, int id) {
        if (idType < P_ALL || idType > P_PIDFD) {
            throw new IllegalArgumentException("idType must be P_ALL, P_PID, P_PGID or P_PIDFD (0..3): " + idType);
        }
        this.idType = idType;
        this.id = id;
        return this;
    }

    /**
     * Change the options (for reuse).
     *
     * @param options {@code WEXITED}, {@code WSTOPPED} and/or {@code WCONTINUED}, optionally with {@code WNOHANG} or
     * {@code WNOWAIT}
     * @return this operation
     */
    public WaitId options(int options) {
        if ((options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
            throw new IllegalArgumentException("options must include WEXITED, WSTOPPED or WCONTINUED: 0x"
                    + Integer.toHexString(options));
        }
        this.options = options;
        return this;
    }

    /**
     * Where the kernel writes what happened to the child (optional).
     *
     * @param info where the kernel writes the child's state; it must stay alive until the completion
     * @return this operation
     */
    public WaitId info(SigInfo info) {
        this.info = Objects.requireNonNull(info, "info");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.WAITID).fd(id).len(idType).fileIndex(options)
                .addr2(info == null ? 0 : info.segment().address());
    }
}
