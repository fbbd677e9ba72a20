package io.liouring.review;

import io.liouring.SqeFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: {@code IoFuture.deliver} catches only RuntimeException and IOException from a ResultMapper. An Error (an
 * {@code assert} in a mapper, a NoClassDefFoundError, a StackOverflowError) escapes through the completion pass and
 * kills the loop thread; the request had already been removed from the table (finish() removes it before deliver),
 * so neither LoopShutdown's cancel nor its abandon ever completes its future: a waiter hangs forever.
 */
class MapperErrorFailsOnlyItsFutureTest {
    @Test
    void aMapperThrowingAnErrorFailsItsFutureAndTheLoopLives() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            IoFuture<Integer> f = loop.submit(new Nop(), SqeFlags.NONE, null, (op, userData, result, flags) -> {
                throw new AssertionError("a mapper's assert");
            });
            try {
                f.get(3, TimeUnit.SECONDS);
                fail("completed normally?");
            } catch (ExecutionException expected) {
                // the documented outcome: the future fails with what the mapper threw
            } catch (TimeoutException e) {
                fail("the future never completed; loop closed: " + loop.isClosed());
            }
            assertFalse(loop.isClosed(), "one bad mapper must not kill the loop for every other user");
        }
    }
}
