package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Params;
import io.liouring.RegisterOp;
import io.liouring.Restrictions;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restricted rings: created disabled, restricted once, then enabled. */
class RestrictionsConformanceTest {
    private static final Params DISABLED = Params.builder().rDisabled().build();

    @Test
    void aDisabledRingTakesNoSubmissionsUntilEnabled() {
        try (var ring = new LioUring(4, DISABLED)) {
            ring.push(new Nop(), 1);
            UringException e = assertThrows(UringException.class, ring::submit);
            assertEquals(Errno.EBADFD, e.errno());
            assertTrue(e.getMessage().contains("enable()"), e.getMessage());
            ring.enable();
            assertEquals(1, next(ring).userData());
        }
    }

    @Test
    void restrictionsNeedADisabledRing() {
        try (var ring = new LioUring(4)) {
            UringException e = assertThrows(UringException.class, () -> ring.registerRestrictions(
                    Restrictions.builder().allowOperations(Opcode.NOP).build()));
            assertEquals(Errno.EBADFD, e.errno());
            assertTrue(e.getMessage().contains("rDisabled"), e.getMessage());
            assertEquals(Errno.EBADFD, assertThrows(UringException.class, ring::enable).errno());
        }
    }

    @Test
    void aRingTakesRestrictionsOnce() {
        try (var ring = new LioUring(4, DISABLED)) {
            Restrictions nop = Restrictions.builder().allowOperations(Opcode.NOP).build();
            ring.registerRestrictions(nop);
            assertEquals(Errno.EBUSY, assertThrows(UringException.class, () -> ring.registerRestrictions(nop)).errno());
        }
    }

    @Test
    void aDisallowedOperationIsRefusedWithEaccesAndAnAllowedOneRuns() {
        try (var ring = new LioUring(4, DISABLED)) {
            ring.registerRestrictions(Restrictions.builder().allowOperations(Opcode.NOP).build());
            ring.enable();
            ring.push(new Timeout(Duration.ofMillis(1)), 1);
            var refused = next(ring);
            assertEquals(1, refused.userData());
            assertEquals(Errno.EACCES, refused.errno());
            ring.push(new Nop(), 2);
            assertEquals(0, next(ring).result());
        }
    }

    @Test
    void flagsNotAllowedAreRefused() {
        try (var ring = new LioUring(4, DISABLED)) {
            ring.registerRestrictions(Restrictions.builder().allowOperations(Opcode.NOP)
                    .allowSqeFlags(SqeFlags.ASYNC).build());
            ring.enable();
            ring.push(new Nop(), 1, SqeFlags.ASYNC);
            assertEquals(0, next(ring).result());
            ring.push(new Nop(), 2, SqeFlags.IO_DRAIN);
            assertEquals(Errno.EACCES, next(ring).errno());
        }
    }

    @Test
    void requiredFlagsMustBeOnEveryRequest() {
        try (var ring = new LioUring(4, DISABLED)) {
            ring.registerRestrictions(Restrictions.builder().allowOperations(Opcode.NOP)
                    .requireSqeFlags(SqeFlags.ASYNC).build());
            ring.enable();
            ring.push(new Nop(), 1);
            assertEquals(Errno.EACCES, next(ring).errno());
            ring.push(new Nop(), 2, SqeFlags.ASYNC);
            assertEquals(0, next(ring).result());
        }
    }

    @Test
    void allowedRegistrationsPassAndOthersAreRefused() {
        try (var ring = new LioUring(4, DISABLED)) {
            ring.registerRestrictions(Restrictions.builder().allowOperations(Opcode.TIMEOUT)
                    .allowRegistrations(RegisterOp.REGISTER_PERSONALITY).build());
            ring.enable();
            assertTrue(ring.registerPersonality() > 0);
            assertEquals(Errno.EACCES, assertThrows(UringException.class, () -> ring.registerFilesSparse(2)).errno());
            ring.push(new Timeout(Duration.ofMillis(1)), 1);
            assertEquals(Errno.ETIME, next(ring).errno());
        }
    }

    @Test
    void theBuilderRefusesNothingAllowedAndDuplicateFlagSets() {
        assertThrows(IllegalStateException.class, () -> Restrictions.builder().build());
        assertThrows(IllegalStateException.class, () -> Restrictions.builder()
                .allowSqeFlags(SqeFlags.IO_LINK).allowSqeFlags(SqeFlags.ASYNC));
        assertThrows(NullPointerException.class, () -> Restrictions.builder().allowOperations((Opcode) null));
    }
}
