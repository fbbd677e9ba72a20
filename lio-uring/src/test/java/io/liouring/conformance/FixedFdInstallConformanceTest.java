package io.liouring.conformance;

import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.operation.Accept;
import io.liouring.operation.FixedFdInstall;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.assumeSupported;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * IORING_OP_FIXED_FD_INSTALL: a direct descriptor becomes a normal fd that stands on its own, like a dup: it
 * outlives its slot and the ring, and shares the open file (and so its offset) with the slot and other installs.
 */
class FixedFdInstallConformanceTest {
    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void anInstalledFdOutlivesItsSlotAndTheRing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "abcdefgh");
        int fd;
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            assumeSupported(ring, Opcode.FIXED_FD_INSTALL);
            ring.registerFilesSparse(2);
            run(ring, new OpenAt(file, OpenFlags.O_RDONLY, 0).direct(new DirectFd(0))).resultOrThrow();
            fd = run(ring, new FixedFdInstall(new DirectFd(0))).resultOrThrow();
            ring.updateFiles(0, -1);
            ring.push(new Read(0, arena.allocate(4)), 1, SqeFlags.FIXED_FILE);
            assertEquals(Errno.EBADF, next(ring).errno(), "the slot is empty now");
            assertEquals("abcd", ascii(ControlNative.read(fd, 4)), "the installed fd is not");
        }
        try {
            assertEquals("efgh", ascii(ControlNative.read(fd, 4)), "nor once the ring is closed");
        } finally {
            ControlNative.close(fd);
        }
    }

    @Test
    void twoInstallsOfOneSlotAreTwoFdsOfOneOpenFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "abcdefgh");
        try (var ring = new LioUring(4)) {
            assumeSupported(ring, Opcode.FIXED_FD_INSTALL);
            ring.registerFilesSparse(1);
            run(ring, new OpenAt(file, OpenFlags.O_RDONLY, 0).direct(new DirectFd(0))).resultOrThrow();
            int first = run(ring, new FixedFdInstall(new DirectFd(0))).resultOrThrow();
            int second = run(ring, new FixedFdInstall(new DirectFd(0))).resultOrThrow();
            try {
                assertNotEquals(first, second);
                assertEquals("abcd", ascii(ControlNative.read(first, 4)));
                assertEquals("efgh", ascii(ControlNative.read(second, 4)), "one file offset, as after dup(2)");
            } finally {
                ControlNative.close(first, second);
            }
        }
    }

    @Test
    void aConnectionAcceptedIntoASlotTalksThroughItsInstalledFd() {
        try (var ring = new LioUring(4); var pending = Loopback.pending(ring, Loopback.Ip.V4)) {
            assumeSupported(ring, Opcode.FIXED_FD_INSTALL);
            ring.registerFilesSparse(4);
            int slot = run(ring, new Accept(pending.listener()).directAllocate()).resultOrThrow();
            int server = run(ring, new FixedFdInstall(new DirectFd(slot))).resultOrThrow();
            try {
                SocketNative.write(server, "hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", ascii(SocketNative.readExactly(pending.client(), 5, PATIENCE)));
            } finally {
                ControlNative.close(server);
            }
        }
    }
}
