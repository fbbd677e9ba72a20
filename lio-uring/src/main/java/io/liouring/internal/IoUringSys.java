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

    /**
     * {@code io_uring_setup(entries, params)}: the ring fd, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link Libc#newErrnoState}
     * @param entries submission queue entries asked for
     * @param params a {@code struct io_uring_params} the kernel reads and fills in
     * @return the ring's descriptor, or {@code -errno}
     */
    public static int setup(MemorySegment errnoState, int entries, MemorySegment params) {
        return (int) Libc.syscall(errnoState, SYS_IO_URING_SETUP, Integer.toUnsignedLong(entries), params.address(),
                0, 0, 0, 0);
    }

    /**
     * {@code io_uring_enter(fd, toSubmit, minComplete, flags, arg, argSize)}: SQEs consumed, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link Libc#newErrnoState}
     * @param fd the ring, or its registered index with {@code IORING_ENTER_REGISTERED_RING}
     * @param toSubmit entries to consume from the submission queue
     * @param minComplete completions to wait for with {@code IORING_ENTER_GETEVENTS}
     * @param flags {@code IORING_ENTER_*} bits
     * @param arg a signal mask, or an {@code io_uring_getevents_arg} with {@code IORING_ENTER_EXT_ARG}; 0 for none
     * @param argSize the size of what {@code arg} points to
     * @return the number of entries consumed, or {@code -errno}
     */
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
     *
     * @param fd the ring, or its registered index with {@code IORING_ENTER_REGISTERED_RING}
     * @param toSubmit entries to consume from the submission queue
     * @param minComplete completions to wait for with {@code IORING_ENTER_GETEVENTS}
     * @param flags {@code IORING_ENTER_*} bits
     * @return the number of entries consumed, or -1
     */
    public static int enterWithoutErrno(int fd, int toSubmit, int minComplete, int flags) {
        return (int) Libc.syscallWithoutErrno(SYS_IO_URING_ENTER, Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(toSubmit), Integer.toUnsignedLong(minComplete), Integer.toUnsignedLong(flags),
                0, 0);
    }

    /**
     * {@code io_uring_enter} that only submits, through a {@code critical} downcall
     * ({@link Libc#syscallThatCannotBlock}): SQEs consumed, or -1 on failure, as {@link #enterWithoutErrno}.
     *
     * @param fd the ring, or its registered index with {@code IORING_ENTER_REGISTERED_RING}
     * @param toSubmit entries to consume from the submission queue
     * @param flags {@code IORING_ENTER_*} bits, never {@code GETEVENTS} nor {@code SQ_WAIT} (they wait)
     * @return the number of entries consumed, or -1
     */
    public static int submitWithoutWaiting(int fd, int toSubmit, int flags) {
        return (int) Libc.syscallThatCannotBlock(SYS_IO_URING_ENTER, Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(toSubmit), 0, Integer.toUnsignedLong(flags), 0, 0);
    }

    /**
     * {@code io_uring_register(fd, opcode, arg, nrArgs)}: the opcode's result, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link Libc#newErrnoState}
     * @param fd the ring
     * @param opcode an {@code IORING_REGISTER_*} value
     * @param arg the address of the opcode's argument, or 0
     * @param nrArgs the opcode's count argument
     * @return the opcode's result, or {@code -errno}
     */
    public static int register(MemorySegment errnoState, int fd, int opcode, long arg, int nrArgs) {
        return (int) Libc.syscall(errnoState, SYS_IO_URING_REGISTER, Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(opcode), arg, Integer.toUnsignedLong(nrArgs), 0, 0);
    }
}
