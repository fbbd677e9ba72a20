package io.liouring.nio.file;

import java.nio.file.Path;
import java.nio.file.WatchEvent;

/**
 * A watch event about an entry of a watched directory, its context a path of the {@link LioFileSystem}: the JDK's
 * event with its relative path wrapped.
 *
 * @param kind    the JDK event's kind
 * @param count   the JDK event's repeat count
 * @param context the entry's name, relative to the watched directory
 */
record LioWatchEvent(WatchEvent.Kind<Path> kind, int count, Path context) implements WatchEvent<Path> {
}
