package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.StatxResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static io.liouring.operation.FsTesting.cString;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatxTest extends OnDiskRingFixture {
    @Test
    void encodesDirFdPathMaskResultAndFlags() {
        StatxResult result = StatxResult.allocate();
        SqeBytes sqe = SqeBytes.encode(new Statx(7, Path.of("a/b"), result)
                .mask(StatxMask.SIZE | StatxMask.INO).flags(AtFlags.SYMLINK_NOFOLLOW));
        assertEquals(Opcode.STATX.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals("a/b", cString(sqe.addr()));
        assertEquals(StatxMask.SIZE | StatxMask.INO, sqe.len());
        assertEquals(result.segment().address(), sqe.off());
        assertEquals(AtFlags.SYMLINK_NOFOLLOW, sqe.opFlags());
        assertEquals(0, sqe.fileIndex());
    }

    @Test
    void asksForBasicStatsAndBirthTimeRelativeToTheCurrentDirectoryByDefault() {
        SqeBytes sqe = SqeBytes.encode(new Statx(Path.of("f"), StatxResult.allocate()));
        assertEquals(Fd.AT_FDCWD, sqe.fd());
        assertEquals(StatxMask.BASIC_STATS | StatxMask.BTIME, sqe.len());
        assertEquals(0, sqe.opFlags());
    }

    @Test
    void ofFdEncodesAnEmptyPathWithEmptyPathFlagKeptUnderOtherFlags() {
        SqeBytes sqe = SqeBytes.encode(Statx.ofFd(9, StatxResult.allocate()).flags(AtFlags.STATX_DONT_SYNC));
        assertEquals(9, sqe.fd());
        assertEquals("", cString(sqe.addr()));
        assertEquals(AtFlags.EMPTY_PATH | AtFlags.STATX_DONT_SYNC, sqe.opFlags());
    }

    @Test
    void refusesAMissingResult() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Statx(Path.of("f"), null));
        assertEquals("result", e.getMessage());
    }

    @Test
    void statxStructIsTheKernelsSize() {
        assertEquals(256, StatxResult.allocate().segment().byteSize());
    }

    @Test
    void sizeModeInodeLinksBlocksOwnerAndDeviceMatchTheStatCommand() throws Exception {
        Path file = dir.resolve("data");
        Files.write(file, new byte[12_345]);
        Files.createLink(dir.resolve("second-name"), file);
        StatxResult st = StatxResult.allocate();

        assertEquals(0, run(ring, new Statx(file, st)).result());

        String[] stat = statCommand(file, "%s %f %i %h %b %u %g %Hd %Ld");
        assertTrue(st.has(StatxMask.BASIC_STATS), st.toString());
        assertEquals(Long.parseLong(stat[0]), st.size());
        assertEquals(Integer.parseInt(stat[1], 16), st.mode());
        assertEquals(Long.parseLong(stat[2]), st.ino());
        assertEquals(Integer.parseInt(stat[3]), st.nlink());
        assertEquals(2, st.nlink());
        assertEquals(Long.parseLong(stat[4]), st.blocks());
        assertEquals(Integer.parseInt(stat[5]), st.uid());
        assertEquals(Integer.parseInt(stat[6]), st.gid());
        assertEquals(Integer.parseInt(stat[7]), st.devMajor());
        assertEquals(Integer.parseInt(stat[8]), st.devMinor());
        assertEquals(StatxResult.FileType.REGULAR, st.type());
    }

    @Test
    void timesAreTheFilesTimes() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "x");
        Instant mtime = Instant.parse("2021-03-04T05:06:07.123456789Z");
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        StatxResult st = StatxResult.allocate();

        assertEquals(0, run(ring, new Statx(file, st)).result());

        assertEquals(mtime, st.mtime());
        assertEquals(Files.getAttribute(file, "unix:ctime"), FileTime.from(st.ctime()));
        assertEquals(Files.getAttribute(file, "lastAccessTime"), FileTime.from(st.atime()));
        if (st.has(StatxMask.BTIME)) {
            assertEquals(Files.getAttribute(file, "creationTime"), FileTime.from(st.btime()));
        }
    }

    @Test
    void directoryIsReportedAsADirectoryWithItsPermissions() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.setPosixFilePermissions(sub, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x--x"));
        StatxResult st = StatxResult.allocate();

        assertEquals(0, run(ring, new Statx(sub, st)).result());

        assertEquals(StatxResult.FileType.DIRECTORY, st.type());
        assertEquals(0751, st.permissions());
    }

    @Test
    void noFollowReportsTheSymbolicLinkItself() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "0123456789");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        StatxResult followed = StatxResult.allocate();
        StatxResult itself = StatxResult.allocate();

        assertEquals(0, run(ring, new Statx(link, followed)).result());
        assertEquals(0, run(ring, new Statx(link, itself).flags(AtFlags.SYMLINK_NOFOLLOW)).result());

        assertEquals(StatxResult.FileType.REGULAR, followed.type());
        assertEquals(10, followed.size());
        assertEquals(StatxResult.FileType.SYMBOLIC_LINK, itself.type());
        assertEquals(target.toString().getBytes(StandardCharsets.UTF_8).length, itself.size());
    }

    @Test
    void pathIsResolvedRelativeToTheDirectoryFd() throws Exception {
        Files.write(dir.resolve("rel"), new byte[77]);
        int dirFd = Fd.open(dir, io.liouring.OpenFlags.O_RDONLY | io.liouring.OpenFlags.O_DIRECTORY, 0);
        try {
            StatxResult st = StatxResult.allocate();
            assertEquals(0, run(ring, new Statx(dirFd, Path.of("rel"), st)).result());
            assertEquals(77, st.size());
        } finally {
            Fd.close(dirFd);
        }
    }

    @Test
    void ofFdReportsTheOpenFile() throws Exception {
        Path file = Files.write(dir.resolve("open"), new byte[4321]);
        int fd = Fd.openRead(file);
        try {
            StatxResult st = StatxResult.allocate();
            assertEquals(0, run(ring, Statx.ofFd(fd, st)).result());
            assertEquals(4321, st.size());
            assertEquals(Files.getAttribute(file, "unix:ino"), st.ino());
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void missingPathCompletesWithEnoent() {
        Completion c = run(ring, new Statx(dir.resolve("no-such-file"), StatxResult.allocate()));
        assertEquals(Errno.ENOENT, c.errno());
    }

    @Test
    void aNarrowMaskStillFillsInTheFieldAskedFor() throws Exception {
        Path file = Files.writeString(dir.resolve("m"), "abc");
        StatxResult st = StatxResult.allocate();

        assertEquals(0, run(ring, new Statx(file, st).mask(StatxMask.SIZE)).result());

        assertTrue(st.has(StatxMask.SIZE));
        assertEquals(3, st.size());
    }

    /** {@code stat -c FORMAT file}, split on spaces. */
    static String[] statCommand(Path file, String format) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", format, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "stat failed: " + out);
        return out.split(" ");
    }
}
