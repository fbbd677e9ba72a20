package io.liouring.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.stream.Stream;

/** What the test-side native helpers share: libc downcalls that capture {@code errno}, and reading it back. */
final class Downcalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Downcalls() {
    }

    /** A libc function whose handle takes an {@link #errnoState} first, then the C arguments. */
    static MethodHandle libc(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = Stream.concat(Arrays.stream(options), Stream.of(CAPTURE_ERRNO)).toArray(Linker.Option[]::new);
        return LINKER.downcallHandle(symbol(name), descriptor, all);
    }

    /** A libc function that reports errors by its return value, not {@code errno}. */
    static MethodHandle libcWithoutErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /** Room for the {@code errno} a call of {@link #libc} captures. */
    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(STATE);
    }

    /** The {@code errno} a call captured. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
