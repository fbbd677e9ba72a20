package io.liouring.ring;

import io.liouring.CompletionHandler;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;

import io.liouring.testing.AsyncNative;

/**
 * Child JVM for {@link HotPathAllocationTest}: pushes a reused NOP, submits and waits, and reaps through a handler,
 * for a default and a {@code DEFER_TASKRUN} ring, one at a time and in batches of 32; prints the bytes this thread
 * allocated per round trip after warm-up as {@code <case>=<bytes per op>}.
 */
public final class HotPathAllocationChild {
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 200_000;
    private static final CompletionHandler IGNORE = (userData, result, flags) -> { };

    private HotPathAllocationChild() {
    }

    public static void main(String[] args) {
        measure("default", Params.defaults(), 1);
        measure("default_batch32", Params.defaults(), 32);
        Params defer = Params.builder().singleIssuer().deferTaskrun().build();
        measure("defer_taskrun", defer, 1);
        measure("defer_taskrun_batch32", defer, 32);
    }

    private static void measure(String name, Params params, int batch) {
        try (LioUring ring = new LioUring(64, params)) {
            Nop nop = new Nop();
            roundTrips(ring, nop, batch, WARM_UP);
            long before = AsyncNative.threadAllocatedBytes(Thread.currentThread());
            roundTrips(ring, nop, batch, MEASURED);
            long allocated = AsyncNative.threadAllocatedBytes(Thread.currentThread()) - before;
            System.out.println(name + "=" + (double) allocated / MEASURED);
        }
    }

    private static void roundTrips(LioUring ring, Nop nop, int batch, int operations) {
        for (int done = 0; done < operations; done += batch) {
            for (int i = 0; i < batch; i++) {
                ring.push(nop, i);
            }
            ring.submitAndWait(batch);
            ring.forEachCompletion(IGNORE);
        }
    }
}
