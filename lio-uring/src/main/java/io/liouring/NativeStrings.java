package io.liouring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Objects;

/** NUL-terminated native strings for the kernel's path and name arguments. */
public final class NativeStrings {
    private NativeStrings() {
    }

    /** A path as a C string; a path containing NUL is rejected, since the kernel would truncate it. */
    public static MemorySegment path(Arena arena, Path path) {
        return path(arena, path, "path");
    }

    /**
     * A path as a C string of the exact bytes it names the file by (also a name read from a directory that is not
     * text in the file name encoding); {@code name} names the argument in errors.
     */
    public static MemorySegment path(Arena arena, Path path, String name) {
        Objects.requireNonNull(path, name);
        String text = path.toString();
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character, which would cut it short: "
                    + text.replace("\0", "\\0"));
        }
        byte[] bytes = PathBytes.of(path);
        MemorySegment c = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, c, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return c;
    }

    /**
     * The exact bytes {@code path} names its file by (without a NUL), as {@link #path(Arena, Path, String)} hands
     * them to the kernel: also those of a name read from a directory that are not text in the file name encoding.
     */
    public static byte[] bytes(Path path) {
        return PathBytes.of(Objects.requireNonNull(path, "path"));
    }

    /** A string as a NUL-terminated UTF-8 C string; {@code name} names the argument in errors. */
    public static MemorySegment of(Arena arena, String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character, which would cut it short: "
                    + value.replace("\0", "\\0"));
        }
        return arena.allocateFrom(value);
    }
}
