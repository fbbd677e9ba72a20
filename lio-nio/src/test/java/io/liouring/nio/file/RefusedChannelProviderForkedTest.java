package io.liouring.nio.file;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the README and {@code LioChannelProvider}'s Javadoc say an application sees when its channel provider is
 * lio-nio's and the process may not use io_uring (here a seccomp filter refuses {@code io_uring_setup} with
 * {@code EPERM}): the first open throws {@link ExceptionInInitializerError} caused by the constructor's
 * {@link IllegalStateException}, which names the errno, the seccomp filter and the remedy; later opens throw
 * {@link NoClassDefFoundError}. (The documents said {@code ServiceConfigurationError}, which JDK 25 does not throw.)
 */
class RefusedChannelProviderForkedTest {
    @Test
    void theFirstOpenFailsWithTheReasonAndTheRemedyAndLaterOnesWithNoClassDefFoundError() throws Exception {
        ForkedJvm.Result child = ForkedJvm.run(RefusedChannelProviderChild.class, List.of(
                "-Djava.nio.channels.spi.AsynchronousChannelProvider=io.liouring.nio.channels.LioChannelProvider"));
        assertEquals(0, child.exitCode(), child.output());
        String message = child.value("firstCauseMessage");
        assertAll(
                () -> assertEquals(ExceptionInInitializerError.class.getName(), child.value("first")),
                () -> assertEquals(IllegalStateException.class.getName(), child.value("firstCause")),
                () -> assertTrue(message.contains("EPERM (1)"), message),
                () -> assertTrue(message.contains("seccomp"), message),
                () -> assertTrue(message.contains("Remove -Djava.nio.channels.spi.AsynchronousChannelProvider"),
                        message),
                () -> assertEquals(NoClassDefFoundError.class.getName(), child.value("second")));
    }
}
