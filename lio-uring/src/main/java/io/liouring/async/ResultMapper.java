package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Operation;
import io.liouring.UringException;

import java.io.IOException;

/**
 * Turns a request's completion into the value of its future, on the loop thread. Throwing fails the future
 * with what was thrown: the file and socket layers throw the {@link IOException} a Java caller expects. Implementations should be stateless constants, so that a request costs no object
 * beyond its {@link IoFuture}.
 *
 * @param <T> the future's value type
 */
@FunctionalInterface
public interface ResultMapper<T> {
    /** The completion as it is, errors included ({@code result < 0} is {@code -errno}). */
    ResultMapper<Completion> COMPLETION = (operation, userData, result, flags) -> new Completion(userData, result, flags);

    /** The non-negative result; a negative one fails the future with a {@link UringException} naming the errno. */
    ResultMapper<Integer> RESULT = (operation, userData, result, flags) -> {
        if (result < 0) {
            throw failure(operation, result);
        }
        return result;
    };

    /** Nothing on success; a negative result fails the future with a {@link UringException} naming the errno. */
    ResultMapper<Void> SUCCESS = (operation, userData, result, flags) -> {
        if (result < 0) {
            throw failure(operation, result);
        }
        return null;
    };

    /**
     * Maps one completion, on the loop thread; must not block.
     *
     * @param operation the operation that was submitted
     * @param userData  the request's id in the ring
     * @param result    the kernel's result, or {@code -errno}
     * @param flags     the completion's {@code IORING_CQE_F_*} flags
     * @return the future's value
     * @throws IOException to fail the future with it (the file and socket layers' exceptions)
     */
    T map(Operation operation, long userData, int result, int flags) throws IOException;

    /**
     * {@return the exception for a failed request: the operation's class name and the errno}
     *
     * @param operation the operation that failed
     * @param result its negative result, {@code -errno}
     */
    static UringException failure(Operation operation, int result) {
        return new UringException(operation.getClass().getSimpleName(), -result);
    }
}
