package io.liouring.nio.file;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that refuses native access ({@code --illegal-native-access=deny}, without {@code --enable-native-access})
 * cannot set up io_uring: the default provider falls back to the JDK's channels, and the warning says why and what
 * to start the JVM with, as the README promises "in the words {@code lio probe} uses". Before, it said only
 * {@code java.lang.ExceptionInInitializerError}.
 */
class NativeAccessDeniedForkedTest {
    @Test
    void filesKeepWorkingAndTheWarningNamesTheMissingOption() throws Exception {
        ForkedJvm.Result child = ForkedJvm.run(NativeAccessDeniedChild.class,
                List.of(ForkedJvm.DENY_NATIVE_ACCESS, ForkedJvm.DEFAULT_PROVIDER));
        assertEquals(0, child.exitCode(), child.output());
        String reason = child.value("reason");
        assertAll(
                () -> assertEquals("still works", child.value("readBack")),
                () -> assertEquals("sun.nio.ch.FileChannelImpl", child.value("channel")),
                () -> assertTrue(reason.contains("IllegalCallerException"), reason),
                () -> assertTrue(reason.contains("--enable-native-access=ALL-UNNAMED"), reason),
                () -> assertEquals(1, child.occurrences("WARNING: io_uring is not usable here"), child.output()));
    }
}
