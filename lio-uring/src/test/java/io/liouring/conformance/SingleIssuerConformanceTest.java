package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * SINGLE_ISSUER: only the thread that created (or enabled) the ring may submit; another gets EEXIST.
 * DEFER_TASKRUN: completions are posted only when the issuer enters the ring to collect them.
 */
class SingleIssuerConformanceTest {
    private static Throwable failureOnAnotherThread(Runnable body) throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.runAsync(body, executor).get(10, TimeUnit.SECONDS));
            return e.getCause();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anotherThreadSubmittingToASingleIssuerRingGetsEexist() throws Exception {
        try (var ring = new LioUring(4, Params.builder().singleIssuer().build())) {
            ring.push(new Nop(), 1);
            Throwable t = failureOnAnotherThread(ring::submit);
            assertEquals(Errno.EEXIST, assertInstanceOf(UringException.class, t).errno());
            ring.submit(); // the issuer still can
            assertEquals(1, next(ring).userData());
        }
    }

    @Test
    void anotherThreadWaitingOnADeferTaskrunRingGetsEexist() throws Exception {
        try (var ring = new LioUring(4, Params.builder().deferTaskrun().build())) {
            ring.push(new Timeout(Duration.ofMillis(1)), 1);
            ring.submit();
            Throwable t = failureOnAnotherThread(() -> ring.submitAndWait(1));
            assertEquals(Errno.EEXIST, assertInstanceOf(UringException.class, t).errno());
        }
    }

    @Test
    void deferredCompletionsArePostedOnlyWhenTheIssuerEnters() throws Exception {
        try (var ring = new LioUring(4, Params.builder().deferTaskrun().build())) {
            ring.push(new Timeout(Duration.ofMillis(1)), 1);
            ring.submit();
            Thread.sleep(50);
            assertEquals(0, ring.cqReady(), "the expired timeout waits as task work");
            assertEquals(1, ring.tryCompletion().orElseThrow().userData(), "entering the ring posts it");
        }
    }

    @Test
    void aDisabledSingleIssuerRingBelongsToTheThreadThatEnablesIt() throws Exception {
        try (var ring = new LioUring(4, Params.builder().singleIssuer().rDisabled().build())) {
            var executor = Executors.newSingleThreadExecutor();
            try {
                long userData = CompletableFuture.supplyAsync(() -> {
                    ring.enable();
                    ring.push(new Nop(), 7);
                    ring.submit();
                    return next(ring).userData();
                }, executor).get(10, TimeUnit.SECONDS);
                assertEquals(7, userData);
            } finally {
                executor.shutdownNow();
            }
            ring.push(new Nop(), 8);
            assertEquals(Errno.EEXIST, assertThrows(UringException.class, ring::submit).errno());
        }
    }
}
