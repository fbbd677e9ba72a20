package io.liouring;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The bytes a {@link Path} names a file by, for the kernel. On Linux a file name is bytes, and a path that Java
 * read from the file system (a directory listing) keeps them exactly, even those that are not text in the file
 * name encoding ({@code \377}); its {@link Path#toString()} shows such bytes as U+FFFD, which cannot be encoded
 * back. So a path whose string is plain ASCII, or valid text under a UTF-8 file name encoding, is encoded
 * from its string (the common, cheap case); any other is read back from its URI ({@link Path#toUri()}), which
 * percent-encodes the exact bytes.
 */
final class PathBytes {
    private static final boolean UTF8_NAMES = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    private static final Path ROOT = Path.of("/");

    private PathBytes() {
    }

    /** The bytes of {@code path}, relative as it is relative, without a terminating NUL. */
    static byte[] of(Path path) {
        String s = path.toString();
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
