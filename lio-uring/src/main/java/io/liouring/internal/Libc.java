package io.liouring.internal;

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

import static io.liouring.internal.SyscallNumbers.SYS_CLOSE;
import static io.liouring.internal.SyscallNumbers.SYS_MMAP;
import static io.liouring.internal.SyscallNumbers.SYS_MUNMAP;
import static io.liouring.internal.SyscallNumbers.SYS_OPENAT;

/**
 * The libc entry points lio-uring needs, as downcall handles built once each, on first use.
 *
 * <p>Every call takes an errno capture segment first (see {@link #newErrnoState(Arena)}) and returns
 * the kernel's convention: a non-negative result, or {@code -errno}. No call allocates.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");


    // Each handle in a holder class of its own, linked when the holder is first used: linking a downcall handle
    // takes milliseconds (more for the first), and a short-lived program such as `lio stat` needs only some.

    /** {@code long syscall(long number, ...)}: one long, then six variadic longs. */
    private static final FunctionDescriptor SYSCALL_SHAPE = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final Linker.Option FIRST_VARIADIC = Linker.Option.firstVariadicArg(1);

    /**
     * Whether {@link #syscallShaped} may be used: on x86_64, aarch64 and riscv64 (LP64 Linux), where
     * {@code SyscallNumbers} knows the numbers.
     */
    public static final boolean SAME_SHAPE_CALLS = SyscallNumbers.SYS_WRITE >= 0;

    /** {@code long syscall(long number, ...)}, always with six variadic longs (the kernel ignores the extras). */
    private static final class Syscall {
        static final MethodHandle HANDLE = downcall("syscall", SYSCALL_SHAPE, FIRST_VARIADIC, CAPTURE_ERRNO);
    }

    /**
     * The same without errno capture, whose per-call slice of the capture segment is an allocation (see below).
     * Linked only once {@link #syscallWithoutErrno} has been called {@link #CALLS_BEFORE_LINKING} times: before
     * that, those calls go through {@link Syscall}, which every ring links anyway, so that a short program such as
     * {@code lio cat FILE} links one {@code syscall} handle instead of two.
     */
    private static final class SyscallNoErrno {
        static final MethodHandle HANDLE = downcall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    }

    /**
     * The same again, linked {@code critical}: no thread-state transition to native and back, so the JVM cannot reach
     * a safepoint while the call runs. Only for system calls that do not block (see {@link #syscallThatCannotBlock}).
     */
    private static final class SyscallCritical {
        static final MethodHandle HANDLE = downcall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1),
                Linker.Option.critical(false));
    }

    /** Where the calls of {@link #syscallWithoutErrno} made through {@link Syscall} leave an errno nobody reads. */
    private static final class DiscardedErrno {
        static final MemorySegment STATE = Arena.global().allocate(CAPTURE_LAYOUT);
    }

    /**
     * How many calls of {@link #syscallWithoutErrno} go through {@link Syscall} before {@link SyscallNoErrno} is
     * linked: enough for a short program's few dozen, few enough that a long-running one soon stops allocating.
     */
    static final int CALLS_BEFORE_LINKING = 1024;
    /** Calls of {@link #syscallWithoutErrno} so far, up to {@link #CALLS_BEFORE_LINKING}; racy, approximate is enough. */
    private static int callsWithoutErrno;

    private static final class Mmap {
        static final MethodHandle HANDLE = downcall("mmap", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), CAPTURE_ERRNO);
    }

    private static final class Munmap {
        static final MethodHandle HANDLE = downcall("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG),
                CAPTURE_ERRNO);
    }

    private static final class Close {
        static final MethodHandle HANDLE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class Openat {
        static final MethodHandle HANDLE = downcall("openat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3), CAPTURE_ERRNO);
    }

    private static final class ClockGettime {
        static final MethodHandle HANDLE = downcall("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS),
                CAPTURE_ERRNO);
    }

    // Where lio-uring knows the system call numbers ({@code SyscallNumbers}), mmap,
    // munmap, close and openat go through the syscall handle as well: a ring's life then links one handle with
    // errno capture instead of four. Elsewhere they call libc's functions of those names.

    /** {@code mmap(2)} protection: pages may be read. */
    public static final int PROT_READ = 0x1;
    /** {@code mmap(2)} protection: pages may be written. */
    public static final int PROT_WRITE = 0x2;
    /** {@code mmap(2)}: share the mapping with the kernel and other mappers. */
    public static final int MAP_SHARED = 0x01;
    /** {@code mmap(2)}: fault the pages in at once. */
    public static final int MAP_POPULATE = 0x8000;
    private static final long MAP_FAILED = -1L;

    private Libc() {
    }

    /**
     * {@return a handle on libc's function {@code name}, called as the {@code syscall} handle is} Its type is
     * {@code (MemorySegment errnoState, long, long, long, long, long, long, long)long}, as {@link #syscall}'s handle:
     * the JDK keeps the code it generates for a downcall by shape and options, so a handle of a shape already linked
     * costs little where a new shape costs milliseconds (a good part of {@code lio stat}'s start-up time). Only for a
     * function of at most six parameters, all integers or pointers, with such a result (pass an {@code int} widened
     * to {@code long} by sign), and only where {@link #SAME_SHAPE_CALLS}: there, the C calling convention passes
     * those arguments in the same registers whether the call is variadic or not, and a callee ignores arguments
     * beyond its own.
     *
     * @param name the function's name in libc
     */
    public static MethodHandle syscallShaped(String name) {
        if (!SAME_SHAPE_CALLS) {
            throw new UnsupportedOperationException("no syscall-shaped calls on " + System.getProperty("os.arch"));
        }
        return downcall(name, SYSCALL_SHAPE, FIRST_VARIADIC, CAPTURE_ERRNO);
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /**
     * Allocates the small segment a call writes errno into; one per thread of use (the ring owns one).
     *
     * @param arena where the segment lives; it must outlive every call that uses it
     * @return the capture segment
     */
    public static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** The errno a call with capture state {@code state} left. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * {@return raw {@code syscall(2)} without errno: the result, or -1 on any failure} For hot paths only: the JDK
     * slices the capture segment on every capturing call, a 40-byte allocation unless the JIT removes it; callers that
     * see -1 repeat the call with {@link #syscall} where repeating is safe, to learn the errno. The first
     * 1024 calls of the process ({@code CALLS_BEFORE_LINKING}) still capture errno, into a segment nobody reads, so
     * that the handle without capture is linked only by programs that make many calls.
     *
     * @param number the system call number
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @param e the fifth argument
     * @param f the sixth argument
     */
    public static long syscallWithoutErrno(long number, long a, long b, long c, long d, long e, long f) {
        try {
            if (callsWithoutErrno < CALLS_BEFORE_LINKING) {
                callsWithoutErrno++;
                return (long) Syscall.HANDLE.invokeExact(DiscardedErrno.STATE, number, a, b, c, d, e, f);
            }
            return (long) SyscallNoErrno.HANDLE.invokeExact(number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@return raw {@code syscall(2)} without errno, as {@link #syscallWithoutErrno}, through a {@code critical}
     * downcall} The calling thread stays "in Java" during the call, which saves the two thread-state transitions of
     * a normal downcall, and safepoints (garbage collection) wait until it returns: so the call must not block or run
     * long, and must not wait on anything a Java thread does. Until {@code CALLS_BEFORE_LINKING} calls have been
     * made through {@link #syscallWithoutErrno} and this method together, it is {@link #syscallWithoutErrno}, so that a
     * short program links no third {@code syscall} handle.
     *
     * @param number the system call number
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @param e the fifth argument
     * @param f the sixth argument
     */
    public static long syscallThatCannotBlock(long number, long a, long b, long c, long d, long e, long f) {
        if (callsWithoutErrno < CALLS_BEFORE_LINKING) {
            return syscallWithoutErrno(number, a, b, c, d, e, f);
        }
        try {
            return (long) SyscallCritical.HANDLE.invokeExact(number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@return raw {@code syscall(2)}: the result, or {@code -errno}}
     *
     * @param errnoState the capture segment of {@link #newErrnoState}
     * @param number the system call number
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @param e the fifth argument
     * @param f the sixth argument
     */
    public static long syscall(MemorySegment errnoState, long number, long a, long b, long c, long d, long e, long f) {
        try {
            long r = (long) Syscall.HANDLE.invokeExact(errnoState, number, a, b, c, d, e, f);
            return r == -1 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code mmap(2)} of a file descriptor: returns the address, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link #newErrnoState}
     * @param length bytes to map
     * @param prot {@link #PROT_READ} and/or {@link #PROT_WRITE}
     * @param flags {@link #MAP_SHARED}, with {@link #MAP_POPULATE} if wanted
     * @param fd the descriptor to map
     * @param offset the offset in the descriptor, a multiple of the page size
     * @return the mapping's address, or {@code -errno}
     */
    public static long mmap(MemorySegment errnoState, long length, int prot, int flags, int fd, long offset) {
        if (SYS_MMAP >= 0) {
            return syscall(errnoState, SYS_MMAP, 0, length, prot, flags, fd, offset);
        }
        try {
            long r = (long) Mmap.HANDLE.invokeExact(errnoState, 0L, length, prot, flags, fd, offset);
            return r == MAP_FAILED ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code munmap(2)}: 0, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link #newErrnoState}
     * @param address a mapping's address
     * @param length its length
     * @return 0, or {@code -errno}
     */
    public static int munmap(MemorySegment errnoState, long address, long length) {
        if (SYS_MUNMAP >= 0) {
            return (int) syscall(errnoState, SYS_MUNMAP, address, length, 0, 0, 0, 0);
        }
        try {
            int r = (int) Munmap.HANDLE.invokeExact(errnoState, address, length);
            return r == -1 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Capture segments lent for one call at a time, so that a call that must learn errno needs no arena of its own. */
    private static final class LentErrno {
        /** Bytes between two segments: a cache line each. */
        static final long SPACING = 64;
        static final SlotClaims CLAIMS = new SlotClaims(64);
        static final MemorySegment STATES = Arena.global().allocate(SPACING * 64, SPACING);
    }

    /**
     * Unmaps the whole of {@code mapping} ({@code munmap(2)}) with a capture segment lent for the call: the cleanup
     * action of a mapped segment, which has no arena to allocate one in.
     *
     * @param mapping a segment over a whole mapping: its address and size as mmap returned and was given them
     * @return 0, or {@code -errno}
     */
    public static int unmap(MemorySegment mapping) {
        int slot = LentErrno.CLAIMS.claim();
        try {
            return munmap(LentErrno.STATES.asSlice(slot * LentErrno.SPACING, CAPTURE_LAYOUT.byteSize()),
                    mapping.address(), mapping.byteSize());
        } finally {
            LentErrno.CLAIMS.release(slot);
        }
    }

    /**
     * {@code close(2)} with a capture segment lent for the call: 0, or {@code -errno}. No allocation, where an arena of
     * the caller's own costs a native allocation and its release per call.
     *
     * @param fd the descriptor
     * @return 0, or {@code -errno}
     */
    public static int close(int fd) {
        int slot = LentErrno.CLAIMS.claim();
        try {
            return close(LentErrno.STATES.asSlice(slot * LentErrno.SPACING, CAPTURE_LAYOUT.byteSize()), fd);
        } finally {
            LentErrno.CLAIMS.release(slot);
        }
    }

    /**
     * {@code close(2)}: 0, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link #newErrnoState}
     * @param fd the descriptor
     * @return 0, or {@code -errno}
     */
    public static int close(MemorySegment errnoState, int fd) {
        if (SYS_CLOSE >= 0) {
            return (int) syscall(errnoState, SYS_CLOSE, fd, 0, 0, 0, 0, 0);
        }
        try {
            int r = (int) Close.HANDLE.invokeExact(errnoState, fd);
            return r == -1 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code openat(2)} with a NUL-terminated native path: the descriptor, or {@code -errno}.
     *
     * @param errnoState the capture segment of {@link #newErrnoState}
     * @param dirfd the directory {@code path} is relative to, or {@code AT_FDCWD}
     * @param path native memory holding the path and its NUL
     * @param flags {@code O_*} bits
     * @param mode permission bits of a created file
     * @return the descriptor, or {@code -errno}
     */
    public static int openat(MemorySegment errnoState, int dirfd, MemorySegment path, int flags, int mode) {
        if (!path.isNative()) {
            throw new IllegalArgumentException("path must be native memory: " + path);
        }
        if (SYS_OPENAT >= 0) {
            return (int) syscall(errnoState, SYS_OPENAT, dirfd, path.address(), flags, mode, 0, 0);
        }
        try {
            int r = (int) Openat.HANDLE.invokeExact(errnoState, dirfd, path, flags, mode);
            return r == -1 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code clock_gettime(2)} into a 16-byte {@code struct timespec}: 0, or {@code -errno}. */
    public static int clockGettime(MemorySegment errnoState, int clockId, MemorySegment timespec) {
        try {
            int r = (int) ClockGettime.HANDLE.invokeExact(errnoState, clockId, timespec);
            return r == -1 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
