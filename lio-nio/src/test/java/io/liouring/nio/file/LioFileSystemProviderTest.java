package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.liouring.nio.file.LioFileSystems.FILE_SYSTEM;
import static io.liouring.nio.file.LioFileSystems.PROVIDER;
import static io.liouring.nio.file.LioFileSystems.lio;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LioFileSystemProvider} as the JDK's {@code Files} reaches it through a path of its file system: the
 * operations it delegates behave as the built-in provider's, paths it returns are its own, and paths of another
 * provider are refused with {@link ProviderMismatchException}.
 */
class LioFileSystemProviderTest {
    @TempDir
    Path jdkDir;

    private Path dir() {
        return lio(jdkDir);
    }

    @Test
    void theConstructorTakesTheProviderOfTheFileScheme() {
        FileSystemProvider builtIn = FileSystems.getDefault().provider();
        FileSystemProvider jar = FileSystemProvider.installedProviders().stream()
                .filter(p -> p.getScheme().equals("jar")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("file", new LioFileSystemProvider(builtIn).getScheme()),
                () -> assertThrows(NullPointerException.class, () -> new LioFileSystemProvider(null)),
                () -> assertThrows(IllegalArgumentException.class, () -> new LioFileSystemProvider(jar)));
    }

    @Test
    void theFileUriLeadsToThisFileSystemAndItsPaths() {
        URI root = URI.create("file:///");
        assertAll(
                () -> assertSame(FILE_SYSTEM, PROVIDER.getFileSystem(root)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> PROVIDER.getFileSystem(URI.create("file:///tmp"))),
                () -> assertThrows(FileSystemAlreadyExistsException.class, () -> PROVIDER.newFileSystem(root, Map.of())),
                () -> assertEquals(FILE_SYSTEM.getPath("/tmp/x y"),
                        assertInstanceOf(LioPath.class, PROVIDER.getPath(URI.create("file:///tmp/x%20y")))),
                () -> assertThrows(IllegalArgumentException.class, () -> PROVIDER.getPath(URI.create("http://x/"))),
                () -> assertThrows(UnsupportedOperationException.class,
                        () -> PROVIDER.newFileSystem(FILE_SYSTEM.getPath("/tmp"), Map.of())));
    }

