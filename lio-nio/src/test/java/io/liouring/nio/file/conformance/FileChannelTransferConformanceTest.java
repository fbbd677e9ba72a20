package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

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
}
