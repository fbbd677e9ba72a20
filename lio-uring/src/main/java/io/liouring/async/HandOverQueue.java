package io.liouring.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The hand-over from submitting threads to the loop: an intrusive multi-producer, single-consumer queue
 * (Vyukov's, linked through {@link Request#next}), so handing a request over allocates nothing: the
 * node is the request's pooled record. A producer is one atomic exchange and one store-release; the consumer is the loop thread
 * (or, once the loop has ended, whoever holds the loop's drain lock).
 *
 * <p>A producer that has swapped the head but not yet linked its node leaves a short window in which
 * {@link #poll()} returns {@code null} although {@link #isEmpty()} is {@code false}; callers treat
 * "not empty" as "come back soon", never as "sleep".
 */
final class HandOverQueue {
    private static final VarHandle HEAD;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(HandOverQueue.class, "head", Request.class);
            NEXT = lookup.findVarHandle(Request.class, "next", Request.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Request stub = new Request(null, -1);
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile Request head = stub;
    private Request tail = stub;

    /** Appends a node; any thread. */
    void offer(Request node) {
        NEXT.setRelease(node, (Request) null);
        Request previous = (Request) HEAD.getAndSet(this, node);
        NEXT.setRelease(previous, node);
    }

    /** Takes the oldest node, or {@code null} if none is (fully) linked yet; the single consumer only. */
    Request poll() {
        Request t = tail;
        Request next = (Request) NEXT.getAcquire(t);
        if (t == stub) {
            if (next == null) {
                return null;
            }
            tail = next;
            t = next;
            next = (Request) NEXT.getAcquire(next);
        }
        if (next != null) {
            tail = next;
            return t;
        }
        if (t != HEAD.getVolatile(this)) {
            return null;
        }
        offer(stub);
        next = (Request) NEXT.getAcquire(t);
        if (next != null) {
            tail = next;
            return t;
        }
        return null;
    }

    /** Whether no node is queued or being linked; the single consumer only. */
    boolean isEmpty() {
        return tail == stub && HEAD.getVolatile(this) == stub;
    }
}
