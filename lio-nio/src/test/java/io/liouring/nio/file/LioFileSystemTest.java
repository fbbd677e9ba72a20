package io.liouring.nio.file;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

import static io.liouring.nio.file.LioFileSystems.FILE_SYSTEM;
import static io.liouring.nio.file.LioFileSystems.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lio-nio's file system answers as the JDK's default one, and the paths it gives out are its own. */
class LioFileSystemTest {
    private static final FileSystem JDK = FileSystems.getDefault();

    @Test
    void itBelongsToTheProviderAndDescribesItselfAsTheJdksDefault() {
        assertAll(
                () -> assertSame(PROVIDER, FILE_SYSTEM.provider()),
                () -> assertTrue(FILE_SYSTEM.isOpen()),
                () -> assertFalse(FILE_SYSTEM.isReadOnly()),
                () -> assertEquals(JDK.getSeparator(), FILE_SYSTEM.getSeparator()),
                () -> assertEquals(JDK.supportedFileAttributeViews(), FILE_SYSTEM.supportedFileAttributeViews()),
                () -> assertSame(JDK.getUserPrincipalLookupService().getClass(),
                        FILE_SYSTEM.getUserPrincipalLookupService().getClass()));
    }

    @Test
    void theDefaultFileSystemCannotBeClosed() {
        assertThrows(UnsupportedOperationException.class, FILE_SYSTEM::close);
        assertTrue(FILE_SYSTEM.isOpen());
    }

    @Test
    void getPathAndTheRootDirectoriesArePathsOfThisFileSystem() {
        Path path = FILE_SYSTEM.getPath("a", "b", "c");
        List<Path> roots = new ArrayList<>();
        FILE_SYSTEM.getRootDirectories().forEach(roots::add);
        assertAll(
                () -> assertEquals("a/b/c", assertInstanceOf(LioPath.class, path).toString()),
                () -> assertSame(FILE_SYSTEM, path.getFileSystem()),
                () -> assertEquals(List.of(FILE_SYSTEM.getPath("/")), roots),
                () -> assertSame(FILE_SYSTEM, roots.getFirst().getFileSystem()));
    }

    @Test
    void theFileStoresAreTheJdks() {
        List<String> jdk = new ArrayList<>();
        JDK.getFileStores().forEach(store -> jdk.add(store.name()));
        List<String> lio = new ArrayList<>();
        FILE_SYSTEM.getFileStores().forEach(store -> lio.add(store.name()));
        assertEquals(jdk, lio);
    }

    @Test
    void pathMatchersMatchPathsOfThisFileSystemAsTheJdksMatchTheirs() {
        PathMatcher glob = FILE_SYSTEM.getPathMatcher("glob:**/*.{java,class}");
        PathMatcher regex = FILE_SYSTEM.getPathMatcher("regex:.*/b+");
        assertAll(
                () -> assertTrue(glob.matches(FILE_SYSTEM.getPath("/src/A.java"))),
                () -> assertFalse(glob.matches(FILE_SYSTEM.getPath("/src/A.txt"))),
                () -> assertTrue(regex.matches(FILE_SYSTEM.getPath("/a/bbb"))),
                () -> assertFalse(regex.matches(FILE_SYSTEM.getPath("/a/bc"))),
                () -> assertThrows(UnsupportedOperationException.class, () -> FILE_SYSTEM.getPathMatcher("sql:x")),
                () -> assertThrows(IllegalArgumentException.class, () -> FILE_SYSTEM.getPathMatcher("no-syntax")));
    }
}
