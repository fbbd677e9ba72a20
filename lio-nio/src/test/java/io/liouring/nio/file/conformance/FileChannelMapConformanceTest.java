package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.channels.FileChannel.MapMode.PRIVATE;
import static java.nio.channels.FileChannel.MapMode.READ_ONLY;
import static java.nio.channels.FileChannel.MapMode.READ_WRITE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code FileChannel.map}: the three modes, growth, argument checks, and the {@code Arena} overload. */
class FileChannelMapConformanceTest extends FileSystemConformance {

    @Test
    void readOnlyMappingShowsTheFileAndRefusesWrites() throws IOException {
        // map: READ_ONLY "Any attempt to modify the resulting buffer will cause a ReadOnlyBufferException"; the
        // buffer has "a position of zero and a limit and capacity of size"
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file)) {
            var map = ch.map(READ_ONLY, 2, 5);
            assertEquals(0, map.position());
            assertEquals(5, map.limit());
            assertEquals(5, map.capacity());
            assertEquals("23456", ascii(map));
            assertTrue(map.isReadOnly());
            assertThrows(ReadOnlyBufferException.class, () -> map.put(0, (byte) 'x'));
        }
    }

    @Test
    void readWriteMappingChangesAreVisibleThroughTheChannel() throws IOException {
        // map: READ_WRITE "Changes made to the resulting buffer will eventually be propagated to the file"; the
        // class: views of one file within one program are consistent
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            var map = ch.map(READ_WRITE, 0, 10);
            map.put(3, (byte) 'X');
            map.force();
            var buf = ByteBuffer.allocate(10);
            assertEquals(10, ch.read(buf, 0));
            assertEquals("012X456789", readSoFar(buf));
        }
        assertEquals("012X456789", Files.readString(file));
    }

    @Test
    void privateMappingChangesAreNotWritten() throws IOException {
        // map: PRIVATE "Changes made to the resulting buffer will not be propagated to the file and will not be
        // visible to other programs that have mapped the same file"
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            var map = ch.map(PRIVATE, 0, 10);
            map.put(0, (byte) 'P');
            assertEquals('P', map.get(0));
            var buf = ByteBuffer.allocate(10);
            ch.read(buf, 0);
            assertEquals("0123456789", readSoFar(buf));
        }
        assertEquals("0123456789", Files.readString(file));
    }

    @Test
    void mappingBeyondTheSizeGrowsTheFile() throws IOException {
        // map: "If the requested region is not completely contained within this channel's file then the size of
        // the file will be increased"; the content of the grown part is unspecified, so only the size is checked
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            var map = ch.map(READ_WRITE, 0, 4096);
            assertEquals(4096, ch.size());
            map.put(4095, (byte) 'z');
        }
        byte[] all = Files.readAllBytes(file);
        assertEquals(4096, all.length);
        assertEquals('z', all[4095]);
        assertEquals("abc", ascii(java.util.Arrays.copyOf(all, 3)));
    }

    @Test
    void aReadOnlyMappingBeyondTheSizeGrowsAFileTheChannelMayWrite() throws IOException {
        // map: "If the requested region is not completely contained within this channel's file then the size of
        // the file will be increased", whatever the mode; the JDK grows it for READ_ONLY too when the channel was
        // opened for writing, for both overloads, and refuses with an IOException when it was not
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE); var arena = Arena.ofConfined()) {
            var map = ch.map(READ_ONLY, 0, 100);
            assertEquals(100, ch.size());
            assertEquals('a', map.get(0));
            assertEquals(0, ch.map(READ_ONLY, 200, 0).capacity());
            assertEquals(200, ch.size());
            assertEquals(50, ch.map(READ_ONLY, 250, 50, arena).byteSize());
            assertEquals(300, ch.size());
        }
        try (var ro = FileChannel.open(file, READ)) {
            assertThrows(IOException.class, () -> ro.map(READ_ONLY, 0, 400));
            assertEquals(300, ro.size());
        }
    }

    @Test
    void mapChecksTheModeAgainstHowTheChannelWasOpened() throws IOException {
        // map: NonReadableChannelException "If the mode is READ_ONLY but this channel was not opened for reading";
        // NonWritableChannelException "If the mode is READ_WRITE or PRIVATE but this channel was not opened for
        // both reading and writing"
        Path file = file("data", "abc");
        try (var ro = FileChannel.open(file, READ); var wo = FileChannel.open(file, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> wo.map(READ_ONLY, 0, 3));
            assertThrows(NonWritableChannelException.class, () -> ro.map(READ_WRITE, 0, 3));
            assertThrows(NonWritableChannelException.class, () -> ro.map(PRIVATE, 0, 3));
            // A write-only channel is not "opened for both reading and writing", so the Javadoc names
            // NonWritableChannelException for READ_WRITE; the JDK throws NonReadableChannelException instead. Only
            // that the mapping is refused is asserted.
            var refused = assertThrows(RuntimeException.class, () -> wo.map(READ_WRITE, 0, 3));
            assertTrue(refused instanceof NonWritableChannelException || refused instanceof NonReadableChannelException,
                    refused.toString());
        }
    }

    @Test
    void mapRejectsNegativeOrTooLargeArguments() throws IOException {
        // map: IllegalArgumentException "If the preconditions on the parameters do not hold" (position and size
        // non-negative, size at most Integer.MAX_VALUE)
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file)) {
            assertThrows(IllegalArgumentException.class, () -> ch.map(READ_ONLY, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> ch.map(READ_ONLY, 0, -1));
            assertThrows(IllegalArgumentException.class, () -> ch.map(READ_ONLY, 0, Integer.MAX_VALUE + 1L));
        }
    }

    @Test
    void mapChecksTheParametersBeforeTheChannelsAccess() throws IOException {
        // map: IllegalArgumentException "If the preconditions on the parameters do not hold" holds whatever the
        // channel's access: a write-only channel asked for a READ_ONLY mapping of more than Integer.MAX_VALUE bytes
        // refuses the size, as the JDK does (JDK test FileChannel/MapTest, testExceptions)
        Path file = file("data", "abc");
        try (var wo = FileChannel.open(file, WRITE)) {
            assertThrows(IllegalArgumentException.class, () -> wo.map(READ_ONLY, 0, Integer.MAX_VALUE + 1L));
            assertThrows(IllegalArgumentException.class, () -> wo.map(READ_ONLY, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> wo.map(READ_ONLY, 0, -1));
            assertThrows(IllegalArgumentException.class, () -> wo.map(READ_ONLY, Long.MAX_VALUE, 1));
        }
    }

    @Test
    void mapIntoAnArenaGivesASegmentOfTheFile() throws IOException {
        // map(mode, offset, size, arena): the segment maps the region; READ_ONLY gives a read-only segment; the
        // mapping is released when the arena closes. (The default implementation may throw
        // UnsupportedOperationException; the JDK's channel, and so any stand-in for it, supports it.)
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE); var arena = Arena.ofConfined()) {
            var ro = ch.map(READ_ONLY, 1, 3, arena);
            assertEquals(3, ro.byteSize());
            assertTrue(ro.isReadOnly());
            assertEquals('1', ro.get(ValueLayout.JAVA_BYTE, 0));
            var rw = ch.map(READ_WRITE, 5, 2, arena);
            rw.set(ValueLayout.JAVA_BYTE, 0, (byte) '#');
            var buf = ByteBuffer.allocate(1);
            ch.read(buf, 5);
            assertEquals("#", readSoFar(buf));
            assertThrows(IllegalArgumentException.class, () -> ch.map(READ_ONLY, -1, 1, arena));
        }
        assertEquals("01234#6789", Files.readString(file));
        // IllegalStateException "If arena.isAlive() == false"
        var closed = Arena.ofConfined();
        closed.close();
        try (var ch = FileChannel.open(file)) {
            assertThrows(IllegalStateException.class, () -> ch.map(READ_ONLY, 0, 1, closed));
        }
    }
}
