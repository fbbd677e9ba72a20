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
 *
 * <h2>Writing an operation of your own is restricted</h2>
 * This interface stays open, so that an opcode or flag this library does not type yet can still be sent: an
 * implementation writes the entry by hand through the {@link Sqe} it is given. Such an entry can make the kernel
 * read or write any address ({@link Sqe#addr(long)}, {@link Sqe#addr2(long)}, {@link Sqe#addr3(long)}, or
 * merely a {@code len} larger than the buffer), which would bypass the JDK's restriction of native access. So,
 * like a restricted method of the JDK, the ring takes an operation whose class lies outside the module
 * {@code io.liouring} only if that class's module has native access ({@code --enable-native-access=M}); any
 * other push or submission of it throws {@link IllegalCallerException}. The typed operations of
 * {@code io.liouring.operation} are free to use. A subclass or lambda counts as the module that defines it, so a
 * custom operation that delegates to a typed one needs native access too. On the class path, where the
 * application shares the unnamed module with this library, nothing is refused.
 *
 * <p>Sealing this interface instead would close that escape hatch for everyone, and its permitted classes
 * would have to name every operation class of another package; the check at push costs one comparison
 * for the typed operations.
 */
@FunctionalInterface
public interface Operation {
    /**
     * Writes this request into {@code sqe}; called by the ring for each push, with the entry zeroed.
     *
     * @param sqe the entry to fill, valid only during this call
     */
    void encode(Sqe sqe);
}
