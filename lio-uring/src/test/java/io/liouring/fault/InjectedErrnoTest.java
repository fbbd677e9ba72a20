package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every errno the library knows, the kernel-internal ones included, injected into a NOP
 * ({@code IORING_NOP_INJECT_RESULT}): the completion names it, and {@code resultOrThrow} throws a
 * {@link UringException} with its name, number and message. Other numbers are {@link Errno#UNKNOWN}, successes
 * {@link Errno#NONE}: never {@code null}.
 */
class InjectedErrnoTest {
    @Test
    void everyMappedErrnoComesBackNamed() {
        Errno[] all = Arrays.stream(Errno.values()).filter(e -> e != Errno.NONE && e != Errno.UNKNOWN)
                .toArray(Errno[]::new);
        try (var ring = new LioUring(8)) {
            Nop nop = new Nop();
            for (int i = 0; i < all.length; i++) {
                if (ring.sqSpaceLeft() == 0) {
                    ring.submit();
                }
                ring.push(nop.injectResult(-all[i].number()), i);
            }
            Map<Long, Completion> completions = Roundtrip.byUserData(ring, all.length);
            for (int i = 0; i < all.length; i++) {
                Errno errno = all[i];
                Completion c = completions.get((long) i);
                assertEquals(-errno.number(), c.result(), errno.name());
                assertEquals(errno, c.errno());
                assertTrue(c.toString().contains("(" + errno.name() + ")"), c.toString());
                UringException e = assertThrows(UringException.class, c::resultOrThrow);
                assertEquals(errno, e.errno());
                assertEquals(errno.number(), e.errnoNumber());
                assertEquals("request user_data=" + i + " failed: " + errno.name() + " (" + errno.number() + "): "
                        + errno.message(), e.getMessage());
            }
        }
    }

    @Test
    void anErrnoLinuxDoesNotDefineIsReportedByNumber() {
        try (var ring = new LioUring(2)) {
            ring.push(new Nop().injectResult(-4000), 1);
            Completion c = Roundtrip.next(ring);
            assertEquals(Errno.UNKNOWN, c.errno());
            assertEquals(4000, c.errnoNumber());
            UringException e = assertThrows(UringException.class, c::resultOrThrow);
            assertEquals(Errno.UNKNOWN, e.errno());
            assertEquals(4000, e.errnoNumber());
            assertEquals("request user_data=1 failed: UNKNOWN (4000): Unknown error", e.getMessage());
        }
    }

    @Test
    void aPositiveInjectedResultIsASuccess() {
        try (var ring = new LioUring(2)) {
            ring.push(new Nop().injectResult(12345), 1);
            Completion c = Roundtrip.next(ring);
            assertEquals(12345, c.resultOrThrow());
            assertEquals(Errno.NONE, c.errno());
        }
    }
}
