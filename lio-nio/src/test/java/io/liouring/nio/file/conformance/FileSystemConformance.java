package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Base of every file conformance class: each test runs once per {@link FileSystemUnderTest}, in a fresh temporary
 * directory, and every path comes from that file system.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.liouring.nio.file.conformance.FileSystemUnderTest#both")
// a hung operation fails its test instead of the run: the test body runs on a thread the timeout can abandon
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class FileSystemConformance {
    @Parameter
    FileSystemUnderTest target;

    @TempDir
    Path tempDir;

    /** A path named {@code name} in this test's temporary directory, on the file system under test. */
    Path path(String name) {
        return target.path(tempDir, name);
    }

    /** A file {@code name} with {@code content} (US-ASCII), written through the file system under test. */
    Path file(String name, String content) throws IOException {
        return Files.write(path(name), ascii(content));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The bytes between position and limit of buf, as US-ASCII; does not move buf. */
    static String ascii(ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.duplicate().get(bytes);
        return ascii(bytes);
    }

    /** The text the buffer holds from 0 to its position (what a read put there). */
    static String readSoFar(ByteBuffer buf) {
        return ascii(buf.duplicate().flip());
    }
}
