package io.liouring.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A loop's {@link Request} records, for reuse: any thread takes one to submit a request, and the one that ends
 * the request gives it back, so that a steady stream of requests allocates no record. A record is created only
 * when none is free, and kept for good: the pool holds as many records as the most requests ever outstanding at
 * once.
 *
 * <p>Each record has a fixed index (the low half of its requests' user_data), by which the loop finds it when a
 * completion arrives ({@link #find}). The free records form a lock-free stack linked by index
 * ({@link Request#nextFree}), whose top word carries a stamp that every change bumps, so a thread that was
 * preempted between reading the top and swapping it cannot pop a record that was popped and pushed back meanwhile
 * (the ABA problem). Records live in chunks that never move; only the directory of chunks is copied when it grows.
 */
final class RequestPool {
    private static final int CHUNK_BITS = 8;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final long INDEX_MASK = 0xFFFF_FFFFL;
    private static final VarHandle TOP;

    static {
        try {
            TOP = MethodHandles.lookup().findVarHandle(RequestPool.class, "top", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final Object growLock = new Object();
    /** Chunks of {@link #CHUNK} records; a record's place never changes. */
    private volatile Request[][] chunks = new Request[4][];
    /** Records created so far (they have indexes 0 to count - 1). */
    private volatile int count;
    /** The free stack: a stamp (high 32 bits) and the top record's index + 1 (low 32 bits; 0 when empty). */
    @SuppressWarnings("unused") // accessed through TOP
    private volatile long top;

    RequestPool(EventLoop loop) {
        this.loop = loop;
    }

    /** {@return a record for a new request, with a new ticket and state {@link Request#QUEUED}}; any thread */
    Request take() {
        while (true) {
            long t = (long) TOP.getVolatile(this);
            int index = (int) t - 1;
            if (index < 0) {
                Request created = create();
                created.begin();
                return created;
            }
            Request r = at(index);
            long update = ((t >>> 32) + 1) << 32 | (r.nextFree & INDEX_MASK);
            if (TOP.compareAndSet(this, t, update)) {
                r.begin();
                return r;
            }
        }
    }

    /** Takes back a record whose use is over, forgetting what it referenced; any thread. */
    void give(Request r) {
        r.clear();
        while (true) {
            long t = (long) TOP.getVolatile(this);
            r.nextFree = (int) t;
            long update = ((t >>> 32) + 1) << 32 | (r.index + 1);
            if (TOP.compareAndSet(this, t, update)) {
                return;
            }
        }
    }

    /** The record of the request with this user_data while the kernel has it, else {@code null}; the loop thread. */
    Request find(long userData) {
        int index = (int) userData;
        if (index < 0 || index >= count) {
            return null;
        }
        Request r = at(index);
        return r.userData == userData ? r : null;
    }

    /** Calls {@code action} with every record whose request the kernel has; the loop thread. */
    void forEachInKernel(Consumer<Request> action) {
        int n = count;
        for (int i = 0; i < n; i++) {
            Request r = at(i);
            if (r.userData != 0) {
                action.accept(r);
            }
        }
    }

    /** {@return how many records exist (free or in use)} */
    int size() {
        return count;
    }

    private Request at(int index) {
        return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    private Request create() {
        synchronized (growLock) {
            int index = count;
            Request[][] directory = chunks;
            int chunk = index >>> CHUNK_BITS;
            if (chunk == directory.length) {
                directory = Arrays.copyOf(directory, directory.length * 2);
            }
            if (directory[chunk] == null) {
                directory[chunk] = new Request[CHUNK];
            }
            Request r = new Request(loop, index);
            directory[chunk][index & (CHUNK - 1)] = r;
            chunks = directory;
            count = index + 1;
            return r;
        }
    }
}
