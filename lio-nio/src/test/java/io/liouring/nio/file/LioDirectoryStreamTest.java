package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.liouring.nio.file.LioFileSystems.PROVIDER;
import static io.liouring.nio.file.LioFileSystems.lio;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directory streams of lio-nio's file system: entries, and what a filter sees, are paths of this file system; the
 * JDK's secure directory stream stays secure, wrapped.
 */
class LioDirectoryStreamTest {
    @TempDir
    Path jdkDir;

    private Path dirWith(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(jdkDir.resolve(name), name);
        }
        return lio(jdkDir);
    }

    @Test
    void entriesAndTheFilterSeePathsOfThisFileSystem() throws IOException {
        Path dir = dirWith("a.txt", "b.txt", "c.bin");
        List<Path> filtered = new ArrayList<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, entry -> {
            filtered.add(entry);
            return entry.toString().endsWith(".txt");
        })) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        assertAll(
                () -> assertEquals(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")), entries),
                () -> assertTrue(entries.stream().allMatch(LioPath.class::isInstance)),
                () -> assertEquals(3, filtered.size()),
                () -> assertTrue(filtered.stream().allMatch(LioPath.class::isInstance)));
    }

    @Test
    void aGlobFiltersByTheEntriesNames() throws IOException {
        Path dir = dirWith("a.txt", "b.txt", "c.bin");
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.bin")) {
            stream.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(List.of("c.bin"), names);
    }

    @Test
    void listAndWalkGivePathsOfThisFileSystem() throws IOException {
        Path dir = dirWith("one");
        Files.createDirectories(jdkDir.resolve("sub/deeper"));
        try (Stream<Path> list = Files.list(dir); Stream<Path> walk = Files.walk(dir)) {
            assertEquals(List.of("one", "sub"), list.map(p -> p.getFileName().toString()).sorted().toList());
            List<Path> walked = walk.toList();
            assertEquals(4, walked.size());
            assertTrue(walked.stream().allMatch(LioPath.class::isInstance), walked::toString);
        }
    }

    @Test
    void theIteratorIsHandedOutOnceAndAFilterFailureSurfacesAsTheJdkReportsIt() throws IOException {
        Path dir = dirWith("x");
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.iterator();
            assertThrows(IllegalStateException.class, stream::iterator);
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, entry -> {
            throw new IOException("filter failed");
        })) {
            Iterator<Path> entries = stream.iterator();
            DirectoryIteratorException e = assertThrows(DirectoryIteratorException.class, entries::hasNext);
            assertEquals("filter failed", e.getCause().getMessage());
        }
        assertThrows(NotDirectoryException.class, () -> Files.newDirectoryStream(dir.resolve("x")));
    }

    @Test
    void theJdksSecureDirectoryStreamStaysSecureAndWorksRelativeToTheDirectory() throws IOException {
        Path dir = dirWith("file");
        Files.createDirectory(jdkDir.resolve("sub"));
        Files.createDirectory(jdkDir.resolve("target"));
        try (DirectoryStream<Path> plain = FileSystems.getDefault().provider().newDirectoryStream(jdkDir, p -> true);
             DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            assertEquals(plain instanceof SecureDirectoryStream, stream instanceof SecureDirectoryStream);
        }
        try (DirectoryStream<Path> opened = Files.newDirectoryStream(dir)) {
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> secure = assertInstanceOf(SecureDirectoryStream.class, opened);
            Path name = dir.getFileSystem().getPath("made");
            try (SeekableByteChannel channel = secure.newByteChannel(name, Set.of(CREATE_NEW, WRITE))) {
                channel.write(ByteBuffer.wrap("relative".getBytes(StandardCharsets.US_ASCII)));
            }
            assertEquals("relative", Files.readString(jdkDir.resolve("made")));
            assertEquals(8, secure.getFileAttributeView(name, BasicFileAttributeView.class).readAttributes().size());
            assertTrue(secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes().isDirectory());

            try (SecureDirectoryStream<Path> target = secure.newDirectoryStream(dir.getFileSystem().getPath("target"))) {
                assertInstanceOf(LioSecureDirectoryStream.class, target);
                secure.move(name, target, name);
                assertTrue(Files.exists(jdkDir.resolve("target/made")));
                List<Path> inTarget = new ArrayList<>();
                target.forEach(inTarget::add);
                assertEquals(List.of(name), inTarget.stream().map(Path::getFileName).toList());
                assertSame(LioPath.class, inTarget.getFirst().getClass());
                try (DirectoryStream<Path> jdkStream = FileSystems.getDefault().provider()
                        .newDirectoryStream(jdkDir, p -> true)) {
                    @SuppressWarnings("unchecked")
                    SecureDirectoryStream<Path> foreign = (SecureDirectoryStream<Path>) jdkStream;
                    assertThrows(ProviderMismatchException.class, () -> target.move(name, foreign, name));
                }
                target.deleteFile(name);
            }
            secure.deleteFile(dir.getFileSystem().getPath("file"));
            secure.deleteDirectory(dir.getFileSystem().getPath("sub"));
            assertThrows(ProviderMismatchException.class, () -> secure.deleteFile(Path.of("target")));
        }
        assertFalse(Files.exists(jdkDir.resolve("file")));
        assertFalse(Files.exists(jdkDir.resolve("sub")));
        assertFalse(Files.exists(jdkDir.resolve("target/made")));
    }

    @Test
    void aDirectoryStreamOfTheProviderIsClosedLikeTheJdks() throws IOException {
        Path dir = dirWith("y");
        DirectoryStream<Path> stream = PROVIDER.newDirectoryStream(dir, p -> true);
        stream.close();
        assertThrows(IllegalStateException.class, stream::iterator);
    }
}
