package io.liouring.testing;

import io.liouring.Errno;
import io.liouring.UringException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * Checks the shape of the file and socket layers' failures (DESIGN.md, "Errors"), and gives their errno:
 * <ul>
 * <li>a future fails with the loop's {@link IOException}, whose cause is the {@link UringException} carrying
 * the errno;</li>
 * <li>a blocking call throws a fresh exception of the same class, made on the caller's thread, whose cause is
 * the loop's exception (so the errno is two causes down).</li>
 * </ul>
 */
public final class IoFailures {
    private IoFailures() {
    }

    /** The errno of what a future failed with ({@code ExecutionException}/{@code CompletionException} unwrapped). */
    public static Errno errnoOfFuture(Throwable failure) {
        Throwable f = unwrap(failure);
        assertInstanceOf(IOException.class, f, "a future of the file or socket layer fails with an IOException");
        UringException u = assertInstanceOf(UringException.class, f.getCause(),
                "the loop's IOException has the UringException as its cause: " + f);
        return u.errno();
    }

    /**
     * The errno of what a blocking call threw, after checking that it is the caller's copy of the loop's
     * exception (same class, a distinct object), which has the {@link UringException} as its cause.
     */
    public static Errno errnoOfBlocking(IOException thrown) {
        Throwable loopSide = thrown.getCause();
        assertNotNull(loopSide, "a blocking call's exception has the loop's as its cause: " + thrown);
        assertNotSame(thrown, loopSide);
        assertEquals(thrown.getClass(), loopSide.getClass(),
                "the caller's exception has the class of the loop's: " + thrown + " <- " + loopSide);
        UringException u = assertInstanceOf(UringException.class, loopSide.getCause(),
                "the loop's exception has the UringException as its cause: " + loopSide);
        return u.errno();
    }

    /** {@code failure} without the {@code ExecutionException}/{@code CompletionException} wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable f = failure;
        while ((f instanceof ExecutionException || f instanceof CompletionException) && f.getCause() != null) {
            f = f.getCause();
        }
        return f;
    }
}
