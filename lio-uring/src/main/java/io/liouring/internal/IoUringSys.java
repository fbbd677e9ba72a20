package io.liouring.internal;

import java.lang.foreign.MemorySegment;

/**
 * The three io_uring system calls (numbers shared by x86_64 and the generic table used by aarch64).
 * Each returns the kernel's result or {@code -errno}; none allocates.
 */
public final class IoUringSys {
    private static final long SYS_IO_URING_SETUP = 425;
    private static final long SYS_IO_URING_ENTER = 426;
    private static final long SYS_IO_URING_REGISTER = 427;

    private IoUringSys() {
    }

    /** {@code io_uring_setup(entries, params)}: the ring fd, or {@code -errno}. */
    public static int setup(MemorySegment errnoState, int entries, MemorySegment params) {
        return (int) Libc.syscall(errnoState, SYS_IO_URING_SETUP, Integer.toUnsignedLong(entries), params.address(),
                0, 0, 0, 0);
    }

    /** {@code io_uring_enter(fd, toSubmit, minComplete, flags, arg, argSize)}: SQEs consumed, or {@code -errno}. */
    public static int enter(MemorySegment errnoState, int fd, int toSubmit, int minComplete, int flags,
                            long arg, long argSize) {
        return (int) Libc.syscall(errnoState, SYS_IO_URING_ENTER, Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(toSubmit), Integer.toUnsignedLong(minComplete), Integer.toUnsignedLong(flags),
                arg, argSize);
    }

    /**
     * {@code io_uring_enter} without a wait argument and without errno: SQEs consumed, or -1 on failure. A failed
     * enter consumed no SQE (the kernel returns the count once it took any), so the caller may repeat it with
     * {@link #enter} to learn the errno — except that {@code EBADR} (completions dropped) is reported once.
     */
    public static int enterWithoutErrno(int fd, int toSubmit, int minComplete, int flags) {
        return (int) Libc.syscallWithoutErrno(SYS_IO_URING_ENTER, Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(toSubmit), Integer.toUnsignedLong(minComplete), Integer.toUnsignedLong(flags),
                0, 0);
    }

    /** {@code io_uring_register(fd, opcode, arg, nrArgs)}: the opcode's result, or {@code -errno}. */
    public static int register(MemorySegment errnoState, int fd, int opcode, long arg, int nrArgs) {
        return (int) Libc.syscall(errnoState, SYS_IO_URING_REGISTER, Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(opcode), arg, Integer.toUnsignedLong(nrArgs), 0, 0);
    }
}
