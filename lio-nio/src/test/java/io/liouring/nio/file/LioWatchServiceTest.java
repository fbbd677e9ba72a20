package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.liouring.nio.file.LioFileSystems.FILE_SYSTEM;
import static io.liouring.nio.file.LioFileSystems.lio;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Watching a directory of lio-nio's file system: the key is the one {@code register} returned, its watchable is the
 * registered path, and the events name entries as paths of this file system.
 */
class LioWatchServiceTest {
    /** The key the service hands out next, waiting generously for inotify on a loaded machine. */
    private static WatchKey next(WatchService watcher) throws InterruptedException {
        WatchKey key = watcher.poll(60, TimeUnit.SECONDS);
        assertNotNull(key, "no watch event within 60 s");
        return key;
    }

    @Test
    void aCreatedEntryIsReportedOnTheRegisteredKeyAsAPathOfThisFileSystem(@TempDir Path jdkDir) throws Exception {
        Path dir = lio(jdkDir);
        try (WatchService watcher = FILE_SYSTEM.newWatchService()) {
            WatchKey registered = dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE);
            Files.createFile(dir.resolve("made"));
            WatchKey key = next(watcher);
            List<WatchEvent<?>> events = new ArrayList<>(key.pollEvents());
            assertAll(
                    () -> assertSame(registered, key),
                    () -> assertSame(dir, key.watchable()),
                    () -> assertEquals(1, events.size(), events::toString),
                    () -> assertSame(ENTRY_CREATE, events.getFirst().kind()),
                    () -> assertEquals(1, events.getFirst().count()),
                    () -> assertEquals(FILE_SYSTEM.getPath("made"),
                            assertInstanceOf(LioPath.class, events.getFirst().context())));
            key.reset();

            Files.delete(dir.resolve("made"));
            WatchKey again = next(watcher);
            List<WatchEvent<?>> deletions = again.pollEvents();
            assertAll(
                    () -> assertSame(registered, again),
                    () -> assertSame(ENTRY_DELETE, deletions.getFirst().kind()),
                    () -> assertEquals(FILE_SYSTEM.getPath("made"), deletions.getFirst().context()));
        }
    }

    @Test
    void registeringTwiceGivesTheSameKeyAndACancelledKeyIsInvalid(@TempDir Path jdkDir) throws Exception {
        Path dir = lio(jdkDir);
        try (WatchService watcher = FILE_SYSTEM.newWatchService()) {
            WatchKey first = dir.register(watcher, ENTRY_CREATE);
            assertSame(first, dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE));
            first.cancel();
            assertFalse(first.isValid());
            Files.createFile(dir.resolve("unseen"));
            assertNull(watcher.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aWatchServiceOfAnotherProviderIsRefused(@TempDir Path jdkDir) throws Exception {
        try (WatchService jdkWatcher = FileSystems.getDefault().newWatchService()) {
            assertThrows(ProviderMismatchException.class, () -> lio(jdkDir).register(jdkWatcher, ENTRY_CREATE));
        }
    }
}
