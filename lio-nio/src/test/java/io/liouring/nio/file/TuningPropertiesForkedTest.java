package io.liouring.nio.file;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The file channels' tuning properties, {@code io.liouring.nio.fileRings} and {@code io.liouring.nio.directDepth}
 * (docs/nio-file-channels.md), in a forked JVM whose default provider is lio-nio's: a positive number is used; any
 * other value is ignored with one WARNING each, and files keep working. Before, {@code fileRings=0} failed every
 * file open of the JVM (the JDK's own reads of its security configuration included) with
 * {@code ExceptionInInitializerError}, then {@code NoClassDefFoundError}, and {@code directDepth=0} failed every
 * O_DIRECT open with {@code IllegalArgumentException} after the descriptor was opened, leaking it.
 */
class TuningPropertiesForkedTest {
    private static final String READ_20_TIMES = Integer.toString(20 * 4096);

    private static ForkedJvm.Result run(String fileRings, String directDepth) throws Exception {
        ForkedJvm.Result child = ForkedJvm.run(TuningPropertiesChild.class, List.of(ForkedJvm.DEFAULT_PROVIDER,
                "-D" + FileRings.COUNT_PROPERTY + "=" + fileRings, "-D" + DeviceQueue.DEPTH_PROPERTY + "=" + directDepth));
        assertEquals(0, child.exitCode(), child.output());
        return child;
    }

    @Test
    void positiveValuesAreUsed() throws Exception {
        ForkedJvm.Result child = run("3", "1");
        assertAll(
                () -> assertEquals(READ_20_TIMES, child.value("plain")),
                () -> assertEquals(READ_20_TIMES, child.value("direct")),
                () -> assertEquals("0", child.value("descriptorsLeft")),
                () -> assertEquals("3", child.value("loops")),
                () -> assertEquals(0, child.occurrences("WARNING"), child.output()));
    }

    @Test
    void zeroIsIgnoredWithAWarningAndFilesKeepWorking() throws Exception {
        assertIgnored(run("0", "0"), "0", "0");
    }

    @Test
    void negativeAndNonNumericValuesAreIgnoredWithAWarning() throws Exception {
        assertIgnored(run("-2", "four"), "-2", "four");
    }

    private static void assertIgnored(ForkedJvm.Result child, String fileRings, String directDepth) {
        int defaultLoops = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        assertAll(
                () -> assertEquals(READ_20_TIMES, child.value("plain")),
                () -> assertEquals(READ_20_TIMES, child.value("direct")),
                () -> assertEquals("0", child.value("descriptorsLeft")),
                () -> assertEquals(Integer.toString(defaultLoops), child.value("loops")),
                () -> assertEquals(1, child.occurrences("WARNING: Ignoring -D" + FileRings.COUNT_PROPERTY + "="
                        + fileRings + ": not a positive whole number; using " + defaultLoops), child.output()),
                () -> assertEquals(1, child.occurrences("WARNING: Ignoring -D" + DeviceQueue.DEPTH_PROPERTY + "="
                        + directDepth + ": not a positive whole number; using " + DeviceQueue.DEFAULT_DEPTH),
                        child.output()),
                () -> assertEquals(2, child.occurrences("WARNING"), child.output()));
    }
}
