package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.struct.OpenHow;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.liouring.OpenFlags.O_CLOEXEC;
import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_DIRECTORY;
import static io.liouring.OpenFlags.O_RDONLY;
import static io.liouring.OpenFlags.O_WRONLY;
import static io.liouring.operation.FsTesting.cString;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAt2Test extends OnDiskRingFixture {
    @Test
    void encodesDirFdPathHowAndItsSize() {
        OpenHow how = OpenHow.of(O_RDONLY, 0);
        SqeBytes sqe = SqeBytes.encode(new OpenAt2(5, Path.of("x/y"), how));
        assertEquals(Opcode.OPENAT2.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals("x/y", cString(sqe.addr()));
        assertEquals(24, sqe.len());
        assertEquals(how.segment().address(), sqe.off());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.fileIndex());
    }

    @Test
    void encodesDirectSlotsAsSlotPlusOneOrAllocate() {
        OpenHow how = OpenHow.of(O_RDONLY, 0);
        assertEquals(Fd.AT_FDCWD, SqeBytes.encode(new OpenAt2(Path.of("f"), how)).fd());
        assertEquals(4, SqeBytes.encode(new OpenAt2(Path.of("f"), how).direct(new DirectFd(3))).fileIndex());
        assertEquals(-1, SqeBytes.encode(new OpenAt2(Path.of("f"), how).directAllocate()).fileIndex());
    }

    @Test
    void openHowLaysOutFlagsModeAndResolveAsU64s() {
        OpenHow how = OpenHow.of(O_WRONLY | O_CREAT, 0640).resolve(OpenHow.RESOLVE_BENEATH | OpenHow.RESOLVE_NO_SYMLINKS);
        MemorySegment s = how.segment();
        assertEquals(24, s.byteSize());
        assertEquals(O_WRONLY | O_CREAT, s.get(JAVA_LONG, 0));
        assertEquals(0640, s.get(JAVA_LONG, 8));
        assertEquals(0x08 | 0x04, s.get(JAVA_LONG, 16));
    }

    @Test
    void openHowRefusesModeBeyondPermissionBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenHow.of(O_CREAT, 010000));
        assertTrue(e.getMessage().startsWith("mode"), e.getMessage());
    }

    @Test
    void createsAFileWithTheModeAndReturnsAWritableFd() throws Exception {
        Path file = dir.resolve("new");
        Completion opened = run(ring, new OpenAt2(file, OpenHow.of(O_WRONLY | O_CREAT | O_CLOEXEC, 0640)));
        int fd = opened.resultOrThrow();
        try {
            assertEquals(5, run(ring, new Write(fd, arena.allocateFrom("hello").asSlice(0, 5))).result());
        } finally {
            Fd.close(fd);
        }
        assertEquals("hello", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void resolveBeneathRefusesAPathThatLeavesTheDirectory() throws Exception {
        Files.writeString(dir.resolve("x"), "outside");
        Path inner = Files.createDirectory(dir.resolve("inner"));
        int dirFd = Fd.open(inner, O_RDONLY | O_DIRECTORY, 0);
        try {
            Completion plain = run(ring, new OpenAt2(dirFd, Path.of("../x"), OpenHow.of(O_RDONLY | O_CLOEXEC, 0)));
            Completion beneath = run(ring, new OpenAt2(dirFd, Path.of("../x"),
                    OpenHow.of(O_RDONLY | O_CLOEXEC, 0).resolve(OpenHow.RESOLVE_BENEATH)));

            Fd.close(plain.resultOrThrow());
            assertEquals(Errno.EXDEV, beneath.errno());
        } finally {
            Fd.close(dirFd);
        }
    }

    @Test
    void resolveNoSymlinksRefusesASymbolicLinkWithEloop() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "t");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        Completion c = run(ring, new OpenAt2(link, OpenHow.of(O_RDONLY | O_CLOEXEC, 0).resolve(OpenHow.RESOLVE_NO_SYMLINKS)));

        assertEquals(Errno.ELOOP, c.errno());
    }

    @Test
    void modeWithoutCreateIsRefusedByTheKernel() throws Exception {
        Path file = Files.writeString(dir.resolve("exists"), "e");

        Completion c = run(ring, new OpenAt2(file, OpenHow.of(O_RDONLY, 0644)));

        assertEquals(Errno.EINVAL, c.errno());
    }

    @Test
    void directOpensIntoTheRegisteredFileTable() throws Exception {
        ring.registerFilesSparse(4);
        Path file = dir.resolve("direct");

        Completion opened = run(ring, new OpenAt2(file, OpenHow.of(O_WRONLY | O_CREAT, 0644)).direct(new DirectFd(2)));
        assertEquals(0, opened.result());

        ring.push(new Write(2, arena.allocateFrom("slot").asSlice(0, 4)), 1, SqeFlags.FIXED_FILE);
        ring.submit();
        assertEquals(4, ring.waitCompletion().result());
        assertEquals(0, run(ring, new Close(new DirectFd(2))).result());
        assertEquals("slot", Files.readString(file));
    }

    @Test
    void directAllocatePicksAFreeSlotAndReturnsIt() throws Exception {
        ring.registerFilesSparse(4);
        Path file = Files.writeString(dir.resolve("alloc"), "a");

        Completion opened = run(ring, new OpenAt2(file, OpenHow.of(O_RDONLY, 0)).directAllocate());

        assertTrue(opened.result() >= 0 && opened.result() < 4, opened.toString());
        assertEquals(0, run(ring, new Close(new DirectFd(opened.result()))).result());
    }

    @Test
    void directOpenWithCloseOnExecIsInvalid() {
        ring.registerFilesSparse(2);

        Completion c = run(ring, new OpenAt2(dir.resolve("f"), OpenHow.of(O_WRONLY | O_CREAT | O_CLOEXEC, 0644)).direct(new DirectFd(0)));

        assertEquals(Errno.EINVAL, c.errno());
    }
}
