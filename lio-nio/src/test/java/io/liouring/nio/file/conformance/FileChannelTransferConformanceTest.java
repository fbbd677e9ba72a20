package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code FileChannel.transferTo} and {@code transferFrom}: counts, positions, and the other channel's type. */
class FileChannelTransferConformanceTest extends FileSystemConformance {

    @Test
    void transferToAStreamChannelCopiesTheRegionAndLeavesThePosition() throws IOException {
        // transferTo: "Bytes are read starting at the given position in this channel's file ... This method does
        // not modify this channel's position."; returns "The number of bytes, possibly zero, that were actually
        // transferred"
        Path file = file("data", "0123456789");
        var sink = new ByteArrayOutputStream();
        try (var ch = FileChannel.open(file); var out = Channels.newChannel(sink)) {
            ch.position(1);
            assertEquals(4, ch.transferTo(3, 4, out));
            assertEquals(1, ch.position());
        }
        assertEquals("3456", ascii(sink.toByteArray()));
    }

    @Test
    void transferToStopsAtTheEndOfTheFile() throws IOException {
        // transferTo: "Fewer than the requested number of bytes are transferred if this channel's file contains
        // fewer than count bytes starting at the given position"
        Path file = file("data", "abcdef");
        var sink = new ByteArrayOutputStream();
        try (var ch = FileChannel.open(file); var out = Channels.newChannel(sink)) {
            assertEquals(2, ch.transferTo(4, 100, out));
        }
        assertEquals("ef", ascii(sink.toByteArray()));
    }

    @Test
    void transferToFromAtOrBeyondTheSizeTransfersNothing() throws IOException {
        // transferTo: "If the given position is greater than or equal to the file's current size then no bytes
        // are transferred."
        Path file = file("data", "abc");
        var sink = new ByteArrayOutputStream();
        try (var ch = FileChannel.open(file); var out = Channels.newChannel(sink)) {
            assertEquals(0, ch.transferTo(3, 10, out));
            assertEquals(0, ch.transferTo(1000, 10, out));
            assertEquals(0, ch.transferTo(0, 0, out));
        }
        assertEquals(0, sink.size());
    }

    @Test
    void transferToFromAFileThatReportsSizeZeroCopiesItsContent() throws IOException {
        // transferTo: "An attempt is made to read up to count bytes starting at the given position in this channel's
        // file". /proc/version reports size 0 yet has content; the JDK's channel reads such a file to its end
        // (JDK test Files/CopyProcFile, transferToNIO and transferFrom)
        Path version = target.fileSystem().getPath("/proc/version");
        assertEquals(0, Files.size(version));
        byte[] expected;
        try (var in = new FileInputStream("/proc/version")) {
            expected = in.readAllBytes();
        }
        assertTrue(expected.length > 0);
        var sink = new ByteArrayOutputStream();
        try (var ch = FileChannel.open(version); var out = Channels.newChannel(sink)) {
            assertEquals(expected.length, ch.transferTo(0, Long.MAX_VALUE, out));
            assertEquals(0, ch.transferTo(1_000_000, 10, out));
        }
        assertArrayEquals(expected, sink.toByteArray());
        Path copy = path("copy");
        try (var src = FileChannel.open(version); var dst = FileChannel.open(copy, CREATE_NEW, WRITE)) {
            assertEquals(expected.length, dst.transferFrom(src, 0, Long.MAX_VALUE));
        }
        assertArrayEquals(expected, Files.readAllBytes(copy));
    }

