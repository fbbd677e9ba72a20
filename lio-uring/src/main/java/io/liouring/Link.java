package io.liouring;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chain of linked requests ({@code IOSQE_IO_LINK} / {@code IOSQE_IO_HARDLINK}, Linux 5.3 / 5.5; see
 * {@code io_uring_enter(2)}): each request starts only after the one before it has completed. With a soft link a
 * request that fails (a short read or write counts as failing) cancels the rest of the chain, which then completes
 * with {@code -ECANCELED}; with a hard link the chain goes on regardless.
 *
 * <pre>{@code
 * Link.of(write, fsync, close).pushTo(ring, 10);   // user data 10, 11, 12
 * ring.submit();
 * }</pre>
 *
 * <p>A link timeout ({@code LinkTimeout}) is simply the operation after the one it guards. The chain is pushed as a
 * whole or not at all, so neither a full submission queue nor an operation that fails to encode ever splits it.
 * Reusable: pushing it again allocates nothing. Each operation's own flags (such as {@code BUFFER_SELECT}) are kept;
 * the link flags are added.
 */
public final class Link {
    private Operation[] operations;
    private SqeFlags[] flags;
    private int size;

    private Link(int capacity) {
        operations = new Operation[capacity];
        flags = new SqeFlags[capacity];
    }

    /**
     * {@return a chain of soft links: each operation runs only if the one before it succeeded}
     *
     * @param operations at least one operation, in order
     */
    public static Link of(Operation... operations) {
        return chain(operations, SqeFlags.IO_LINK);
    }

    /**
     * {@return a chain of hard links: each operation runs after the one before it, whether or not that succeeded}
     *
     * @param operations at least one operation, in order
     */
    public static Link hard(Operation... operations) {
        return chain(operations, SqeFlags.IO_HARDLINK);
    }

    private static Link chain(Operation[] operations, SqeFlags link) {
        Objects.requireNonNull(operations, "operations");
        if (operations.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one operation");
        }
        Link chain = new Link(Math.max(4, operations.length));
        chain.add(operations[0], SqeFlags.NONE);
        for (int i = 1; i < operations.length; i++) {
            chain.linkLast(link);
            chain.add(operations[i], SqeFlags.NONE);
        }
        return chain;
    }

    /**
     * Appends an operation that runs only if the current last one succeeds.
     *
     * @param operation the operation to append
     * @return this link
     */
    public Link then(Operation operation) {
        return then(operation, SqeFlags.NONE);
    }

    /**
     * Appends an operation, pushed with extra {@code flags} (e.g. FIXED_FILE), that runs only if the last one succeeds.
     *
     * @param operation the operation to append
     * @param flags SQE flags added to the operation's own; not {@code IO_LINK} or {@code IO_HARDLINK}, which the chain
     * sets
     * @return this link
     */
    public Link then(Operation operation, SqeFlags flags) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(flags, "flags");
        if (flags.contains(SqeFlags.IO_LINK) || flags.contains(SqeFlags.IO_HARDLINK)) {
            throw new IllegalArgumentException("flags must not carry IO_LINK or IO_HARDLINK: the chain sets them");
        }
        linkLast(SqeFlags.IO_LINK);
        add(operation, flags);
        return this;
    }

    /**
     * Appends an operation that runs after the current last one whether or not that succeeds.
     *
     * @param operation the operation to append
     * @return this link
     */
    public Link thenRegardless(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        linkLast(SqeFlags.IO_HARDLINK);
        add(operation, SqeFlags.NONE);
        return this;
    }

    /** {@return how many operations the chain has} */
    public int size() {
        return size;
    }

    /**
     * Pushes the chain; operation {@code i} gets user data {@code firstUserData + i}. Submit as usual.
     *
     * <p>All or nothing: if any operation cannot be pushed (its buffer's arena was closed, it needs a ring of
     * larger SQEs...), the entries already pushed for this chain are taken back before the exception propagates, so
     * no half chain is left in the queue to swallow the next, unrelated request into its links.
     *
     * @param ring the ring to push to; its submission queue needs room for every operation of the chain
     * @param firstUserData the {@code user_data} of the first operation; the others follow it one by one
     * @throws IllegalStateException if the submission queue has no room for the whole chain (nothing is pushed)
     */
    public void pushTo(LioUring ring, long firstUserData) {
        Objects.requireNonNull(ring, "ring");
        if (ring.sqSpaceLeft() < size) {
            throw new IllegalStateException("the chain has " + size + " operations but the submission queue has room for "
                    + ring.sqSpaceLeft() + ": submit() first, or use a larger ring");
        }
        int mark = ring.pushMark();
        try {
            for (int i = 0; i < size; i++) {
                ring.push(operations[i], firstUserData + i, flags[i]);
            }
        } catch (RuntimeException | Error e) {
            ring.unpush(mark);
            throw e;
        }
    }

    private void linkLast(SqeFlags link) {
        flags[size - 1] = flags[size - 1].and(link);
    }

    private void add(Operation operation, SqeFlags extra) {
        Objects.requireNonNull(operation, "operation");
        if (size == operations.length) {
            operations = Arrays.copyOf(operations, size * 2);
            flags = Arrays.copyOf(flags, size * 2);
        }
        operations[size] = operation;
        flags[size] = extra;
        size++;
    }
}
