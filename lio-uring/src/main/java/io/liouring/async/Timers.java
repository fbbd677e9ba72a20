package io.liouring.async;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap of requests by the time the loop must act on them, each request knowing its
 * place ({@link Request#timerIndex}) so that one finishing early leaves in O(log n). The times live in an array
 * beside the heap, not in the requests, which stay small. A request is here while the loop must act at a time
 * of its own: its deadline, or the retry of a cancel the kernel did not act on. Loop thread only; allocates only
 * to grow.
 */
final class Timers {
    private Request[] heap = new Request[64];
    private long[] at = new long[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** Nanoseconds until the earliest timer (at least 0), or -1 if there is none. */
    long nanosUntilNext(long now) {
        return size == 0 ? -1 : Math.max(0, at[0] - now);
    }

    /** Schedules {@code r} at {@code time} ({@link System#nanoTime()}), or moves it there if it is scheduled already. */
    void schedule(Request r, long time) {
        if (r.timerIndex >= 0) {
            remove(r);
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            at = Arrays.copyOf(at, size * 2);
        }
        place(r, time, size);
        size++;
        up(size - 1);
    }

    /** Unschedules {@code r}; nothing if it is not scheduled. */
    void remove(Request r) {
        int i = r.timerIndex;
        if (i < 0) {
            return;
        }
        r.timerIndex = -1;
        size--;
        Request last = heap[size];
        long lastAt = at[size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        place(last, lastAt, i);
        up(i);
        down(last.timerIndex);
    }

    /** Removes and returns the earliest request whose time has come, or {@code null}. */
    Request pollDue(long now) {
        if (size == 0 || at[0] - now > 0) {
            return null;
        }
        Request r = heap[0];
        remove(r);
        return r;
    }

    private void place(Request r, long time, int i) {
        heap[i] = r;
        at[i] = time;
        r.timerIndex = i;
    }

    private void up(int i) {
        Request r = heap[i];
        long time = at[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (at[parent] - time <= 0) {
                break;
            }
            place(heap[parent], at[parent], i);
            i = parent;
        }
        place(r, time, i);
    }

    private void down(int i) {
        Request r = heap[i];
        long time = at[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && at[child + 1] - at[child] < 0) {
                child++;
            }
            if (time - at[child] <= 0) {
                break;
            }
            place(heap[child], at[child], i);
            i = child;
        }
        place(r, time, i);
    }
}
