package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A native {@code siginfo_t} (128 bytes) as {@code waitid(2)} fills it: the signal ({@code SIGCHLD}), why the
 * child changed state ({@code si_code}, one of the {@code CLD_*} values), its pid, its real uid and its exit
 * status or signal ({@code si_status}). Layout of 64-bit Linux.
 */
public final class SigInfo {
    /** {@code sizeof(siginfo_t)}. */
    public static final long SIZE = 128;
    /** {@code SIGCHLD}, the signal waitid reports. */
    public static final int SIGCHLD = 17;
    /** si_code: the child exited; si_status is its exit status. */
    public static final int CLD_EXITED = 1;
    /** si_code: the child was killed; si_status is the signal. */
    public static final int CLD_KILLED = 2;
    /** si_code: the child was killed and dumped core; si_status is the signal. */
    public static final int CLD_DUMPED = 3;
    /** si_code: a traced child stopped. */
    public static final int CLD_TRAPPED = 4;
    /** si_code: the child stopped; si_status is the signal. */
    public static final int CLD_STOPPED = 5;
    /** si_code: the stopped child continued. */
    public static final int CLD_CONTINUED = 6;

    private static final long SIGNO = 0;
    private static final long CODE = 8;
    private static final long PID = 16;
    private static final long UID = 20;
    private static final long STATUS = 24;

    private final MemorySegment segment;

    private SigInfo(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return a zeroed siginfo allocated in {@code arena}}
     *
     * @param arena where the struct lives; it must stay open until the request has completed
     */
    public static SigInfo allocate(Arena arena) {
        Objects.requireNonNull(arena, "arena");
        return new SigInfo(arena.allocate(SIZE, 8));
    }

    /** {@return a zeroed siginfo in an automatic (garbage-collected) arena} */
    public static SigInfo allocate() {
        return allocate(Arena.ofAuto());
    }

    /** {@return {@code si_signo}: {@link #SIGCHLD} once filled, 0 if no child had changed state (WNOHANG)} */
    public int signo() {
        return segment.get(JAVA_INT, SIGNO);
    }

    /** {@return {@code si_code}: one of the {@code CLD_*} values} */
    public int code() {
        return segment.get(JAVA_INT, CODE);
    }

    /** {@return {@code si_pid}: the child's pid} */
    public int pid() {
        return segment.get(JAVA_INT, PID);
    }

    /** {@return {@code si_uid}: the child's real user id} */
    public int uid() {
        return segment.get(JAVA_INT, UID);
    }

    /** {@return {@code si_status}: the exit status for {@link #CLD_EXITED}, otherwise the signal} */
    public int status() {
        return segment.get(JAVA_INT, STATUS);
    }

    /**
     * Zeroes the struct (for reuse).
     *
     * @return this siginfo
     */
    public SigInfo clear() {
        segment.fill((byte) 0);
        return this;
    }

    /** {@return the native struct, for the kernel} */
    public MemorySegment segment() {
        return segment;
    }
}
