package io.liouring.testing;

import io.liouring.UringException;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Test support for the async layer: pipes, plain writes, and counting this process's open fds. */
public final class AsyncNative {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle PIPE2 = downcall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    private AsyncNative() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd,
                Linker.Option.captureCallState("errno"));
    }

    /** A blocking pipe with O_CLOEXEC: {read end, write end}. */
    public static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) PIPE2.invokeExact(state, fds, 02000000);
            if (r < 0) {
                throw new UringException("pipe2", (int) ERRNO.get(state, 0L));
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code write(2)} of the bytes; returns what the kernel returned. */
    public static long write(int fd, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, data, JAVA_BYTE, 0, bytes.length);
            MemorySegment state = arena.allocate(CAPTURE);
            long r = (long) WRITE.invokeExact(state, fd, data, (long) bytes.length);
            if (r < 0) {
                throw new UringException("write", (int) ERRNO.get(state, 0L));
            }
            return r;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * CPU time a platform thread has used, in nanoseconds ({@code ThreadMXBean.getThreadCpuTime}). Called
     * reflectively: the tests compile inside module io.liouring, which does not (and should not) read
     * java.management.
     */
    public static long threadCpuNanos(Thread thread) {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> bean = Class.forName("java.lang.management.ThreadMXBean");
            Object threads = factory.getMethod("getThreadMXBean").invoke(null);
            return (long) bean.getMethod("getThreadCpuTime", long.class).invoke(threads, thread.threadId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ThreadMXBean is not available", e);
        }
    }

    /** Bytes a platform thread has allocated on the heap so far ({@code com.sun.management.ThreadMXBean}), reflectively. */
    public static long threadAllocatedBytes(Thread thread) {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            Object threads = factory.getMethod("getThreadMXBean").invoke(null);
            return (long) bean.getMethod("getThreadAllocatedBytes", long.class).invoke(threads, thread.threadId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("com.sun.management.ThreadMXBean is not available", e);
        }
    }

    /** Live platform threads in this JVM ({@code ThreadMXBean.getThreadCount}, which leaves out virtual threads). */
    public static int platformThreadCount() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> bean = Class.forName("java.lang.management.ThreadMXBean");
            Object threads = factory.getMethod("getThreadMXBean").invoke(null);
            return (int) bean.getMethod("getThreadCount").invoke(threads);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ThreadMXBean is not available", e);
        }
    }

    /** How many file descriptors this process has open right now. */
    public static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // the directory stream's own fd
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
