package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;

import static io.liouring.nio.file.LioFileSystems.FILE_SYSTEM;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link LioPath} answers as the JDK's path it wraps, and every path it derives is again a path of lio-nio's file
 * system; a path of another provider is refused where {@link Path}'s Javadoc says so.
 */
class LioPathTest {
    private static final Path JDK = Path.of("/usr/lib/../share/doc");
    private static final Path LIO = FILE_SYSTEM.getPath("/usr/lib/../share/doc");

    /** {@code derived} is a lio-nio path wrapping {@code expected}. */
    private static void assertWraps(Path expected, Path derived) {
        LioPath lio = assertInstanceOf(LioPath.class, derived);
        assertSame(FILE_SYSTEM, lio.getFileSystem());
        assertEquals(expected, lio.jdkPath());
    }

    @Test
    void everyDerivedPathIsALioNioPathWrappingWhatTheJdkDerives() throws IOException {
        assertAll(
                () -> assertWraps(JDK.getRoot(), LIO.getRoot()),
                () -> assertWraps(JDK.getFileName(), LIO.getFileName()),
                () -> assertWraps(JDK.getParent(), LIO.getParent()),
                () -> assertWraps(JDK.getName(1), LIO.getName(1)),
                () -> assertWraps(JDK.subpath(1, 3), LIO.subpath(1, 3)),
                () -> assertWraps(JDK.normalize(), LIO.normalize()),
                () -> assertWraps(JDK.resolve("x"), LIO.resolve("x")),
                () -> assertWraps(JDK.resolve("x"), LIO.resolve(FILE_SYSTEM.getPath("x"))),
                () -> assertWraps(JDK.resolveSibling("y"), LIO.resolveSibling("y")),
                () -> assertWraps(JDK.resolveSibling("y"), LIO.resolveSibling(FILE_SYSTEM.getPath("y"))),
                () -> assertWraps(JDK.relativize(Path.of("/etc")), LIO.relativize(FILE_SYSTEM.getPath("/etc"))),
                () -> assertWraps(Path.of("rel").toAbsolutePath(), FILE_SYSTEM.getPath("rel").toAbsolutePath()),
                () -> assertWraps(Path.of("/").toRealPath(), FILE_SYSTEM.getPath("/").toRealPath()));
    }

    @Test
    void theNamesIterateAsLioNioPaths() {
        List<Path> names = new ArrayList<>();
        LIO.forEach(names::add);
        assertEquals(JDK.getNameCount(), names.size());
        for (int i = 0; i < names.size(); i++) {
            assertWraps(JDK.getName(i), names.get(i));
        }
    }

    @Test
    void aRelativePathHasNoRootAndTheRootHasNoParentOrName() {
        Path relative = FILE_SYSTEM.getPath("a/b");
        Path root = FILE_SYSTEM.getPath("/");
        assertAll(
                () -> assertNull(relative.getRoot()),
                () -> assertFalse(relative.isAbsolute()),
                () -> assertTrue(LIO.isAbsolute()),
                () -> assertNull(root.getParent()),
                () -> assertNull(root.getFileName()),
                () -> assertEquals(JDK.getNameCount(), LIO.getNameCount()));
    }

    @Test
    void stringUriAndFileAreTheWrappedPaths() {
        assertAll(
                () -> assertEquals(JDK.toString(), LIO.toString()),
                () -> assertEquals(JDK.toUri(), LIO.toUri()),
                () -> assertEquals(new File(JDK.toString()), LIO.toFile()),
                () -> assertTrue(LIO.startsWith("/usr") && LIO.endsWith("doc")),
                () -> assertTrue(LIO.startsWith(FILE_SYSTEM.getPath("/usr/lib"))),
                () -> assertTrue(LIO.endsWith(FILE_SYSTEM.getPath("share/doc"))));
    }

    @Test
    void equalityHashAndOrderAreTheWrappedPaths() {
        Path same = FILE_SYSTEM.getPath("/usr/lib/../share/doc");
        Path later = FILE_SYSTEM.getPath("/usr/m");
        assertAll(
                () -> assertEquals(LIO, same),
                () -> assertEquals(LIO.hashCode(), same.hashCode()),
                () -> assertEquals(JDK.hashCode(), LIO.hashCode()),
                () -> assertNotEquals(LIO, LIO.normalize()),
                () -> assertEquals(0, LIO.compareTo(same)),
                () -> assertEquals(Integer.signum(JDK.compareTo(Path.of("/usr/m"))),
                        Integer.signum(LIO.compareTo(later))),
                () -> assertNotEquals(JDK, LIO),
                () -> assertNotEquals(LIO, JDK));
    }

    @Test
    void aPathOfAnotherProviderIsRefusedAsPathSpecifies() {
        assertAll(
                () -> assertThrows(ProviderMismatchException.class, () -> LIO.resolve(JDK)),
                () -> assertThrows(ProviderMismatchException.class, () -> LIO.resolveSibling(JDK)),
                () -> assertThrows(ProviderMismatchException.class, () -> LIO.relativize(JDK)),
                () -> assertThrows(ClassCastException.class, () -> LIO.compareTo(JDK)),
                () -> assertFalse(LIO.startsWith(JDK)),
                () -> assertFalse(LIO.endsWith(JDK.getFileName())),
                () -> assertThrows(NullPointerException.class, () -> LIO.resolve((Path) null)),
                () -> assertThrows(NullPointerException.class, () -> LIO.startsWith((Path) null)));
    }

    @Test
    void toRealPathFollowsLinksOnTheDisk(@TempDir Path jdkDir) throws IOException {
        Path target = Files.createFile(jdkDir.resolve("target"));
        Files.createSymbolicLink(jdkDir.resolve("link"), target);
        assertWraps(target.toRealPath(), LioFileSystems.lio(jdkDir).resolve("link").toRealPath());
    }
}
