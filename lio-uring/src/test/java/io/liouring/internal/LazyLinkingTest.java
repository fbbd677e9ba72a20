package io.liouring.internal;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Libc} links a downcall handle only when its function is first called (start-up time of short programs):
 * a JVM that calls {@code close} only, logging class initialisation, initialises the holder of {@code close} and
 * no other.
 */
class LazyLinkingTest {
    private static final String CLOSE_HOLDER = "'io/liouring/internal/Libc$Close'";

    @Test
    void aJvmThatCallsOnlyCloseLinksOnlyClose() {
        ChildJvm.Result child = ChildJvm.run(LazyLinkingChild.class, List.of("-Xlog:class+init=info"), 120);

        assertEquals(0, child.exitCode(), child.output());
        assertEquals("-9", child.value("close"), "close(-1) is EBADF"); // the lazily linked handle works
        List<String> holders = child.output().lines()
                .filter(line -> line.matches(".*Initializing 'io/liouring/internal/Libc\\$[A-Za-z]+'.*")) // no lambdas
                .toList();
        assertTrue(holders.stream().anyMatch(line -> line.contains(CLOSE_HOLDER)), child.output());
        assertFalse(holders.stream().anyMatch(line -> !line.contains(CLOSE_HOLDER)), String.join("\n", holders));
    }
}
