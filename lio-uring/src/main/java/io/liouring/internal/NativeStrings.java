package io.liouring.internal;

import io.liouring.PathBytes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/** NUL-terminated native strings for the kernel's path and name arguments. */
public final class NativeStrings {
    private NativeStrings() {
    }

    /**
     * A path as a C string; a path containing NUL is rejected, since the kernel would truncate it.
     *
     * @param arena the arena to allocate from
     * @param path  the path
     * @return the C string
     */
    public static MemorySegment path(Arena arena, Path path) {
        return path(arena, path, "path");
    }

    /**
     * A path as a C string of the exact bytes it names the file by ({@link PathBytes}: also a name read from a
     * directory that is not text in the file name encoding).
     *
     * @param arena the arena to allocate from
     * @param path  the path
     * @param name  the argument's name, for the exception
     * @return the C string
     */
    public static MemorySegment path(Arena arena, Path path, String name) {
        return PathBytes.cString(arena, path, name);
    }

    /**
     * A string as a NUL-terminated UTF-8 C string; {@code name} names the argument in errors.
     *
     * @param arena the arena to allocate from
     * @param value the string
     * @param name  the argument's name, for the exception
     * @return the C string
     */
    public static MemorySegment of(Arena arena, String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character, which would cut it short: "
                    + value.replace("\0", "\\0"));
        }
        return arena.allocateFrom(value);
    }
}