    @Test
    void transferToAFileChannelWritesAtItsPositionAndAdvancesIt() throws IOException {
        // transferTo: bytes are "written to the given target channel" as by its write: at its position, moving it
        Path source = file("source", "abcdefgh");
        Path dest = file("dest", "0123456789");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE)) {
            to.position(2);
            assertEquals(5, from.transferTo(1, 5, to));
            assertEquals(7, to.position());
            assertEquals(0, from.position());
        }
        assertEquals("01bcdef789", Files.readString(dest));
    }

    @Test
    void transferToAPipeDeliversEveryByte() throws Exception {
        // transferTo into a channel of another kind (a pipe's sink), read out on another thread
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        Path file = Files.write(path("data"), data);
        Pipe pipe = Pipe.open();
        try (var ch = FileChannel.open(file); var sink = pipe.sink(); var source = pipe.source();
             var drain = Blocked.start(false, () -> Channels.newInputStream(source).readNBytes(data.length))) {
            long sent = 0;
            while (sent < data.length) sent += ch.transferTo(sent, data.length - sent, sink);
            assertArrayEquals(data, drain.result());
        }
    }

    @Test
    void transferToChecksItsArguments() throws IOException {
        // transferTo: IllegalArgumentException "If the preconditions on the parameters do not hold" (negative
        // position or count); NonReadableChannelException "If this channel was not opened for reading";
        // NonWritableChannelException "If the target channel was not opened for writing"
        Path file = file("data", "abc");
        Path other = file("other", "");
        try (var ch = FileChannel.open(file, READ, WRITE); var wo = FileChannel.open(file, WRITE);
             var ro = FileChannel.open(other, READ); var out = Channels.newChannel(new ByteArrayOutputStream())) {
            assertThrows(IllegalArgumentException.class, () -> ch.transferTo(-1, 1, out));
            assertThrows(IllegalArgumentException.class, () -> ch.transferTo(0, -1, out));
            assertThrows(NonReadableChannelException.class, () -> wo.transferTo(0, 1, out));
            assertThrows(NonWritableChannelException.class, () -> ch.transferTo(0, 1, ro));
        }
        assertEquals(0, Files.size(other));
    }

    @Test
    void transferFromAStreamChannelWritesAtTheGivenPositionAndLeavesThePosition() throws IOException {
        // transferFrom: "Bytes are written to this channel's file starting at the given position ... This method
        // does not modify this channel's position."
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE);
             var in = Channels.newChannel(new ByteArrayInputStream(ascii("abc")))) {
            ch.position(8);
            assertEquals(3, ch.transferFrom(in, 2, 10));
            assertEquals(8, ch.position());
        }
        assertEquals("01abc56789", Files.readString(file));
    }

    @Test
    void transferFromReadsAtMostCountBytesFromTheSource() throws IOException {
        // transferFrom: "An attempt is made to read up to count bytes from the source channel"; the source's
        // remaining bytes stay there
        Path file = path("data");
        var in = Channels.newChannel(new ByteArrayInputStream(ascii("abcdefgh")));
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            assertEquals(3, ch.transferFrom(in, 0, 3));
        }
        var rest = ByteBuffer.allocate(8);
        assertEquals(5, in.read(rest));
        assertEquals("defgh", readSoFar(rest));
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void transferFromAFileChannelReadsFromItsPositionAndAdvancesIt() throws IOException {
        // transferFrom: "If the source channel has a position then bytes are read starting at that position and
        // then the position is incremented by the number of bytes read."
        Path source = file("source", "abcdefgh");
        Path dest = path("dest");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE, CREATE_NEW)) {
            from.position(2);
            assertEquals(4, to.transferFrom(from, 0, 4));
            assertEquals(6, from.position());
            assertEquals(0, to.position());
        }
        assertEquals("cdef", Files.readString(dest));
    }

    @Test
    void transferFromBeyondTheSizeGrowsTheFile() throws IOException {
        // transferFrom (JDK 25): "If the given position is greater than or equal to the file's current size then
        // the file will be grown to accommodate the new bytes; the values of any bytes between the previous
        // end-of-file and the newly-written bytes are unspecified." (Older Javadoc said no bytes were transferred;
        // this suite follows the JDK it runs on.) Linux reads the gap as zeros (lseek(2)).
        Path file = file("data", "abc");
        var in = Channels.newChannel(new ByteArrayInputStream(ascii("xyz")));
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertEquals(3, ch.transferFrom(in, 6, 3));
            assertEquals(9, ch.size());
            assertEquals(0, ch.position());
        }
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 0, 'x', 'y', 'z'}, Files.readAllBytes(file));
    }

    @Test
    void transferFromASourceAtEndOfStreamTransfersNothing() throws IOException {
        // transferFrom: "No bytes are transferred, and zero is returned, if the source has reached end-of-stream."
        Path file = file("data", "abc");
        var in = Channels.newChannel(new ByteArrayInputStream(new byte[0]));
        try (var ch = FileChannel.open(file, WRITE)) {
            assertEquals(0, ch.transferFrom(in, 0, 10));
            assertEquals(0, ch.transferFrom(in, 3, 10));
            assertEquals(3, ch.size());
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void transferFromChecksItsArguments() throws IOException {
        // transferFrom: IllegalArgumentException for a negative position or count; NonReadableChannelException
        // "If the source channel was not opened for reading"; NonWritableChannelException "If this channel was
        // not opened for writing"
        Path file = file("data", "abc");
        Path other = file("other", "xyz");
        try (var rw = FileChannel.open(file, READ, WRITE); var ro = FileChannel.open(file, READ);
             var woSource = FileChannel.open(other, WRITE)) {
            var in = Channels.newChannel(new ByteArrayInputStream(ascii("q")));
            assertThrows(IllegalArgumentException.class, () -> rw.transferFrom(in, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> rw.transferFrom(in, 0, -1));
            assertThrows(NonWritableChannelException.class, () -> ro.transferFrom(in, 0, 1));
            assertThrows(NonReadableChannelException.class, () -> rw.transferFrom(woSource, 0, 1));
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void transferFromAWriteOnlyFileChannelIsRefusedEvenForNoBytes() throws IOException {
        // transferFrom: NonReadableChannelException "If the source channel was not opened for reading", with no
        // exception for a count of 0: the JDK refuses a write-only file channel as source before moving anything
        // (JDK test FileChannel/Transfer, xferTest09)
        Path file = file("data", "abc");
        Path other = file("other", "xyz");
        try (var rw = FileChannel.open(file, READ, WRITE); var woSource = FileChannel.open(other, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> rw.transferFrom(woSource, 0, 0));
        }
    }

    @Test
    void aClosedOtherChannelIsAClosedChannel() throws IOException {
        // transferTo/transferFrom: ClosedChannelException "If either this channel or the target/source channel is
        // closed"
        Path file = file("data", "abc");
        Path other = file("other", "xyz");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            var closedTarget = FileChannel.open(other, WRITE);
            closedTarget.close();
            var closedSource = Channels.newChannel(new ByteArrayInputStream(ascii("q")));
            closedSource.close();
            assertThrows(java.nio.channels.ClosedChannelException.class, () -> ch.transferTo(0, 3, closedTarget));
            assertThrows(java.nio.channels.ClosedChannelException.class, () -> ch.transferFrom(closedSource, 0, 1));
            assertTrue(ch.isOpen());
        }
        assertEquals("abc", Files.readString(file));
        assertEquals("xyz", Files.readString(other));
    }

    @Test
    void aLargeTransferBetweenFilesKeepsEveryByte() throws IOException {
        byte[] data = new byte[8 << 20];
        new Random(7).nextBytes(data);
        Path source = Files.write(path("source"), data);
        Path dest = path("dest");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE, CREATE_NEW)) {
            long done = 0;
            while (done < data.length) done += from.transferTo(done, data.length - done, to);
            assertEquals(data.length, to.size());
        }
        assertArrayEquals(data, Files.readAllBytes(dest));
    }

    // ------------------------------------------------------------------ between two file channels

    /** {@code size} bytes, each 8-byte word its own offset plus {@code salt}: every byte tells where it belongs. */
    static byte[] tagged(int size, long salt) {
        var bytes = ByteBuffer.allocate(size);
        while (bytes.remaining() >= Long.BYTES) bytes.putLong(bytes.position() + salt);
        while (bytes.hasRemaining()) bytes.put((byte) (bytes.position() ^ salt));
        return bytes.array();
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void transferToAnotherFileChannelCopiesEveryByteAndMovesOnlyTheTargetsPosition(boolean virtual) throws Exception {
        // transferTo: "Bytes are read starting at the given position in this channel's file and then written to the
        // given target channel ... This method does not modify this channel's position"; the target is written as by
        // its write, at its position, which advances. 20 MiB: several system calls' worth on either provider.
        byte[] data = tagged((20 << 20) + 12_345, 1);
        Path source = Files.write(path("source"), data);
        Path dest = file("dest", "0123456789");
        long count = data.length - 5 - 777; // not to the end: a partial count
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, READ, WRITE);
             var call = Blocked.start(virtual, () -> {
                 from.position(7);
                 to.position(3);
                 return from.transferTo(5, count, to);
             })) {
            assertEquals(count, call.result());
            assertEquals(7, from.position());
            assertEquals(3 + count, to.position());
            assertEquals(3 + count, to.size());
        }
        byte[] copied = Files.readAllBytes(dest);
        assertEquals("012", ascii(Arrays.copyOf(copied, 3)));
        assertArrayEquals(Arrays.copyOfRange(data, 5, 5 + (int) count), Arrays.copyOfRange(copied, 3, copied.length));
    }

    @Test
    void transferToAnotherFileChannelStopsAtTheEndOfTheSource() throws IOException {
        // transferTo: "Fewer than the requested number of bytes are transferred if this channel's file contains
        // fewer than count bytes starting at the given position"; the target's position advances by what was copied
        byte[] data = tagged(3 << 20, 2);
        Path source = Files.write(path("source"), data);
        Path dest = path("dest");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE, CREATE_NEW)) {
            assertEquals(data.length - 1000, from.transferTo(1000, Long.MAX_VALUE, to));
            assertEquals(data.length - 1000, to.position());
        }
        assertArrayEquals(Arrays.copyOfRange(data, 1000, data.length), Files.readAllBytes(dest));
    }

    @Test
    void transferToAnotherFileChannelFromAtOrBeyondTheSizeTransfersNothing() throws IOException {
        // transferTo: "If the given position is greater than or equal to the file's current size then no bytes are
        // transferred"; the target's position stays
        Path source = Files.write(path("source"), tagged(100_000, 3));
        Path dest = file("dest", "abc");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE)) {
            to.position(1);
            assertEquals(0, from.transferTo(100_000, 10, to));
            assertEquals(0, from.transferTo(100_001, 10, to));
            assertEquals(0, from.transferTo(Long.MAX_VALUE, Long.MAX_VALUE, to));
            assertEquals(1, to.position());
        }
        assertEquals("abc", Files.readString(dest));
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void transferFromAnotherFileChannelCopiesEveryByteAndMovesOnlyTheSourcesPosition(boolean virtual) throws Exception {
        // transferFrom: "If the source channel has a position then bytes are read starting at that position and then
        // the position is incremented by the number of bytes read"; "This method does not modify this channel's
        // position"
        byte[] data = tagged((20 << 20) + 4321, 4);
        Path source = Files.write(path("source"), data);
        Path dest = file("dest", "0123456789");
        long count = data.length - 11 - 999;
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, READ, WRITE);
             var call = Blocked.start(virtual, () -> {
                 from.position(11);
                 to.position(9);
                 return to.transferFrom(from, 4, count);
             })) {
            assertEquals(count, call.result());
            assertEquals(11 + count, from.position());
            assertEquals(9, to.position());
            // the rest of the source, then nothing: the source is at its end
            assertEquals(999, to.transferFrom(from, 4 + count, Long.MAX_VALUE));
            assertEquals(data.length, from.position());
            assertEquals(0, to.transferFrom(from, 0, 10));
        }
        byte[] copied = Files.readAllBytes(dest);
        assertEquals("0123", ascii(Arrays.copyOf(copied, 4)));
        assertArrayEquals(Arrays.copyOfRange(data, 11, data.length), Arrays.copyOfRange(copied, 4, copied.length));
    }

    @Test
    void transferFromAnotherFileChannelBeyondTheSizeGrowsTheFile() throws IOException {
        // transferFrom (JDK 25): "If the given position is greater than or equal to the file's current size then the
        // file will be grown to accommodate the new bytes" (the gap reads as zeros on Linux)
        Path source = file("source", "xyz");
        Path dest = file("dest", "abc");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, READ, WRITE)) {
            assertEquals(3, to.transferFrom(from, 6, 3));
            assertEquals(3, from.position());
            assertEquals(9, to.size());
        }
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 0, 'x', 'y', 'z'}, Files.readAllBytes(dest));
    }

    @Test
    void transferToAnAppendModeChannelAppends() throws IOException {
        // FileChannel: "In append mode ... the position is first advanced to the end of the file" before each write;
        // transferTo writes as the target's write does, so the bytes go to its end
        byte[] data = tagged(3 << 20, 5);
        Path source = Files.write(path("source"), data);
        Path dest = file("dest", "head");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE, APPEND)) {
            assertEquals(2 << 20, from.transferTo(10, 2 << 20, to));
            assertEquals(4 + (2 << 20), to.size());
            assertEquals(to.size(), to.position());
        }
        byte[] copied = Files.readAllBytes(dest);
        assertEquals("head", ascii(Arrays.copyOf(copied, 4)));
        assertArrayEquals(Arrays.copyOfRange(data, 10, 10 + (2 << 20)), Arrays.copyOfRange(copied, 4, copied.length));
    }

    @Test
    void transferFromIntoAnAppendModeChannelAppends() throws IOException {
        // an append-mode channel writes at the end of the file, also where a position is given (as pwrite(2) with
        // O_APPEND does on Linux, and the JDK's channel with it); the source's position advances
        byte[] data = tagged(1 << 20, 6);
        Path source = Files.write(path("source"), data);
        Path dest = file("dest", "head");
        try (var from = FileChannel.open(source); var to = FileChannel.open(dest, WRITE, APPEND)) {
            from.position(100);
            assertEquals(300_000, to.transferFrom(from, 0, 300_000));
            assertEquals(300_100, from.position());
            assertEquals(4 + 300_000, to.size());
        }
        byte[] copied = Files.readAllBytes(dest);
        assertEquals("head", ascii(Arrays.copyOf(copied, 4)));
        assertArrayEquals(Arrays.copyOfRange(data, 100, 300_100), Arrays.copyOfRange(copied, 4, copied.length));
    }

    @Test
    void transfersBetweenFileSystemsOfDifferentTypesCopyEveryByte() throws IOException {
        // a target on tmpfs (/dev/shm), the source on this test's directory (a disk file system): copy_file_range(2)
        // refuses such a pair (EXDEV), and the transfer must copy all the same
        Path shm = target.fileSystem().getPath("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm");
        Path dir = Files.createTempDirectory(shm, "lio-transfer");
        try {
            byte[] data = tagged((2 << 20) + 3, 7);
            Path source = Files.write(path("source"), data);
            Path there = dir.resolve("there");
            Path back = path("back");
            try (var from = FileChannel.open(source); var to = FileChannel.open(there, WRITE, CREATE_NEW)) {
                assertEquals(data.length, from.transferTo(0, data.length, to));
                assertEquals(data.length, to.position());
            }
            try (var from = FileChannel.open(there); var to = FileChannel.open(back, WRITE, CREATE_NEW)) {
                assertEquals(data.length, to.transferFrom(from, 0, data.length));
                assertEquals(data.length, from.position());
            }
            assertArrayEquals(data, Files.readAllBytes(there));
            assertArrayEquals(data, Files.readAllBytes(back));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    @Test
    void transferToAFileChannelOnACharacterDeviceCopiesEveryByte() throws IOException {
        // /dev/null as the target: no regular file, so copy_file_range(2) refuses it (EINVAL); every byte is taken
        Path source = Files.write(path("source"), tagged(1 << 20, 8));
        try (var from = FileChannel.open(source);
             var to = FileChannel.open(target.fileSystem().getPath("/dev/null"), WRITE)) {
            assertEquals(1 << 20, from.transferTo(0, 1 << 20, to));
        }
    }

    @Test
    void transferChecksComeInTheJdksOrder() throws IOException {
        // which exception when several apply: the JDK's FileChannelImpl checks this channel open, the other channel
        // open, this channel's access, the other file channel's access, then the arguments
        Path file = file("data", "abc");
        Path other = file("other", "xyz");
        try (var rw = FileChannel.open(file, READ, WRITE); var wo = FileChannel.open(file, WRITE);
             var ro = FileChannel.open(other, READ); var woOther = FileChannel.open(other, WRITE)) {
            var closed = FileChannel.open(other, READ, WRITE);
            closed.close();
            assertThrows(ClosedChannelException.class, () -> wo.transferTo(-1, 1, closed));
            assertThrows(NonReadableChannelException.class, () -> wo.transferTo(-1, -1, ro));
            assertThrows(NonWritableChannelException.class, () -> rw.transferTo(-1, -1, ro));
            assertThrows(ClosedChannelException.class, () -> ro.transferFrom(closed, -1, 1));
            assertThrows(NonReadableChannelException.class, () -> ro.transferFrom(woOther, -1, -1));
            assertThrows(NonWritableChannelException.class, () -> ro.transferFrom(rw, -1, -1));
            assertThrows(IllegalArgumentException.class, () -> rw.transferFrom(ro, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> rw.transferTo(0, -1, woOther));
        }
        assertEquals("abc", Files.readString(file));
        assertEquals("xyz", Files.readString(other));
    }
}
