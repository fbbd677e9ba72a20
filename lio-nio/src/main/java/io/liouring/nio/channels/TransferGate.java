package io.liouring.nio.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One direction of a socket channel (its reads, or its writes): whether an operation is pending, and whether an
 * earlier one timed out or was cancelled ("killed": later ones are refused, since bytes may have moved). One atomic
 * instruction to begin an operation and one to end it, where a monitor took two each.
 */
final class TransferGate {
    /** What {@link #tryBegin} returns when the operation may go ahead. */
    static final int OPEN = 0;
    /** An operation of this direction is pending. */
    static final int PENDING = 1;
    /** An earlier operation timed out or was cancelled. */
    static final int KILLED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TransferGate.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /**
     * Checks that an operation may start and, if {@code pend}, marks it pending.
     *
     * @return {@link #OPEN}, or why not: {@link #KILLED} (checked first) or {@link #PENDING}
     */
    int tryBegin(boolean pend) {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if ((s & KILLED) != 0) {
                return KILLED;
            }
            if ((s & PENDING) != 0) {
                return PENDING;
            }
            if (!pend || STATE.compareAndSet(this, s, s | PENDING)) {
                return OPEN;
            }
        }
    }

    /** The pending operation has ended; {@code killed}: by its timeout or cancellation. */
    void end(boolean killed) {
        if (killed) {
            kill();
        }
        STATE.getAndBitwiseAnd(this, ~PENDING);
    }

    /** Refuses every later operation (a timeout or cancel). */
    void kill() {
        STATE.getAndBitwiseOr(this, KILLED);
    }
}
