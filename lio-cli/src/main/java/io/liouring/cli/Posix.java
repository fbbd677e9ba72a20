package io.liouring.cli;

import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import static io.liouring.internal.SyscallNumbers.SYS_FCNTL;
import static io.liouring.internal.SyscallNumbers.SYS_IOCTL;
import static io.liouring.internal.SyscallNumbers.SYS_LSEEK;
import static io.liouring.internal.SyscallNumbers.SYS_WRITE;

/**
 * The few C library calls the tool needs that neither Java nor io_uring offers: {@code isatty(3)} (is stderr a
 * terminal, for the progress bar), {@code write(2)} with its errno (for standard output, whose failures Java's
 * streams report without one), {@code lseek(2)} (an input's position, for cat's input-is-output check; io_uring
 * has no seek), {@code fcntl(F_DUPFD_CLOEXEC)} (a descriptor of stdin or stdout for the library to own) and the user and group databases ({@code getpwuid(3)},
 * {@code getgrgid(3)}, through NSS as {@code stat(1)} uses them) for {@code %U} and {@code %G}.
 *
 * <p>Where the system call numbers are known (x86_64; aarch64 and riscv64 share the generic table), write, lseek,
 * fcntl and isatty (an {@code ioctl(2)} {@code TCGETS}, as the C library does it) are made through lio-uring's
 * {@code syscall(2)} handle, the one every ring links: a downcall handle of a new shape costs milliseconds to link,
 * a good part of the start-up time of {@code lio hash FILE}. Elsewhere they call the C library's functions.
 */
@SuppressWarnings("restricted") // native access is what this class is for; ./lio enables it
final class Posix {
    private static final int F_DUPFD_CLOEXEC = 1030;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code ioctl(2)} request: the terminal's attributes; fails (ENOTTY) on anything but a terminal. */
    private static final long TCGETS = 0x5401;
    /** Room for the kernel's {@code struct termios} (36 bytes on these architectures) that TCGETS fills in. */
    private static final long TERMIOS_BYTES = 64;

    // One holder class per function: a downcall handle costs milliseconds to link, so each is linked on first use
    // only (the JVM initialises a holder when its field is first read), and `lio stat` never links lseek.
    private static final class Lseek {
        static final MethodHandle HANDLE = downcall("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_INT), Linker.Option.captureCallState("errno"));
    }

    private static final class Write {
        static final MethodHandle HANDLE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
                JAVA_LONG), Linker.Option.captureCallState("errno"));
    }

    private static final class Fcntl {
        static final MethodHandle HANDLE = downcall("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT), Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    }

    private static final class Isatty {
        static final MethodHandle HANDLE = downcall("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    // getpwuid and getgrgid take an int and return a pointer: where Libc.SAME_SHAPE_CALLS, called through a handle of
    // the syscall handle's shape, which reuses the downcall stub every ring has linked (a stub of their own shape
    // cost `lio stat FILE` several milliseconds); elsewhere through a handle of their own shape.
    private static final class Getpwuid {
        static final MethodHandle HANDLE = Libc.SAME_SHAPE_CALLS ? Libc.syscallShaped("getpwuid")
                : downcall("getpwuid", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static final class Getgrgid {
        static final MethodHandle HANDLE = Libc.SAME_SHAPE_CALLS ? Libc.syscallShaped("getgrgid")
                : downcall("getgrgid", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private Posix() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("C library function not found: " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** {@code lseek(fd, offset, whence)}: the new offset, or {@code -errno} (ENXIO: no data after {@code offset}). */
    static long lseek(int fd, long offset, int whence) {
        try (Arena arena = Arena.ofConfined()) {
            if (SYS_LSEEK >= 0) {
                return Libc.syscall(Libc.newErrnoState(arena), SYS_LSEEK, fd, offset, whence, 0, 0, 0);
            }
            MemorySegment state = arena.allocate(CAPTURE);
            long r = (long) Lseek.HANDLE.invokeExact(state, fd, offset, whence);
            return r >= 0 ? r : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("lseek failed", t);
        }
    }

    /** {@code write(fd, bytes, bytes.byteSize())} of native {@code bytes}: the number written, or {@code -errno}. */
    static long write(int fd, MemorySegment bytes) {
        if (!bytes.isNative()) {
            throw new IllegalArgumentException("bytes must be native memory: " + bytes);
        }
        try (Arena arena = Arena.ofConfined()) {
            if (SYS_WRITE >= 0) {
                return Libc.syscall(Libc.newErrnoState(arena), SYS_WRITE, fd, bytes.address(), bytes.byteSize(), 0, 0,
                        0);
            }
            MemorySegment state = arena.allocate(CAPTURE);
            long r = (long) Write.HANDLE.invokeExact(state, fd, bytes, bytes.byteSize());
            return r >= 0 ? r : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("write failed", t);
        }
    }

    /**
     * {@code fcntl(fd, F_DUPFD_CLOEXEC, 0)}: a new descriptor for the same open file (sharing its position), or
     * {@code -errno}.
     */
    static int duplicate(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            if (SYS_FCNTL >= 0) {
                return (int) Libc.syscall(Libc.newErrnoState(arena), SYS_FCNTL, fd, F_DUPFD_CLOEXEC, 0, 0, 0, 0);
            }
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) Fcntl.HANDLE.invokeExact(state, fd, F_DUPFD_CLOEXEC, 0);
            return r >= 0 ? r : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("fcntl failed", t);
        }
    }

    /** Whether {@code fd} is a terminal. */
    static boolean isTerminal(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            if (SYS_IOCTL >= 0) {
                MemorySegment termios = arena.allocate(TERMIOS_BYTES);
                return Libc.syscall(Libc.newErrnoState(arena), SYS_IOCTL, fd, TCGETS, termios.address(), 0, 0, 0) == 0;
            }
            return (int) Isatty.HANDLE.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException("isatty failed", t);
        }
    }

    /** The name of user {@code uid}, or {@code null} if the user database has none. */
    static String userName(int uid) {
        try {
            return firstString(Libc.SAME_SHAPE_CALLS ? idToStruct(Getpwuid.HANDLE, uid)
                    : (MemorySegment) Getpwuid.HANDLE.invokeExact(uid));
        } catch (Throwable t) {
            throw new IllegalStateException("getpwuid failed", t);
        }
    }

    /** The name of group {@code gid}, or {@code null} if the group database has none. */
    static String groupName(int gid) {
        try {
            return firstString(Libc.SAME_SHAPE_CALLS ? idToStruct(Getgrgid.HANDLE, gid)
                    : (MemorySegment) Getgrgid.HANDLE.invokeExact(gid));
        } catch (Throwable t) {
            throw new IllegalStateException("getgrgid failed", t);
        }
    }

    /**
     * {@code struct passwd *getpwuid(uid_t)} or {@code struct group *getgrgid(gid_t)} through a syscall-shaped
     * handle. The id goes sign-extended to 64 bits, as riscv64's convention wants a 32-bit argument (x86_64 and aarch64
     * read the low 32 bits).
     */
    private static MemorySegment idToStruct(MethodHandle function, int id) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long struct = (long) function.invokeExact(Libc.newErrnoState(arena), (long) id, 0L, 0L, 0L, 0L, 0L, 0L);
            return MemorySegment.ofAddress(struct);
        }
    }

    /** {@code struct passwd} and {@code struct group} both start with the name ({@code char *}). */
    private static String firstString(MemorySegment struct) {
        if (struct.equals(MemorySegment.NULL)) {
            return null;
        }
        MemorySegment name = struct.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
        return name.equals(MemorySegment.NULL) ? null : name.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
