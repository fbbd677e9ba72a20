package io.liouring.nio.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Test fixture: makes {@code io_uring_setup(2)} fail in this whole process with a chosen errno, as a container
 * runtime's or systemd's seccomp profile does. {@code prctl(PR_SET_NO_NEW_PRIVS, 1)} (required to install a filter
 * without CAP_SYS_ADMIN), then {@code seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, prog)} with a
 * four-instruction classic BPF program: load the system call number, compare it with 425, return
 * {@code SECCOMP_RET_ERRNO | errno} on a match and {@code SECCOMP_RET_ALLOW} otherwise. 425 is io_uring_setup on
 * every architecture (it was added after the system call tables were unified). TSYNC puts every thread of the JVM
 * under the filter. A filter can never be removed: call this only in a forked JVM ({@link ForkedJvm}).
 */
@SuppressWarnings("restricted") // the forked JVM runs with --enable-native-access
final class SeccompFilter {
    /** {@code io_uring_setup}. */
    static final int IO_URING_SETUP = 425;

    private static final long SYS_SECCOMP = System.getProperty("os.arch").equals("aarch64") ? 277 : 317;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final long SECCOMP_SET_MODE_FILTER = 1;
    private static final long SECCOMP_FILTER_FLAG_TSYNC = 1;
    private static final int SECCOMP_RET_ERRNO = 0x0005_0000;
    private static final int SECCOMP_RET_ALLOW = 0x7fff_0000;
    private static final short BPF_LD_W_ABS = 0x20;
    private static final short BPF_JMP_JEQ_K = 0x15;
    private static final short BPF_RET_K = 0x06;
    /** {@code offsetof(struct seccomp_data, nr)}. */
    private static final int SECCOMP_DATA_NR = 0;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** {@code int prctl(int option, ...)}. */
    private static final MethodHandle PRCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("prctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** {@code long syscall(long number, ...)}, here {@code seccomp(operation, flags, args)}. */
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private SeccompFilter() {
    }

    /**
     * From now on {@code syscallNumber} fails with {@code errno} in every thread of this process.
     *
     * @throws IllegalStateException if the kernel refused the filter (its errno in the message)
     */
    static void refuse(int syscallNumber, int errno) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment program = arena.allocate(8L * 4, 8); // struct sock_filter[4]
            instruction(program, 0, BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_NR);
            instruction(program, 1, BPF_JMP_JEQ_K, 0, 1, syscallNumber);
            instruction(program, 2, BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | (errno & 0xFFFF));
            instruction(program, 3, BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW);
            MemorySegment fprog = arena.allocate(16, 8); // struct sock_fprog { unsigned short len; filter *filter; }
            fprog.set(JAVA_SHORT, 0, (short) 4);
            fprog.set(ADDRESS, 8, program);
            if ((int) PRCTL.invokeExact(state, PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) != 0) {
                throw new IllegalStateException("prctl(PR_SET_NO_NEW_PRIVS) failed, errno " + ERRNO.get(state, 0L));
            }
            long result = (long) SYSCALL.invokeExact(state, SYS_SECCOMP, SECCOMP_SET_MODE_FILTER,
                    SECCOMP_FILTER_FLAG_TSYNC, fprog);
            if (result != 0) {
                throw new IllegalStateException("seccomp(SECCOMP_SET_MODE_FILTER) failed: " + (result < 0
                        ? "errno " + ERRNO.get(state, 0L) : "thread " + result + " could not be synchronised"));
            }
        }
    }

    /** {@code struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }} number {@code index}. */
    private static void instruction(MemorySegment program, int index, short code, int jumpIfTrue, int jumpIfFalse,
                                    int k) {
        long at = 8L * index;
        program.set(JAVA_SHORT, at, code);
        program.set(JAVA_BYTE, at + 2, (byte) jumpIfTrue);
        program.set(JAVA_BYTE, at + 3, (byte) jumpIfFalse);
        program.set(JAVA_INT, at + 4, k);
    }
}
