package io.liouring.resources;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.NapiSettings;
import io.liouring.NapiTracking;
import io.liouring.Params;
import io.liouring.RegisterOp;
import io.liouring.RingCapabilities;
import io.liouring.UringException;
import io.liouring.operation.ReadFixed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Registrations of Linux 6.13 to 6.18: posting into a ring from a thread without one, the capability query, static
 * NAPI tracking, and cloning buffers from a source named by its registered index.
 */
class NewerRegistrationsTest {
    @Test
    void aThreadWithoutARingPostsACompletion() throws Exception {
        try (var ring = new LioUring(4)) {
            Thread poster = Thread.ofPlatform().start(() -> {
                ring.postCompletion(0xABCDL, 77);
                ring.postCompletion(0xABCEL, -5, Completion.F_MORE);
            });
            poster.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(new Completion(0xABCDL, 77, 0), next(ring));
            assertEquals(new Completion(0xABCEL, -5, Completion.F_MORE), next(ring));
            ring.close();
            assertThrows(IllegalStateException.class, () -> ring.postCompletion(1, 1));
        }
    }

    @Test
    void theQueryAgreesWithTheProbeAndTheSetupFeatures() {
        RingCapabilities caps;
        try {
            caps = RingCapabilities.query();
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, e.getMessage());
            return;
        }
        try (var ring = new LioUring(4)) {
            assertEquals(ring.probe().lastOpcode() + 1, caps.requestOpcodes(), "opcodes: probe's last + 1");
            assertEquals(Feature.fromBits((int) caps.features()), ring.features());
            assertTrue(caps.registerOpcodes() > RegisterOp.REGISTER_QUERY.code(), "the kernel has REGISTER_QUERY");
            assertTrue(caps.acceptsSetupFlag(ring.setupFlags()), "the flags this ring got are accepted ones");
            assertTrue(caps.acceptsSetupFlag(1 << 18) == Params.describeFlags(1 << 18).equals("CQE_MIXED"));
            assertEquals(0x7FL, caps.sqeFlags() & 0x7F, "IOSQE_FIXED_FILE..CQE_SKIP_SUCCESS");
            assertTrue((caps.enterFlags() & 0xFF) == 0xFF, "enter flags GETEVENTS..NO_IOWAIT: " + caps.enterFlags());
            assertTrue(caps.queryOpcodes() >= 1);
            caps.ringHeaderSize().ifPresent(size -> assertTrue(size >= 64, "ring header: " + size));
        }
    }

    @Test
    void staticNapiTrackingKeepsTheIdsItIsGiven() {
        try (var ring = new LioUring(4)) {
            try {
                ring.registerNapi(new NapiSettings(Duration.ofNanos(50_000), false, NapiTracking.STATIC));
            } catch (UringException refused) {
                assumeTrue(false, "the kernel refuses NAPI here: " + refused.getMessage());
            }
            int id = 1 << 24; // NAPI ids start above the CPU count the kernel was built for
            ring.addNapiId(id);
            UringException twice = assertThrows(UringException.class, () -> ring.addNapiId(id));
            assertEquals(Errno.EEXIST, twice.errno());
            ring.removeNapiId(id);
            UringException gone = assertThrows(UringException.class, () -> ring.removeNapiId(id));
            assertEquals(Errno.ENOENT, gone.errno());
            assertEquals(Errno.EINVAL, assertThrows(UringException.class, () -> ring.addNapiId(1)).errno(),
                    "a CPU id is not a NAPI id");
            assertEquals(new NapiSettings(Duration.ofNanos(50_000), false, NapiTracking.STATIC), ring.unregisterNapi());
        }
    }

    @Test
    void dynamicTrackingTakesNoStaticIds() {
        try (var ring = new LioUring(4)) {
            try {
                ring.registerNapi(new NapiSettings(Duration.ofNanos(50_000), true));
            } catch (UringException refused) {
                assumeTrue(false, "the kernel refuses NAPI here: " + refused.getMessage());
            }
            UringException e = assertThrows(UringException.class, () -> ring.addNapiId(1 << 24));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("STATIC"), e.getMessage());
            assertEquals(NapiTracking.DYNAMIC, ring.unregisterNapi().tracking());
        }
    }

    @Test
    void buffersCloneFromASourceNamedByItsRegisteredIndex(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "cloned buffers read this");
        try (var source = new LioUring(4);
             var target = new LioUring(4);
             var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4096, 4096);
            source.registerBuffers(buffer);
            source.registerRingFd(); // this thread's index of the source: the clone passes SRC_REGISTERED with it
            target.cloneBuffers(source);
            int fd = io.liouring.Fd.open(file, io.liouring.OpenFlags.O_RDONLY, 0);
            try {
                int n = run(target, new ReadFixed(fd, buffer.asSlice(0, 64), 0, 0)).resultOrThrow();
                assertEquals("cloned buffers read this", new String(buffer.asSlice(0, n).toArray(
                        java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
            } finally {
                io.liouring.Fd.close(fd);
            }
            assertEquals(buffer, target.registeredBuffer(0));
        }
    }
}
