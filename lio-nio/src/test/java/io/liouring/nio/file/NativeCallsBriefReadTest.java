package io.liouring.nio.file;

import io.liouring.OpenFlags;
import io.liouring.internal.Libc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NativeCalls#preadv2Brief}, the critical page-cache read: the bytes at the offset, short at the end of the
 * file, 0 past it, and {@code -errno} of a failure (learnt by repeating the call with errno capture). Each case runs
 * more often than the 1 024 calls lio-uring makes through its capturing {@code syscall} handle before it links the
 * critical one, so that both are exercised.
 */
class NativeCallsBriefReadTest {
    private static final int FILE_SIZE = 10_000;
    private static final int BUFFER = 4096;
    private static final int EBADF = 9;
    private static final int REPEATS = 1200;

    @TempDir
    Path dir;

    @Test
    void readsTheFileAtTheOffsetShortAtTheEndAndZeroPastIt() throws IOException {
        byte[] data = new byte[FILE_SIZE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Path file = dir.resolve("data");
        Files.write(file, data);
        Files.readAllBytes(file); // in the page cache, so RWF_NOWAIT finds it
        int fd = open(file);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(NativeCalls.ERRNO_STATE_SIZE);
            MemorySegment buffer = arena.allocate(BUFFER);
            MemorySegment iov = iov(arena, buffer);
            for (int i = 0; i < REPEATS; i++) {
                long offset = (i * 977L) % FILE_SIZE;
                buffer.fill((byte) 0);
                long r = NativeCalls.preadv2Brief(errno, fd, iov, offset);
                int expected = (int) Math.min(BUFFER, FILE_SIZE - offset);
                assertEquals(expected, r, "at offset " + offset);
                assertArrayEquals(Arrays.copyOfRange(data, (int) offset, (int) offset + expected),
                        buffer.asSlice(0, expected).toArray(JAVA_BYTE), "at offset " + offset);
            }
            assertEquals(0, NativeCalls.preadv2Brief(errno, fd, iov, FILE_SIZE));
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void aFailureComesBackAsMinusErrno() {
        int fd = -1; // never a descriptor: EBADF
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(NativeCalls.ERRNO_STATE_SIZE);
            MemorySegment iov = iov(arena, arena.allocate(BUFFER));
            for (int i = 0; i < REPEATS; i++) {
                assertEquals(-EBADF, NativeCalls.preadv2Brief(errno, fd, iov, 0));
            }
        }
    }

    /** Opens {@code file} for reading with the direct cached open (its directory was just written, so is cached). */
    private static int open(Path file) {
        IoScratch scratch = CallSlots.take();
        try {
            int fd = scratch.openCached(file.toString(), OpenFlags.O_RDONLY);
            assertTrue(fd >= 0, "open: " + fd);
            return fd;
        } finally {
            scratch.release();
        }
    }

    /** One {@code struct iovec} over all of {@code buffer}. */
    private static MemorySegment iov(Arena arena, MemorySegment buffer) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(JAVA_LONG, 0, buffer.address());
        iov.set(JAVA_LONG, 8, buffer.byteSize());
        return iov;
    }
}
