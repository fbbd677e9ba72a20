package io.liouring.internal;

/**
 * The numbers of the system calls lio-uring makes through {@link Libc}'s {@code syscall} handle instead of libc's
 * wrappers (one linked handle instead of one per function): x86_64's table, and the generic table that aarch64 and
 * riscv64 share. On any other architecture each is -1, and callers fall back to libc's function of that name.
 */
public final class SyscallNumbers {
    private static final String ARCH = System.getProperty("os.arch", "");
    private static final boolean X86_64 = ARCH.equals("amd64") || ARCH.equals("x86_64");
    private static final boolean GENERIC_TABLE = ARCH.equals("aarch64") || ARCH.equals("riscv64");

    /** {@code write(2)}. */
    public static final long SYS_WRITE = of(1, 64);
    /** {@code close(2)}. */
    public static final long SYS_CLOSE = of(3, 57);
    /** {@code lseek(2)}. */
    public static final long SYS_LSEEK = of(8, 62);
    /** {@code mmap(2)}. */
    public static final long SYS_MMAP = of(9, 222);
    /** {@code munmap(2)}. */
    public static final long SYS_MUNMAP = of(11, 215);
    /** {@code ioctl(2)}. */
    public static final long SYS_IOCTL = of(16, 29);
    /** {@code fcntl(2)}. */
    public static final long SYS_FCNTL = of(72, 25);
    /** {@code ftruncate(2)}. */
    public static final long SYS_FTRUNCATE = of(77, 46);
    /** {@code openat(2)}. */
    public static final long SYS_OPENAT = of(257, 56);
    /** {@code eventfd2(2)}. */
    public static final long SYS_EVENTFD2 = of(290, 19);
    /** {@code pipe2(2)}. */
    public static final long SYS_PIPE2 = of(293, 59);
    /** {@code membarrier(2)}. */
    public static final long SYS_MEMBARRIER = of(324, 283);
    /** {@code sendfile(2)} (the generic table's {@code sendfile64}). */
    public static final long SYS_SENDFILE = of(40, 71);
    /** {@code splice(2)}. */
    public static final long SYS_SPLICE = of(275, 76);
    /** {@code ppoll(2)}. */
    public static final long SYS_PPOLL = of(271, 73);
    /** {@code copy_file_range(2)}. */
    public static final long SYS_COPY_FILE_RANGE = of(326, 285);

    private SyscallNumbers() {
    }

    private static long of(long x86_64, long generic) {
        return X86_64 ? x86_64 : GENERIC_TABLE ? generic : -1;
    }
}
