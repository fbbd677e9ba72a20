package io.liouring.nio.file;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A write that the file cannot take whole ({@code RLIMIT_FSIZE} here; a full device alike) returns the bytes that
 * fitted, as {@code write(2)} and the JDK's channel do, and the next write fails: {@code FileChannel.write} returns
 * "the number of bytes written", and the buffers keep what was not. 12 KiB written under a limit of 8 KiB, in a JVM
 * of its own, on both providers and on platform and virtual threads.
 */
class FileChannelShortWriteForkedTest {
    private static final int LIMIT_KIB = 8;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} buffer, {1} thread, {2} provider")
    @CsvSource({
            "direct, platform, jdk", "direct, platform, lio", "direct, virtual, lio",
            "heap, platform, jdk", "heap, platform, lio", "heap, virtual, lio",
            "gathering, platform, jdk", "gathering, platform, lio", "gathering, virtual, lio"})
    void aWriteThatCrossesTheFileSizeLimitReturnsWhatFitted(String buffer, String thread, String provider)
            throws Exception {
        Path file = dir.resolve("limited");
        List<String> options = provider.equals("lio") ? List.of(ForkedJvm.DEFAULT_PROVIDER) : List.of();
        ForkedJvm.Result child = ForkedJvm.runWithFileSizeLimit(LIMIT_KIB, ShortWriteChild.class, options,
                file.toString(), buffer, thread);
        assertEquals(provider.equals("lio"), child.value("provider").equals(LioFileSystemProvider.class.getName()),
                child.output());
        assertEquals(String.valueOf(LIMIT_KIB << 10), child.value("written"), child.output());
        assertEquals(String.valueOf((12 - LIMIT_KIB) << 10), child.value("remaining"), child.output());
        assertEquals("IOException", child.value("next"), child.output());
        assertEquals(String.valueOf(LIMIT_KIB << 10), child.value("size"), child.output());
    }
}
