package io.liouring.nio.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Files for close races: file {@code i} holds {@link #tag(int) tag(i)} in every byte, so a read that lands in another
 * file's buffer, or reads another file through a reused descriptor number, shows by its bytes.
 */
final class TaggedFiles {
    private TaggedFiles() {
    }

    /** Creates {@code count} files {@code tag0}, {@code tag1}, … of {@code size} bytes in {@code dir}. */
    static List<Path> create(Path dir, int count, int size) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] content = new byte[size];
            Arrays.fill(content, tag(i));
            files.add(Files.write(dir.resolve("tag" + i), content));
        }
        return files;
    }

    /** The byte file {@code file} is filled with (never 0, which a buffer holds before any read). */
    static byte tag(int file) {
        return (byte) (file + 1);
    }
}
