package io.liouring.testing;

import io.liouring.UringException;

import java.io.IOException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Test support for fault injection: signals aimed at one thread ({@code pthread_self(3)}, {@code pthread_kill(3)})
 * and the descriptor limit ({@code getrlimit(2)}, {@code setrlimit(2)} with {@code RLIMIT_NOFILE}).
 *
 * <p>The signal the tests send is {@link #SIGPIPE}: HotSpot installs a handler for it that does nothing, so it
 * interrupts a blocking system call of the thread it hits ({@code EINTR}) and the JVM carries on. A signal whose
 * default action is to ignore it (SIGURG, SIGWINCH) would not do: the kernel discards it without waking anyone.
 */
public final class FaultNative {
    /** {@code SIGPIPE}: handled, and ignored, by HotSpot's own handler. */
    public static final int SIGPIPE = 13;
    private static final int RLIMIT_NOFILE = 7;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle PTHREAD_SELF = LINKER.downcallHandle(find("pthread_self"),
            FunctionDescriptor.of(JAVA_LONG));
    /** Returns the error number itself instead of setting errno. */
    private static final MethodHandle PTHREAD_KILL = LINKER.downcallHandle(find("pthread_kill"),
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETRLIMIT = LINKER.downcallHandle(find("getrlimit"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SETRLIMIT = LINKER.downcallHandle(find("setrlimit"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.captureCallState("errno"));

    private FaultNative() {
    }

    private static MemorySegment find(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** The calling OS thread's pthread handle (call it on a platform thread). */
    public static long pthreadSelf() {
        try {
            return (long) PTHREAD_SELF.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sends {@code signal} to one thread of this process. */
    public static void pthreadKill(long thread, int signal) {
        try {
            int err = (int) PTHREAD_KILL.invokeExact(thread, signal);
            if (err != 0) {
                throw new UringException("pthread_kill", err);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The system call thread {@code tid} of this process is blocked in, from {@code /proc/self/task/<tid>/syscall}, or
     * -1 while it runs (or if it has ended).
     */
    public static long blockedInSyscall(int tid) {
        try {
            String line = Files.readString(Path.of("/proc/self/task/" + tid + "/syscall")).trim();
            return line.equals("running") ? -1 : Long.parseLong(line.substring(0, line.indexOf(' ')));
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The soft and hard limits on open descriptors: {@code {soft, hard}}. */
    public static long[] descriptorLimit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment limit = arena.allocate(JAVA_LONG, 2);
            if ((int) GETRLIMIT.invokeExact(errno, RLIMIT_NOFILE, limit) != 0) {
                throw new UringException("getrlimit(RLIMIT_NOFILE)", (int) ERRNO.get(errno, 0L));
            }
            return new long[] {limit.getAtIndex(JAVA_LONG, 0), limit.getAtIndex(JAVA_LONG, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Lowers (or raises, up to the hard limit) the soft limit on open descriptors: fds from {@code soft} up fail with EMFILE. */
    public static void descriptorLimit(long soft) {
        long hard = descriptorLimit()[1];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment limit = arena.allocate(JAVA_LONG, 2);
            limit.setAtIndex(JAVA_LONG, 0, soft);
            limit.setAtIndex(JAVA_LONG, 1, hard);
            if ((int) SETRLIMIT.invokeExact(errno, RLIMIT_NOFILE, limit) != 0) {
                throw new UringException("setrlimit(RLIMIT_NOFILE, " + soft + ")", (int) ERRNO.get(errno, 0L));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
