package io.liouring.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link LazyLinkingTest}: makes the libc calls its argument names and prints their results.
 * {@code close}: one call, {@code close(-1)}. {@code without-errno N}: {@code N} calls of
 * {@link Libc#syscallWithoutErrno} ({@code getpid}, then {@code close(-1)} as the last), printing the first
 * {@code getpid} result that is not the pid the JDK knows, or the pid when all agree, and the result of the
 * {@code close}. {@code pipe}: {@link Pipes#open} of 64 KiB, printing the capacity granted and what
 * {@code /proc/self/fd} says each end is, then {@link Pipes#close}. {@code shaped}: {@code close(-1)}, then libc's
 * {@code getpid} through {@link Libc#syscallShaped}, printing its result and the pid the JDK knows.
 */
public final class LazyLinkingChild {
    private static final long SYS_GETPID = 39;   // x86_64
    private static final long SYS_CLOSE = 3;     // x86_64

    private LazyLinkingChild() {
    }

    public static void main(String[] args) throws Throwable {
        if (args[0].equals("shaped")) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = Libc.newErrnoState(arena);
                System.out.println("close=" + Libc.close(state, -1));
                MethodHandle getpid = Libc.syscallShaped("getpid");
                System.out.println("getpid=" + (long) getpid.invokeExact(state, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
                System.out.println("pid=" + ProcessHandle.current().pid());
            }
            return;
        }
        if (args[0].equals("pipe")) {
            int[] pipe = Pipes.open(64 * 1024);
            System.out.println("capacity=" + pipe[2]);
            System.out.println("read=" + Files.readSymbolicLink(Path.of("/proc/self/fd/" + pipe[0])));
            System.out.println("write=" + Files.readSymbolicLink(Path.of("/proc/self/fd/" + pipe[1])));
            Pipes.close(pipe);
            return;
        }
        if (args[0].equals("close")) {
            try (Arena arena = Arena.ofConfined()) {
                System.out.println("close=" + Libc.close(Libc.newErrnoState(arena), -1));
            }
            return;
        }
        int calls = Integer.parseInt(args[1]);
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < calls - 1; i++) {
            long r = Libc.syscallWithoutErrno(SYS_GETPID, 0, 0, 0, 0, 0, 0);
            if (r != pid) {
                System.out.println("getpid=" + r);
                System.out.println("pid=" + pid);
                return;
            }
        }
        System.out.println("getpid=" + pid);
        System.out.println("pid=" + pid);
        System.out.println("close=" + Libc.syscallWithoutErrno(SYS_CLOSE, -1, 0, 0, 0, 0, 0));
    }
}
