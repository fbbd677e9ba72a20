package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.userData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** IOSQE_CQE_SKIP_SUCCESS: a request that succeeds posts no completion; one that fails still does. */
class SkipSuccessConformanceTest {
    @Test
    void aSuccessfulRequestPostsNothing() {
        try (var ring = new LioUring(4)) {
            assumeTrue(ring.hasFeature(Feature.CQE_SKIP), "IORING_FEAT_CQE_SKIP (5.17)");
            ring.push(new Nop(), 1, SqeFlags.CQE_SKIP_SUCCESS);
            ring.push(new Nop(), 2);
            ring.submit();
            assertEquals(2, next(ring).userData());
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void aFailedRequestStillPostsItsError() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop().injectResult(-Errno.EBADF.number()), 1, SqeFlags.CQE_SKIP_SUCCESS);
            var c = next(ring);
            assertEquals(1, c.userData());
            assertEquals(Errno.EBADF, c.errno());
        }
    }

    @Test
    void aChainCanReportOnlyItsEnd() {
        try (var ring = new LioUring(4)) {
            SqeFlags quietLink = SqeFlags.IO_LINK.and(SqeFlags.CQE_SKIP_SUCCESS);
            ring.push(new Nop(), 1, quietLink);
            ring.push(new Nop(), 2, quietLink);
            ring.push(new Nop(), 3);
            ring.submit();
            assertEquals(List.of(3L), userData(next(ring, 1)));
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void aFailureInAQuietChainPostsItsErrorAndSilencesTheRest() {
        // documented with the flag: after a failed request, the linked requests it cancels post no completion
        try (var ring = new LioUring(4)) {
            ring.push(new Nop().injectResult(-Errno.EIO.number()), 1, SqeFlags.IO_LINK.and(SqeFlags.CQE_SKIP_SUCCESS));
            ring.push(new Nop(), 2, SqeFlags.IO_LINK);
            ring.push(new Nop(), 3);
            ring.push(new Nop(), 4);
            ring.submit();
            var done = next(ring, 2);
            assertEquals(1, done.get(0).userData());
            assertEquals(Errno.EIO, done.get(0).errno());
            assertEquals(4, done.get(1).userData(), "2 and 3 were cancelled without a completion");
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void aRingThatSkippedCompletionsRefusesDrain() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop(), 1, SqeFlags.CQE_SKIP_SUCCESS);
            ring.push(new Nop(), 2, SqeFlags.IO_DRAIN);
            ring.submit();
            var c = next(ring);
            assertEquals(2, c.userData());
            assertEquals(Errno.EOPNOTSUPP, c.errno());
        }
    }
}
