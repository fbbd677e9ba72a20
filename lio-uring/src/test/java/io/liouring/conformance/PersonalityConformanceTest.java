package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.OpenAt;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Personalities: registered credentials that a request runs with instead of the submitter's. */
class PersonalityConformanceTest {
    private static final int NOBODY = 65534;

    @Test
    void aRequestPushedWithAPersonalityRunsWithItsCredentials() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch a thread's uid");
        Path secret = Files.createTempFile("lio-personality", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        AtomicReference<Object> outcome = new AtomicReference<>();
        try {
            // a platform thread of its own: the uid switch below changes only this OS thread's credentials
            Thread thread = Thread.ofPlatform().start(() -> {
                try (var ring = new LioUring(4)) {
                    int root = ring.registerPersonality();
                    OpenAt open = new OpenAt(secret, OpenFlags.O_RDONLY, 0);
                    ResourcesNative.setThreadEffectiveUid(NOBODY);
                    Completion asNobody;
                    Completion asRoot;
                    try {
                        ring.push(open, 1);
                        asNobody = next(ring);
                        ring.push(open, 2, SqeFlags.NONE, root);
                        asRoot = next(ring);
                    } finally {
                        ResourcesNative.setThreadEffectiveUid(0);
                    }
                    if (asRoot.result() >= 0) {
                        Fd.close(asRoot.result());
                    }
                    outcome.set(new Completion[] {asNobody, asRoot});
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            thread.join();
        } finally {
            Files.delete(secret);
        }
        if (outcome.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        Completion[] results = (Completion[]) outcome.get();
        assertEquals(Errno.EACCES, results[0].errno(), "nobody may not open a root-only file");
        assertTrue(results[1].result() >= 0, "the registered root personality may: " + results[1]);
    }

    @Test
    void anUnregisteredPersonalityIsRefused() {
        try (var ring = new LioUring(4)) {
            int id = ring.registerPersonality();
            ring.push(new Nop(), 1, SqeFlags.NONE, id);
            assertEquals(0, ring.waitCompletion().result());
            ring.unregisterPersonality(id);
            ring.push(new Nop(), 2, SqeFlags.NONE, id);
            assertEquals(Errno.EINVAL, ring.waitCompletion().errno());
            assertEquals(Errno.EINVAL, assertThrows(UringException.class, () -> ring.unregisterPersonality(id)).errno());
        }
    }

    @Test
    void anIdOutsideSixteenBitsIsRefusedBeforeItIsPushed() {
        try (var ring = new LioUring(4)) {
            assertThrows(IllegalArgumentException.class, () -> ring.push(new Nop(), 1, SqeFlags.NONE, 65536));
            assertThrows(IllegalArgumentException.class, () -> ring.push(new Nop(), 1, SqeFlags.NONE, -1));
            assertEquals(4, ring.sqSpaceLeft(), "nothing was pushed");
        }
    }
}
