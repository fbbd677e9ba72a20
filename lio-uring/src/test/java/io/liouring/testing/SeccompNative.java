package io.liouring.testing;

import io.liouring.UringException;

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
 * Test support: a seccomp filter that makes one system call fail with a chosen errno, the way container runtimes
 * and systemd's {@code SystemCallFilter=} hide io_uring ({@code seccomp(2)} with {@code SECCOMP_SET_MODE_FILTER},
 * after {@code prctl(PR_SET_NO_NEW_PRIVS)}). The filter covers every thread of the process
 * ({@code SECCOMP_FILTER_FLAG_TSYNC}) and cannot be removed: install it only in a child JVM.
 */
public final class SeccompNative {
    private static final boolean ARM = System.getProperty("os.arch").equals("aarch64");
    private static final long SYS_SECCOMP = ARM ? 277 : 317;
    private static final int AUDIT_ARCH = ARM ? 0xC00000B7 : 0xC000003E;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    private static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    private static final int SECCOMP_RET_ERRNO = 0x00050000;
    // classic BPF: BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
    private static final short LOAD_WORD = 0x20;
    private static final short JUMP_IF_EQUAL = 0x15;
    private static final short RETURN = 0x06;
    /** Offsets in {@code struct seccomp_data}: the system call number, then the audit architecture. */
    private static final int NR = 0;
    private static final int ARCH = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle PRCTL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("prctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private SeccompNative() {
    }

    /** From now on, system call {@code number} fails with {@code errno} in every thread of this process. */
    public static void refuse(long number, int errno) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment program = arena.allocate(8L * 6, 8);
            int i = 0;
            i = instruction(program, i, LOAD_WORD, 0, 0, ARCH);
            i = instruction(program, i, JUMP_IF_EQUAL, 0, 3, AUDIT_ARCH); // another ABI: allow
            i = instruction(program, i, LOAD_WORD, 0, 0, NR);
            i = instruction(program, i, JUMP_IF_EQUAL, 0, 1, (int) number);
            i = instruction(program, i, RETURN, 0, 0, SECCOMP_RET_ERRNO | (errno & 0xFFFF));
            i = instruction(program, i, RETURN, 0, 0, SECCOMP_RET_ALLOW);
            MemorySegment fprog = arena.allocate(16, 8); // struct sock_fprog { u16 len; sock_filter *filter; }
            fprog.set(JAVA_SHORT, 0, (short) i);
            fprog.set(ADDRESS, 8, program);
            if ((int) PRCTL.invokeExact(state, PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) != 0) {
                throw new UringException("prctl(PR_SET_NO_NEW_PRIVS)", (int) ERRNO.get(state, 0L));
            }
            long r = (long) SYSCALL.invokeExact(state, SYS_SECCOMP, (long) SECCOMP_SET_MODE_FILTER,
                    (long) SECCOMP_FILTER_FLAG_TSYNC, fprog);
            if (r != 0) {
                throw new UringException("seccomp(SECCOMP_SET_MODE_FILTER)", r < 0 ? (int) ERRNO.get(state, 0L) : 0,
                        r > 0 ? "thread " + r + " could not be synchronised" : null);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Writes {@code struct sock_filter {u16 code; u8 jt; u8 jf; u32 k;}} number {@code i}; returns {@code i + 1}. */
    private static int instruction(MemorySegment program, int i, short code, int jumpTrue, int jumpFalse, int k) {
        long at = 8L * i;
        program.set(JAVA_SHORT, at, code);
        program.set(JAVA_BYTE, at + 2, (byte) jumpTrue);
        program.set(JAVA_BYTE, at + 3, (byte) jumpFalse);
        program.set(JAVA_INT, at + 4, k);
        return i + 1;
    }
}
