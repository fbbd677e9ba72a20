package lio.consumer;

import io.liouring.LioUring;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Surefire runs this on the module path (the project has a module-info), with the argLine from the pom. */
class NopCheckTest {
    @Test
    void aNopCompletesThroughTheModule() {
        Module lio = LioUring.class.getModule();
        assertEquals("io.liouring", lio.getName());
        assertTrue(lio.isNativeAccessEnabled(), "the argLine enables native access for io.liouring");
        try (LioUring ring = new LioUring(8)) {
            ring.push(new Nop(), 7);
            ring.submit();
            assertEquals(0, ring.waitCompletion().resultOrThrow());
        }
    }
}