    @Test
    void filesWritesAndReadsEveryByteThroughTheProvidersChannels() throws IOException {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Path file = dir().resolve("data");
        Files.write(file, data);
        assertArrayEquals(data, Files.readAllBytes(file));
        assertArrayEquals(data, Files.readAllBytes(jdkDir.resolve("data")));

        try (OutputStream out = Files.newOutputStream(dir().resolve("streamed"))) {
            out.write(data);
        }
        try (InputStream in = Files.newInputStream(dir().resolve("streamed"))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, READ)) {
            ByteBuffer tail = ByteBuffer.allocate(10);
            channel.position(data.length - 10).read(tail);
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 10, data.length), tail.array());
        }
    }

    @Test
    void fileChannelsOpenedThroughThePathKeepPositionalWritesAndTheSize() throws Exception {
        Path file = dir().resolve("channel");
        try (FileChannel channel = FileChannel.open(file, CREATE_NEW, READ, WRITE)) {
            channel.write(ByteBuffer.wrap("end".getBytes(StandardCharsets.US_ASCII)), 8192);
            assertEquals(8195, channel.size());
        }
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, READ)) {
            ByteBuffer end = ByteBuffer.allocate(3);
            assertEquals(3, channel.read(end, 8192).get(60, TimeUnit.SECONDS));
            assertEquals("end", new String(end.array(), StandardCharsets.US_ASCII));
        }
        assertThrows(FileAlreadyExistsException.class, () -> FileChannel.open(file, CREATE_NEW, WRITE));
        assertThrows(NoSuchFileException.class, () -> FileChannel.open(dir().resolve("missing"), READ));
    }

    @Test
    void creatingAFileWithPermissionsAppliesThem() throws IOException {
        Path file = Files.createFile(dir().resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path temp = Files.createTempFile(dir(), "lio", ".tmp");
        assertInstanceOf(LioPath.class, temp);
        assertTrue(Files.isRegularFile(jdkDir.resolve(temp.getFileName().toString())));
    }

    @Test
    void aDirectoryOpensForReadingButCannotBeReadOrOpenedForWriting() throws IOException {
        Path dir = dir();
        try (InputStream in = Files.newInputStream(dir)) {
            IOException e = assertThrows(IOException.class, in::read);
            // as the JDK says it; the errno is in the cause chain
            assertEquals("Is a directory", e.getMessage());
        }
        assertThrows(IOException.class, () -> Files.readAllBytes(dir));
        FileSystemException e = assertThrows(FileSystemException.class, () -> Files.newOutputStream(dir));
        assertEquals(dir.toString(), e.getFile());
        assertEquals("Is a directory", e.getReason());
        assertEquals(dir + ": Is a directory", e.getMessage());
    }

    @Test
    void streamsRefuseTheOptionsTheirDirectionForbids() {
        Path file = dir().resolve("f");
        assertAll(
                () -> assertThrows(UnsupportedOperationException.class, () -> Files.newInputStream(file, WRITE)),
                () -> assertThrows(IllegalArgumentException.class, () -> Files.newOutputStream(file, READ)));
    }

    @Test
    void symbolicLinksAreCreatedAndReadAsPathsOfThisFileSystem() throws IOException {
        Path target = Files.writeString(dir().resolve("target"), "t");
        Path link = Files.createSymbolicLink(dir().resolve("link"), FILE_SYSTEM.getPath("target"));
        Path read = Files.readSymbolicLink(link);
        assertAll(
                () -> assertEquals(FILE_SYSTEM.getPath("target"), assertInstanceOf(LioPath.class, read)),
                () -> assertTrue(Files.isSymbolicLink(link)),
                () -> assertTrue(Files.isSameFile(link, target)),
                () -> assertEquals("t", Files.readString(link)));
        Path hard = Files.createLink(dir().resolve("hard"), target);
        assertEquals(2, (int) Files.getAttribute(hard, "unix:nlink"));
    }

    @Test
    void copyMoveAndDeleteActOnTheFiles() throws IOException {
        Path source = Files.writeString(dir().resolve("source"), "content");
        Path copy = Files.copy(source, dir().resolve("copy"));
        assertEquals("content", Files.readString(copy));
        assertThrows(FileAlreadyExistsException.class, () -> Files.copy(source, copy));
        Files.writeString(source, "newer");
        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        assertEquals("newer", Files.readString(copy));

        Path moved = Files.move(copy, dir().resolve("moved"), StandardCopyOption.ATOMIC_MOVE);
        assertFalse(Files.exists(copy));
        assertEquals("newer", Files.readString(moved));
        Files.delete(moved);
        assertFalse(Files.deleteIfExists(moved));
        assertThrows(NoSuchFileException.class, () -> Files.delete(moved));
        Files.createDirectory(dir().resolve("sub"));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(dir().resolve("sub")));
    }

    @Test
    void attributesAccessAndStoresAreTheBuiltInProvidersAnswers() throws IOException {
        Path file = Files.writeString(dir().resolve(".hidden"), "12345");
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        assertAll(
                () -> assertEquals(5, attributes.size()),
                () -> assertEquals(5L, Files.getAttribute(file, "size")),
                () -> assertEquals(Files.readAttributes(jdkDir.resolve(".hidden"), BasicFileAttributes.class).fileKey(),
                        attributes.fileKey()),
                () -> assertTrue(Files.isHidden(file)),
                () -> assertTrue(Files.exists(file)),
                () -> assertFalse(Files.exists(dir().resolve("none"))),
                () -> assertNull(PROVIDER.readAttributesIfExists(dir().resolve("none"), BasicFileAttributes.class)),
                () -> assertEquals(5, PROVIDER.readAttributesIfExists(file, BasicFileAttributes.class).size()),
                () -> assertTrue(Files.isReadable(file) && Files.isWritable(file) && !Files.isExecutable(file)),
                () -> assertThrows(NoSuchFileException.class,
                        () -> PROVIDER.checkAccess(dir().resolve("none"), AccessMode.READ)),
                () -> assertEquals(Files.getFileStore(jdkDir).name(), Files.getFileStore(file).name()),
                () -> assertEquals("rw-r-----".length(), PosixFilePermissions.toString(
                        Files.getFileAttributeView(file, PosixFileAttributeView.class).readAttributes()
                                .permissions()).length()));
        Files.setAttribute(file, "posix:permissions", PosixFilePermissions.fromString("r--------"));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jdkDir.resolve(".hidden"))));
    }

    @Test
    void aPathOfAnotherProviderIsRefusedAsTheBuiltInProviderRefusesOne() throws IOException {
        Path jdkFile = Files.writeString(jdkDir.resolve("jdk"), "x");
        Path lioFile = dir().resolve("jdk");
        assertAll(
                () -> assertThrows(ProviderMismatchException.class, () -> PROVIDER.newFileChannel(jdkFile, Set.of(READ))),
                () -> assertThrows(ProviderMismatchException.class, () -> PROVIDER.newByteChannel(jdkFile, Set.of(READ))),
                () -> assertThrows(ProviderMismatchException.class,
                        () -> PROVIDER.newAsynchronousFileChannel(jdkFile, Set.of(READ), null)),
                () -> assertThrows(ProviderMismatchException.class, () -> PROVIDER.delete(jdkFile)),
                () -> assertThrows(ProviderMismatchException.class, () -> PROVIDER.copy(lioFile, jdkDir.resolve("c"))),
                () -> assertThrows(ProviderMismatchException.class, () -> PROVIDER.move(jdkFile, lioFile)),
                () -> assertThrows(ProviderMismatchException.class,
                        () -> PROVIDER.readAttributes(jdkFile, BasicFileAttributes.class)),
                () -> assertThrows(ProviderMismatchException.class,
                        () -> PROVIDER.newDirectoryStream(jdkDir, entry -> true)),
                () -> assertThrows(NullPointerException.class, () -> PROVIDER.delete(null)),
                () -> assertFalse(PROVIDER.isSameFile(lioFile, jdkFile)),
                () -> assertTrue(PROVIDER.isSameFile(lioFile, dir().resolve("./jdk"))));
        assertTrue(Files.exists(jdkFile), "nothing was deleted or moved");
    }
}
