package io.liouring.nio.file;

import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch key of a {@link LioWatchService}: the JDK's key, whose {@link #watchable()} is the registered
 * {@link LioPath} and whose events name paths of the {@link LioFileSystem}. State and thread-safety are the JDK
 * key's.
 */
final class LioWatchKey implements WatchKey {
    private final LioWatchService service;
    private final WatchKey jdkKey;
    private final Path directory;

    LioWatchKey(LioWatchService service, WatchKey jdkKey, Path directory) {
        this.service = service;
        this.jdkKey = jdkKey;
        this.directory = directory;
    }

    @Override
    public boolean isValid() {
        return jdkKey.isValid();
    }

    @Override
    public List<WatchEvent<?>> pollEvents() {
        List<WatchEvent<?>> events = new ArrayList<>();
        for (WatchEvent<?> event : jdkKey.pollEvents()) {
            events.add(service.wrap(event));
        }
        return events;
    }

    @Override
    public boolean reset() {
        return jdkKey.reset();
    }

    @Override
    public void cancel() {
        jdkKey.cancel();
        service.forget(jdkKey);
    }

    @Override
    public Path watchable() {
        return directory;
    }

    @Override
    public String toString() {
        return "LioWatchKey[" + directory + "]";
    }
}
