package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits for the suite: generous enough for a loaded 2-core machine, never unbounded. */
final class Await {

    /** How long any single wait may take before the test fails. */
    static final long SECONDS = 30;

    private Await() {
    }

    /** The result of {@code future}, failing the test if it failed or did not complete in time. */
    static <V> V result(Future<V> future) {
        try {
            return future.get(SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the operation failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the operation did not complete within " + SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The cause {@code future} failed with, asserted to be of type {@code expected}. */
    static <T extends Throwable> T failure(Future<?> future, Class<T> expected) {
        try {
            Object value = future.get(SECONDS, TimeUnit.SECONDS);
            return fail("expected failure with " + expected.getSimpleName() + " but completed with " + value);
        } catch (ExecutionException e) {
            return assertInstanceOf(expected, e.getCause(), "cause of the failure");
        } catch (TimeoutException e) {
            return fail("the operation did not complete within " + SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for {@code latch} to reach zero, failing the test if it does not in time. */
    static void latch(CountDownLatch latch) {
        try {
            if (!latch.await(SECONDS, TimeUnit.SECONDS)) {
                fail("latch still at " + latch.getCount() + " after " + SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Whether {@code future} completes within {@code millis}; used only to tell an operation that is stuck behind
     * the kernel (a full socket buffer, a full accept queue) from one that completes, never to assert timing.
     */
    static boolean completesWithin(Future<?> future, long millis) {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
