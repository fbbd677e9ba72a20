package io.liouring.nio.file;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A watch service of the {@link LioFileSystem}: the JDK's own (inotify) watch service, whose keys are handed out as
 * {@link LioWatchKey}s so that {@link WatchKey#watchable()} and the events' contexts are paths of this file system.
 * Each JDK key has one wrapper for as long as it is valid, so a key taken from {@link #take()} is the very object
 * {@link Path#register} returned. Thread-safe, as the JDK's service is.
 */
final class LioWatchService implements WatchService {
    private final LioFileSystem fileSystem;
    private final WatchService jdkService;
    private final Map<WatchKey, LioWatchKey> keys = new ConcurrentHashMap<>();

    LioWatchService(LioFileSystem fileSystem, WatchService jdkService) {
        this.fileSystem = fileSystem;
        this.jdkService = jdkService;
    }

    /** Registers {@code directory} with the JDK's service; see {@link Path#register}. */
    WatchKey register(LioPath directory, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        return wrap(directory.jdkPath().register(jdkService, events, modifiers), directory);
    }

    /** The key taken from the JDK's service, as the key {@code register} returned ({@code null} stays null). */
    private WatchKey wrap(WatchKey jdkKey) {
        return jdkKey == null ? null : wrap(jdkKey, fileSystem.wrap((Path) jdkKey.watchable()));
    }

    /**
     * The one wrapper of {@code jdkKey}, made with {@code directory} as its watchable if it is new; a key no longer
     * valid is forgotten.
     */
    private WatchKey wrap(WatchKey jdkKey, Path directory) {
        LioWatchKey key = keys.computeIfAbsent(jdkKey, k -> new LioWatchKey(this, k, directory));
        if (!jdkKey.isValid()) {
            forget(jdkKey); // an invalid key is never signalled again
        }
        return key;
    }

    /** Drops the wrapper of a key that was cancelled. */
    void forget(WatchKey jdkKey) {
        keys.remove(jdkKey);
    }

    /** The event's context as a path of this file system when it is a path (it is {@code null} for OVERFLOW). */
    WatchEvent<?> wrap(WatchEvent<?> event) {
        if (event.context() instanceof Path jdkPath) {
            @SuppressWarnings("unchecked")
            WatchEvent.Kind<Path> kind = (WatchEvent.Kind<Path>) event.kind();
            return new LioWatchEvent(kind, event.count(), fileSystem.wrap(jdkPath));
        }
        return event;
    }

    @Override
    public void close() throws IOException {
        jdkService.close();
        keys.clear();
    }

    @Override
    public WatchKey poll() {
        return wrap(jdkService.poll());
    }

    @Override
    public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
        return wrap(jdkService.poll(timeout, unit));
    }

    @Override
    public WatchKey take() throws InterruptedException {
        return wrap(jdkService.take());
    }
}
