package io.liouring.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.internal.SyscallNumbers.SYS_MEMBARRIER;

/**
 * A full memory barrier on every running thread of this process, paid by the thread that asks for it
 * ({@code membarrier(2)}, Linux 4.14): the asymmetric half of a handshake whose frequent side then needs no fence
 * of its own. The frequent side stores its flag with an ordered-but-unfenced store (opaque) and reads the other
 * side's flag; the rare side stores its flag with a volatile store, calls {@link #serialize()} and reads the
 * frequent side's flag. The barrier the kernel runs on every other thread of the process (an IPI to each CPU that
 * runs one; a thread that is not running passed a full barrier when it was switched out) orders the frequent
 * side's store before its later load, so one of the two sides sees the other's flag, as with fences on both.
 *
 * <p>{@code MEMBARRIER_CMD_PRIVATE_EXPEDITED} needs a registration of the process first, which costs a
 * {@code synchronize_rcu()} (milliseconds) once; it is made by the first {@link #serialize()}, not at class
 * initialisation, so that processes that never ask pay nothing. Where it cannot be registered,
 * {@code MEMBARRIER_CMD_GLOBAL} (slower: a grace period per call) stands in.
 */
public final class ProcessFence {
    private static final int CMD_QUERY = 0;
    private static final int CMD_GLOBAL = 1;
    private static final int CMD_PRIVATE_EXPEDITED = 1 << 3;
    private static final int CMD_REGISTER_PRIVATE_EXPEDITED = 1 << 4;

    /** The commands this kernel supports ({@code MEMBARRIER_CMD_QUERY}), 0 where there is no {@code membarrier}. */
    private static final int SUPPORTED = query();

    /**
     * Whether {@link #serialize()} works on this kernel: callers may use the fence-free side of the handshake only
     * if this is {@code true}, and must use fences on both sides otherwise.
     */
    public static final boolean AVAILABLE = (SUPPORTED & CMD_GLOBAL) != 0
            || (SUPPORTED & (CMD_PRIVATE_EXPEDITED | CMD_REGISTER_PRIVATE_EXPEDITED))
            == (CMD_PRIVATE_EXPEDITED | CMD_REGISTER_PRIVATE_EXPEDITED);

    /** Whether this process is registered for the expedited command (written under the class lock). */
    private static boolean registered;

    private ProcessFence() {
    }

    private static int query() {
        if (SYS_MEMBARRIER < 0) {
            return 0;
        }
        long r = Libc.syscallWithoutErrno(SYS_MEMBARRIER, CMD_QUERY, 0, 0, 0, 0, 0);
        return r < 0 ? 0 : (int) r;
    }

    /**
     * Runs a full memory barrier on every running thread of this process before it returns (and one on the caller).
     *
     * @throws IllegalStateException if this kernel has none ({@link #AVAILABLE} is {@code false}) or it failed
     */
    public static void serialize() {
        if (expedited() || call(CMD_GLOBAL)) {
            return;
        }
        throw new IllegalStateException("membarrier(2) failed: no process-wide memory barrier on this kernel");
    }

    private static synchronized boolean expedited() {
        if (!registered) {
            int both = CMD_PRIVATE_EXPEDITED | CMD_REGISTER_PRIVATE_EXPEDITED;
            if ((SUPPORTED & both) != both || !call(CMD_REGISTER_PRIVATE_EXPEDITED)) {
                return false;
            }
            registered = true;
        }
        return call(CMD_PRIVATE_EXPEDITED);
    }

    private static boolean call(int command) {
        if ((SUPPORTED & command) == 0) {
            return false;
        }
        try (Arena a = Arena.ofConfined()) {
            return Libc.syscall(Libc.newErrnoState(a), SYS_MEMBARRIER, command, 0, 0, 0, 0, 0) == 0;
        }
    }
}
