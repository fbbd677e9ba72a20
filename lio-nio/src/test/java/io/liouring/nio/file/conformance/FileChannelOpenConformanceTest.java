package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.DSYNC;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.SPARSE;
import static java.nio.file.StandardOpenOption.SYNC;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code FileChannel.open} and {@code Files.newByteChannel}: what each open option does and when opening fails. */
class FileChannelOpenConformanceTest extends FileSystemConformance {
    /** An option no provider knows. */
    private enum UnknownOption implements OpenOption { INSTANCE }

    @Test
    void withoutReadWriteOrAppendTheFileIsOpenedForReadingOnly() throws IOException {
        // open: "If neither option (or APPEND) is contained in the array then the file is opened for reading."
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file)) {
            var buf = ByteBuffer.allocate(8);
            assertEquals(3, ch.read(buf));
            assertEquals("abc", readSoFar(buf));
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.wrap(ascii("x"))));
        }
    }

    @Test
    void readingOrWritingStartsAtTheBeginningOfTheFile() throws IOException {
        // open: "By default reading or writing commences at the beginning of the file."
        Path file = file("data", "abcdef");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertEquals(0, ch.position());
            ch.write(ByteBuffer.wrap(ascii("XY")));
        }
        assertEquals("XYcdef", Files.readString(file));
    }

    @Test
    void writeOnlyChannelRefusesReads() throws IOException {
        // read: NonReadableChannelException "If this channel was not opened for reading"
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> ch.read(ByteBuffer.allocate(4)));
            assertThrows(NonReadableChannelException.class, () -> ch.read(ByteBuffer.allocate(4), 0));
            assertThrows(NonReadableChannelException.class, () -> ch.read(new ByteBuffer[] {ByteBuffer.allocate(4)}));
        }
    }

    @Test
    void openingAMissingFileWithoutCreateFailsWithNoSuchFile() {
        // IOException "If an I/O error occurs"; NoSuchFileException is the specific exception for a missing file
        Path missing = path("missing");
        assertThrows(NoSuchFileException.class, () -> FileChannel.open(missing).close());
        assertThrows(NoSuchFileException.class, () -> FileChannel.open(missing, WRITE).close());
        assertThrows(NoSuchFileException.class, () -> Files.newByteChannel(missing).close());
        assertFalse(Files.exists(missing));
    }

    @Test
    void createMakesAMissingFileAndOpensAnExistingOneUnchanged() throws IOException {
        // CREATE: "an existing file is opened if it exists, otherwise a new file is created"
        Path fresh = path("fresh");
        try (var ch = FileChannel.open(fresh, WRITE, CREATE)) {
            assertEquals(0, ch.size());
            ch.write(ByteBuffer.wrap(ascii("new")));
        }
        assertEquals("new", Files.readString(fresh));
        try (var ch = FileChannel.open(fresh, WRITE, CREATE)) {
            assertEquals(3, ch.size());
        }
        assertEquals("new", Files.readString(fresh));
    }

    @Test
    void createNewFailsWhenTheFileExists() throws IOException {
        // CREATE_NEW: "a new file is created, failing if the file already exists" -> FileAlreadyExistsException
        Path file = file("data", "keep");
        assertThrows(FileAlreadyExistsException.class, () -> FileChannel.open(file, WRITE, CREATE_NEW).close());
        assertThrows(FileAlreadyExistsException.class,
                () -> FileChannel.open(file, WRITE, CREATE_NEW, CREATE).close());
        assertThrows(FileAlreadyExistsException.class,
                () -> Files.newByteChannel(file, WRITE, CREATE_NEW).close());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void createNewMakesAFile() throws IOException {
        Path file = path("data");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            ch.write(ByteBuffer.wrap(ascii("made")));
        }
        assertEquals("made", Files.readString(file));
    }

    @Test
    void createAndCreateNewAreIgnoredWhenOpeningOnlyForReading() throws IOException {
        // CREATE / CREATE_NEW: "ignored ... [when] the file is opened only for reading"
        Path missing = path("missing");
        assertThrows(NoSuchFileException.class, () -> FileChannel.open(missing, READ, CREATE).close());
        assertThrows(NoSuchFileException.class, () -> FileChannel.open(missing, READ, CREATE_NEW).close());
        assertFalse(Files.exists(missing));
        Path existing = file("data", "abc");
        try (var ch = FileChannel.open(existing, READ, CREATE_NEW)) {
            assertEquals(3, ch.size());
        }
    }

    @Test
    void truncateExistingEmptiesTheFile() throws IOException {
        // TRUNCATE_EXISTING: "the existing file is truncated to a size of 0 bytes"
        Path file = file("data", "old content");
        try (var ch = FileChannel.open(file, WRITE, TRUNCATE_EXISTING)) {
            assertEquals(0, ch.size());
            ch.write(ByteBuffer.wrap(ascii("new")));
        }
        assertEquals("new", Files.readString(file));
    }

    @Test
    void truncateExistingIsIgnoredWhenOpeningOnlyForReading() throws IOException {
        // TRUNCATE_EXISTING: "This option is ignored when the file is opened only for reading."
        Path file = file("data", "content");
        try (var ch = FileChannel.open(file, READ, TRUNCATE_EXISTING)) {
            assertEquals(7, ch.size());
        }
        assertEquals("content", Files.readString(file));
    }

    @Test
    void appendAloneOpensForWritingAtTheEnd() throws IOException {
        // APPEND: "the file is opened for writing and each ... write first advances the position to the end"
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, APPEND)) {
            assertEquals(2, ch.write(ByteBuffer.wrap(ascii("de"))));
            assertEquals(5, ch.position());
            assertThrows(NonReadableChannelException.class, () -> ch.read(ByteBuffer.allocate(1)));
        }
        assertEquals("abcde", Files.readString(file));
    }

    @Test
    void appendWithReadIsAnIllegalCombination() throws IOException {
        // APPEND: "may not be used in conjunction with the READ or TRUNCATE_EXISTING options"
        Path file = file("data", "abc");
        assertThrows(IllegalArgumentException.class, () -> FileChannel.open(file, READ, APPEND).close());
        assertThrows(IllegalArgumentException.class, () -> Files.newByteChannel(file, READ, APPEND).close());
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void appendWithTruncateExistingIsAnIllegalCombination() throws IOException {
        Path file = file("data", "abc");
        assertThrows(IllegalArgumentException.class,
                () -> FileChannel.open(file, WRITE, APPEND, TRUNCATE_EXISTING).close());
        assertThrows(IllegalArgumentException.class,
                () -> Files.newByteChannel(file, APPEND, TRUNCATE_EXISTING).close());
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void anUnknownOpenOptionIsUnsupported() throws IOException {
        // UnsupportedOperationException "If ... an unsupported open option is specified"
        Path file = file("data", "abc");
        assertThrows(UnsupportedOperationException.class,
                () -> FileChannel.open(file, READ, UnknownOption.INSTANCE).close());
        assertThrows(UnsupportedOperationException.class,
                () -> Files.newByteChannel(file, Set.of(READ, UnknownOption.INSTANCE)).close());
    }

    @Test
    void aNullOptionIsRejected() throws IOException {
        // Files/FileChannel: NullPointerException for a null argument (java.nio.file package description)
        Path file = file("data", "abc");
        Set<OpenOption> withNull = new java.util.HashSet<>();
        withNull.add(READ);
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> FileChannel.open(file, withNull).close());
    }

    @Test
    void aNullAttributeArrayOrAttributeIsRejected() throws IOException {
        // NullPointerException for a null argument (java.nio.file and java.nio.channels package descriptions),
        // checked before the file is touched: the file does not exist and is not created
        Path missing = path("missing");
        FileAttribute<?>[] nullElement = {null};
        assertThrows(NullPointerException.class,
                () -> FileChannel.open(missing, Set.of(READ), (FileAttribute<?>[]) null).close());
        assertThrows(NullPointerException.class,
                () -> Files.newByteChannel(missing, Set.of(READ), (FileAttribute<?>[]) null).close());
        assertThrows(NullPointerException.class,
                () -> FileChannel.open(missing, Set.of(READ), nullElement).close());
        assertThrows(NullPointerException.class,
                () -> FileChannel.open(missing, Set.of(CREATE, WRITE), (FileAttribute<?>[]) null).close());
        assertFalse(Files.exists(missing));
    }

    @Test
    void anAttributeThatCannotBeSetAtCreationIsUnsupported() {
        // UnsupportedOperationException "if ... the array contains an attribute that cannot be set atomically"
        Path file = path("data");
        FileAttribute<String> unknown = new FileAttribute<>() {
            @Override public String name() { return "nosuchview:nosuchattribute"; }
            @Override public String value() { return "x"; }
        };
        assertThrows(UnsupportedOperationException.class,
                () -> FileChannel.open(file, Set.of(WRITE, CREATE_NEW), unknown).close());
        assertFalse(Files.exists(file));
    }

    @Test
    void posixPermissionsAreSetAtCreation() throws IOException {
        // attrs: "file attributes to set atomically when creating the file" (owner rw- is never masked by umask)
        Path file = path("data");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try (var ch = FileChannel.open(file, Set.of(WRITE, CREATE_NEW), PosixFilePermissions.asFileAttribute(ownerOnly))) {
            ch.write(ByteBuffer.wrap(ascii("x")));
        }
        assertEquals(ownerOnly, Files.getPosixFilePermissions(file));
    }

    @Test
    void deleteOnCloseRemovesTheFileWhenClosed() throws IOException {
        // DELETE_ON_CLOSE: "a best effort attempt to delete the file when closed by the close method".
        // The JDK on Linux deviates: it unlinks the name right after opening, so whether the name still exists
        // while the channel is open is not asserted either way; the open channel keeps working on the file.
        Path file = path("scratch");
        try (var ch = FileChannel.open(file, READ, WRITE, CREATE_NEW, DELETE_ON_CLOSE)) {
            ch.write(ByteBuffer.wrap(ascii("temporary")));
            var buf = ByteBuffer.allocate(16);
            assertEquals(9, ch.read(buf, 0));
            assertEquals("temporary", readSoFar(buf));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void deleteOnCloseRefusesASymbolicLinkAsNoFollowLinksDoes() throws IOException {
        // DELETE_ON_CLOSE is not to remove the target of a link: the JDK on Linux opens with O_NOFOLLOW for it, and
        // a link is refused as with NOFOLLOW_LINKS, with the same exception (an IOException whose message names
        // NOFOLLOW_LINKS, not a FileSystemException of the path); the link and its target stay
        Path target = file("target", "abc");
        Path link = Files.createSymbolicLink(path("link"), target);
        IOException noFollow = assertThrows(IOException.class,
                () -> FileChannel.open(link, READ, LinkOption.NOFOLLOW_LINKS).close());
        IOException deleteOnClose = assertThrows(IOException.class,
                () -> FileChannel.open(link, READ, DELETE_ON_CLOSE).close());
        IOException async = assertThrows(IOException.class,
                () -> AsynchronousFileChannel.open(link, WRITE, DELETE_ON_CLOSE).close());
        for (IOException e : new IOException[] {deleteOnClose, async}) {
            assertEquals(noFollow.getClass(), e.getClass());
            assertEquals(noFollow.getMessage(), e.getMessage());
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("abc", Files.readString(target));
    }

    @Test
    void sparseIsOnlyAHint() throws IOException {
        // SPARSE: "a hint that the new file will be sparse"; the content is the same either way
        Path file = path("sparse");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW, SPARSE)) {
            ch.write(ByteBuffer.wrap(ascii("end")), 1 << 20);
        }
        byte[] all = Files.readAllBytes(file);
        assertEquals((1 << 20) + 3, all.length);
        assertEquals(0, all[0]);
        assertEquals("end", ascii(java.util.Arrays.copyOfRange(all, 1 << 20, all.length)));
    }

    @Test
    void syncAndDsyncChannelsWriteTheirBytes() throws IOException {
        // SYNC / DSYNC: every update written synchronously; durability cannot be observed here, the content can
        for (var option : EnumSet.of(SYNC, DSYNC)) {
            Path file = path(option.name());
            try (var ch = FileChannel.open(file, WRITE, CREATE_NEW, option)) {
                assertEquals(6, ch.write(ByteBuffer.wrap(ascii("synced"))));
                assertEquals(6, ch.size());
            }
            assertEquals("synced", Files.readString(file));
        }
    }

    @Test
    void noFollowLinksRefusesASymbolicLink() throws IOException {
        // LinkOption.NOFOLLOW_LINKS is an implementation-specific open option; on Linux the JDK refuses to open a
        // symbolic link with it (ELOOP, an IOException) and opens the link's target without it
        Path target = file("target", "abc");
        Path link = Files.createSymbolicLink(path("link"), target);
        assertThrows(IOException.class, () -> FileChannel.open(link, READ, LinkOption.NOFOLLOW_LINKS).close());
        assertThrows(IOException.class,
                () -> FileChannel.open(link, WRITE, LinkOption.NOFOLLOW_LINKS).close());
        try (var ch = FileChannel.open(link, READ)) {
            assertEquals(3, ch.size());
        }
        assertEquals("abc", Files.readString(target));
    }

    @Test
    void newByteChannelReturnsASeekableChannelWithTheSameOptions() throws IOException {
        // Files.newByteChannel: "Opens or creates a file, returning a seekable byte channel to access the file."
        Path file = path("data");
        try (SeekableByteChannel ch = Files.newByteChannel(file, CREATE_NEW, WRITE, READ)) {
            ch.write(ByteBuffer.wrap(ascii("hello")));
            assertEquals(5, ch.position());
            assertEquals(5, ch.size());
            ch.position(1);
            var buf = ByteBuffer.allocate(8);
            assertEquals(4, ch.read(buf));
            assertEquals("ello", readSoFar(buf));
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void aDirectoryCannotBeOpenedForWriting() throws IOException {
        // opening a directory for writing fails in open(2) with EISDIR, an IOException (FileSystemException)
        Path dir = Files.createDirectory(path("dir"));
        assertThrows(FileSystemException.class, () -> FileChannel.open(dir, WRITE).close());
        assertThrows(FileSystemException.class, () -> Files.newByteChannel(dir, WRITE).close());
    }

    @Test
    void aDirectoryOpenedForReadingFailsToRead() throws IOException {
        // What the JDK does on Linux: opening a directory read-only succeeds (open(2) allows O_RDONLY on a
        // directory), and reading it then fails with an IOException (EISDIR). Whether opening already fails is not
        // specified, so either is accepted; a read must never succeed.
        Path dir = Files.createDirectory(path("dir"));
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, READ);
        } catch (IOException refusedAtOpen) {
            return;
        }
        try (ch) {
            assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(16)));
            assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocateDirect(16), 0));
        }
    }

    @Test
    void theEmptyPathIsTheCurrentDirectory() throws IOException {
        // Path: "Accessing a file using an empty path is equivalent to accessing the default directory of the file
        // system." So CREATE_NEW on it finds a file that exists (the JDK's test Files/SBC, emptyPathTest).
        Path empty = target.fileSystem().getPath("");
        assertThrows(FileAlreadyExistsException.class, () -> Files.newByteChannel(empty, WRITE, CREATE_NEW).close());
        assertThrows(FileAlreadyExistsException.class, () -> FileChannel.open(empty, WRITE, CREATE_NEW).close());
        assertThrows(FileAlreadyExistsException.class,
                () -> AsynchronousFileChannel.open(empty, WRITE, CREATE_NEW).close());
        try (var ch = FileChannel.open(empty, READ)) {
            assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(16)));
        }
    }
}
