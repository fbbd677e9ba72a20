package io.liouring.async;

import io.liouring.operation.LinkTimeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The loop's requests in the kernel, by user_data: a slot index in the low 32 bits and the slot's generation above
 * it, so a completion for a request that has already finished (a late link-timeout CQE, say) never reaches the
 * slot's next occupant. Each slot keeps its own {@link LinkTimeout} for reuse. Grows by doubling; loop thread only.
 */
final class RequestTable {
    private static final int GENERATION_BITS = 30;

    private IoFuture<?>[] slots;
    private int[] generations;
    private int[] freeSlots;
    private int freeCount;
    private LinkTimeout[] linkTimeouts;

    RequestTable(int initialSlots) {
        slots = new IoFuture<?>[initialSlots];
        generations = new int[initialSlots];
        freeSlots = new int[initialSlots];
        linkTimeouts = new LinkTimeout[initialSlots];
        for (int i = initialSlots - 1; i >= 0; i--) {
            freeSlots[freeCount++] = i;
        }
    }

    /** Puts {@code request} in a free slot and gives it its user_data (also stored in the request). */
    long add(IoFuture<?> request) {
        if (freeCount == 0) {
            grow();
        }
        int index = freeSlots[--freeCount];
        int g = (generations[index] + 1) & ((1 << GENERATION_BITS) - 1);
        if (g == 0) {
            g = 1;
        }
        generations[index] = g;
        long userData = ((long) g << 32) | index;
        request.userData = userData;
        slots[index] = request;
        return userData;
    }

    /** The live request with exactly this user_data, or {@code null} if it has finished or never existed. */
    IoFuture<?> find(long userData) {
        int index = (int) userData;
        if (index < 0 || index >= slots.length) {
            return null;
        }
        IoFuture<?> r = slots[index];
        return r != null && r.userData == userData ? r : null;
    }

    /** Frees the request's slot. */
    void remove(IoFuture<?> request) {
        int slot = slotOf(request);
        slots[slot] = null;
        freeSlots[freeCount++] = slot;
    }

    /** The request's own link timeout, set to {@code timeout}: created on its slot's first timed request, then reused. */
    LinkTimeout linkTimeoutFor(IoFuture<?> request, Duration timeout) {
        int slot = slotOf(request);
        LinkTimeout t = linkTimeouts[slot];
        if (t == null) {
            t = new LinkTimeout(timeout);
            linkTimeouts[slot] = t;
            return t;
        }
        return t.duration(timeout);
    }

    /** The slot of a request in the table: the low 32 bits of its user_data. */
    private static int slotOf(IoFuture<?> request) {
        return (int) request.userData;
    }

    /** Calls {@code action} with every live request; it may {@link #remove} the one it is given. */
    void forEach(Consumer<IoFuture<?>> action) {
        for (IoFuture<?> r : slots) {
            if (r != null) {
                action.accept(r);
            }
        }
    }

    private void grow() {
        int old = slots.length;
        int capacity = old * 2;
        slots = Arrays.copyOf(slots, capacity);
        generations = Arrays.copyOf(generations, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
        for (int i = capacity - 1; i >= old; i--) {
            freeSlots[freeCount++] = i;
        }
        linkTimeouts = Arrays.copyOf(linkTimeouts, capacity);
    }
}
