package io.liouring.cli;

import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Large native buffers for the tool's reads, mapped anonymously ({@code mmap(2)} {@code MAP_PRIVATE |
 * MAP_ANONYMOUS}) instead of allocated by an {@link Arena}: an arena zeroes what it allocates in Java code, which
 * before the JIT compiles it costs about 10 ms per MiB (measured on JDK 25 with {@code ./lio}'s JIT thresholds),
 * where the kernel hands out zeroed pages as they are first touched, so that a buffer of 1 MiB into which a 4 KiB
 * file is read costs one page. The mapping is made through lio-uring's {@code syscall(2)} handle, which the ring has
 * already linked, and is unmapped when its arena closes.
 */
final class KernelZeroedMemory {
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;

    private KernelZeroedMemory() {
    }

    /**
     * Maps {@code bytes} of zeroed, page-aligned memory that lives as long as {@code arena}.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     * @throws OutOfMemoryError         if the kernel refuses the mapping (its errno in the message)
     */
    static MemorySegment allocate(Arena arena, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive: " + bytes);
        }
        MemorySegment errno = Libc.newErrnoState(arena);
        long address = Libc.mmap(errno, bytes, Libc.PROT_READ | Libc.PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (address < 0) {
            throw new OutOfMemoryError("mmap of " + bytes + " bytes for read buffers: " + Messages.strerror((int) -address));
        }
        return MemorySegment.ofAddress(address).reinterpret(bytes, arena, Libc::unmap);
    }
}
