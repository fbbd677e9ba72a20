package io.liouring.testing;

import io.liouring.UringException;
import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Test support: the few system calls the ring-resource tests need (eventfd, read, gettid, setresuid), made with
 * raw {@code syscall(2)} on x86_64 and aarch64.
 */
public final class ResourcesNative {
    private static final boolean ARM = System.getProperty("os.arch").equals("aarch64");
    private static final long SYS_READ = ARM ? 63 : 0;
    private static final long SYS_EVENTFD2 = ARM ? 19 : 290;
    private static final long SYS_GETTID = ARM ? 178 : 186;
    private static final long SYS_SETRESUID = ARM ? 147 : 117;
    private static final long EFD_NONBLOCK = 0x800;
    private static final long EFD_CLOEXEC = 0x80000;
    private static final int EAGAIN = 11;

    private ResourcesNative() {
    }

    private static long call(String name, long number, long a, long b, long c) {
        try (Arena arena = Arena.ofConfined()) {
            long r = Libc.syscall(Libc.newErrnoState(arena), number, a, b, c, 0, 0, 0);
            if (r < 0 && r != -EAGAIN) {
                throw new UringException(name, (int) -r);
            }
            return r;
        }
    }

    /** A non-blocking eventfd with counter 0. */
    public static int eventFd() {
        return (int) call("eventfd2", SYS_EVENTFD2, 0, EFD_NONBLOCK | EFD_CLOEXEC, 0);
    }

    /** Reads and resets an eventfd's counter: 0 if it was not signalled. */
    public static long drainEventFd(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_LONG);
            long r = Libc.syscall(Libc.newErrnoState(arena), SYS_READ, fd, value.address(), 8, 0, 0, 0);
            if (r == -EAGAIN) {
                return 0;
            }
            if (r != 8) {
                throw new UringException("read(eventfd)", (int) -r);
            }
            return value.get(JAVA_LONG, 0);
        }
    }

    /** The calling OS thread's id. */
    public static int gettid() {
        return (int) call("gettid", SYS_GETTID, 0, 0, 0);
    }

    /**
     * Changes the effective uid of the calling OS thread only (the raw system call, unlike glibc's wrapper, does
     * not touch the other threads); the real and saved uids stay, so a root thread can switch back.
     */
    public static void setThreadEffectiveUid(int uid) {
        call("setresuid", SYS_SETRESUID, -1, uid, -1);
    }
}
