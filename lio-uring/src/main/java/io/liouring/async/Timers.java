package io.liouring.async;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap of requests by {@link IoFuture#timerAt}, each knowing its place
 * ({@link IoFuture#timerIndex}) so that one finishing early leaves in O(log n). A request is here while the
 * loop must act at a time of its own: its deadline, or the retry of a cancel the kernel did not act on.
 * Loop thread only; allocates only to grow.
 */
final class Timers {
    private IoFuture<?>[] heap = new IoFuture<?>[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** Nanoseconds until the earliest timer (at least 0), or -1 if there is none. */
    long nanosUntilNext(long now) {
        return size == 0 ? -1 : Math.max(0, heap[0].timerAt - now);
    }

    /** Schedules {@code r} at {@code at}, or moves it there if it is scheduled already. */
    void schedule(IoFuture<?> r, long at) {
        if (r.timerIndex >= 0) {
            remove(r);
        }
        r.timerAt = at;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = r;
        r.timerIndex = size;
        size++;
        up(r.timerIndex);
    }

    /** Unschedules {@code r}; nothing if it is not scheduled. */
    void remove(IoFuture<?> r) {
        int i = r.timerIndex;
        if (i < 0) {
            return;
        }
        r.timerIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        IoFuture<?> last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.timerIndex = i;
        up(i);
        down(last.timerIndex);
    }

    /** Removes and returns the earliest request whose time has come, or {@code null}. */
    IoFuture<?> pollDue(long now) {
        if (size == 0 || heap[0].timerAt - now > 0) {
            return null;
        }
        IoFuture<?> r = heap[0];
        remove(r);
        return r;
    }

    private void up(int i) {
        IoFuture<?> r = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            IoFuture<?> p = heap[parent];
            if (p.timerAt - r.timerAt <= 0) {
                break;
            }
            heap[i] = p;
            p.timerIndex = i;
            i = parent;
        }
        heap[i] = r;
        r.timerIndex = i;
    }

    private void down(int i) {
        IoFuture<?> r = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].timerAt - heap[child].timerAt < 0) {
                child++;
            }
            IoFuture<?> c = heap[child];
            if (r.timerAt - c.timerAt <= 0) {
                break;
            }
            heap[i] = c;
            c.timerIndex = i;
            i = child;
        }
        heap[i] = r;
        r.timerIndex = i;
    }
}
