package io.liouring.fault;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process out of descriptors (a lowered {@code RLIMIT_NOFILE}, in a child JVM): opens through the ring complete
 * with EMFILE, a new ring and a plain open fail with exceptions that name EMFILE, and once descriptors are closed
 * everything works again.
 */
class DescriptorExhaustionTest {
    @Test
    void runningOutOfDescriptorsIsNamedAndRecoverable() {
        ChildJvm.Result child = ChildJvm.run(DescriptorLimitChild.class, List.of(), 60);
        assertEquals(0, child.exitCode(), child.output());
        String ring = child.value("ringMessage");
        String open = child.value("openMessage");
        int opened = Integer.parseInt(child.value("opened"));
        assertAll(
                () -> assertTrue(opened > 0, "some opens succeeded before the limit: " + opened),
                () -> assertEquals("EMFILE", child.value("refused")),
                () -> assertTrue(ring.startsWith("io_uring_setup(entries=2"), ring),
                () -> assertTrue(ring.contains("EMFILE (24): Too many open files"), ring),
                () -> assertTrue(ring.contains("out of file descriptors"), ring),
                () -> assertTrue(open.contains("open(/proc/self/status) failed: EMFILE (24)"), open),
                () -> assertEquals(opened, Integer.parseInt(child.value("closed"))),
                () -> assertEquals("true", child.value("reopened")));
    }
}
