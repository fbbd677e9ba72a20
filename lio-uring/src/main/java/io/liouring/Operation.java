package io.liouring;

/**
 * A request that can be pushed to a {@link LioUring}: it knows how to fill in one submission queue entry.
 *
 * <p>The operations of {@code io.liouring.operation} are reusable: push the same instance again (after
 * changing its fields) without allocating. An implementation writes only its own fields; the ring zeroes
 * the entry before and adds the caller's flags and {@code user_data} after.
 *
 * <p>Memory an operation names (buffers, paths, structs) must stay valid until the request completes;
 * the ring keeps the operation reachable at least until the kernel has consumed its entry.
 */
@FunctionalInterface
public interface Operation {
    /** Writes this request into {@code sqe}. */
    void encode(Sqe sqe);
}
