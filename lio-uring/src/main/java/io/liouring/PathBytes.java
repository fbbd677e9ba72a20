package io.liouring;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bytes a {@link Path} names a file by, as every path-taking operation of lio-uring hands them to the kernel.
 * On Linux a file name is bytes, and a path that Java read from the file system (a directory listing) keeps them
 * exactly, even those that are not text in the file name encoding ({@code \377}); its {@link Path#toString()}
 * shows such bytes as U+FFFD, which cannot be encoded back. So a path whose string is plain ASCII, or valid text
 * under a UTF-8 file name encoding, is encoded from its string (the common, cheap case); any other is read back
 * from its URI ({@link Path#toUri()}), which percent-encodes the exact bytes. A path made from such bytes is
 * {@code Path.of(URI)} of a {@code file:} URI with the bytes percent-encoded.
 */
public final class PathBytes {
    private static final boolean UTF8_NAMES = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    private static final Path ROOT = Path.of("/");

    private PathBytes() {
    }

    /**
     * The exact bytes of a path.
     *
     * @param path the path (on the default file system)
     * @return its bytes, relative as it is relative, without a terminating NUL
     */
    public static byte[] of(Path path) {
        String s = Objects.requireNonNull(path, "path").toString();
        if (isAscii(s) || (UTF8_NAMES && s.indexOf('\uFFFD') < 0)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        boolean absolute = path.isAbsolute();
        String uriPath = (absolute ? path : ROOT.resolve(path)).toUri().getRawPath();
        byte[] bytes = percentDecoded(uriPath);
        int end = bytes.length;
        if (end > 1 && bytes[end - 1] == '/') { // toUri marks an existing directory with a slash
            end--;
        }
        int start = absolute ? 0 : 1;
        byte[] exact = new byte[end - start];
        System.arraycopy(bytes, start, exact, 0, exact.length);
        return exact;
    }

    /**
     * A path as a NUL-terminated C string of its exact bytes ({@link #of}).
     *
     * @param arena where to allocate the string
     * @param path  the path
     * @param name  the argument's name, for the exception
     * @return the C string
     * @throws IllegalArgumentException if the path contains a NUL character, which would cut it short
     */
    public static MemorySegment cString(Arena arena, Path path, String name) {
        Objects.requireNonNull(path, name);
        String text = path.toString();
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character, which would cut it short: "
                    + text.replace("\0", "\\0"));
        }
        byte[] bytes = of(path);
        MemorySegment c = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, c, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return c;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] percentDecoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c); // a URI's raw path is ASCII
            }
        }
        return out.toByteArray();
    }
}
