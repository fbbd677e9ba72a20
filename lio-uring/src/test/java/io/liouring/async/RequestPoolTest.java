package io.liouring.async;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool of request records: a record given back is taken again (no new record while one is free), each use has
 * a new ticket, a completion's user_data finds only the use that is in the kernel, a stale future's cancel cannot
 * touch a later use, and threads taking and giving at once never hold the same record together.
 */
class RequestPoolTest {
    @Test
    void aRecordGivenBackIsTakenAgainWithANewTicket() {
        RequestPool pool = new RequestPool(null);
        Request first = pool.take();
        int ticket = first.ticket();
        pool.give(first);

        Request again = pool.take();
        assertSame(first, again);
        assertNotEquals(ticket, again.ticket());
        assertEquals(Request.QUEUED, again.state());
        assertEquals(1, pool.size());
    }

    @Test
    void userDataFindsTheRecordOnlyWhileItsUseIsInTheKernel() {
        RequestPool pool = new RequestPool(null);
        Request r = pool.take();
        long userData = Request.userDataOf(r.ticket(), r.index);
        assertNull(pool.find(userData), "not started yet");

        r.userData = userData; // what the loop does as it pushes the request
        assertSame(r, pool.find(userData));
        r.userData = 0; // ... and as the kernel releases it
        assertNull(pool.find(userData));

        pool.give(r);
        Request reused = pool.take();
        reused.userData = Request.userDataOf(reused.ticket(), reused.index);
        assertNull(pool.find(userData), "a late completion of the old use does not reach the new one");
        assertSame(reused, pool.find(reused.userData));
    }

    @Test
    void aStaleCancelDoesNotTouchTheNextUseOfTheRecord() {
        RequestPool pool = new RequestPool(null);
        Request r = pool.take();
        int oldTicket = r.ticket();
        assertTrue(r.casState(Request.QUEUED, Request.IN_KERNEL));
        assertTrue(r.casState(Request.IN_KERNEL, Request.RELEASED));
        assertTrue(r.isReleased(oldTicket));
        pool.give(r);

        Request reused = pool.take();
        assertTrue(reused.casState(Request.QUEUED, Request.IN_KERNEL));
        assertEquals(Request.CANCEL_LOCAL, reused.claimCancel(oldTicket));
        assertEquals(Request.IN_KERNEL, reused.state(), "the new use is untouched");
        assertTrue(reused.isReleased(oldTicket));
        assertFalse(reused.isReleased(reused.ticket()));
        assertEquals(Request.CANCEL_IN_KERNEL, reused.claimCancel(reused.ticket()));
        assertEquals(Request.CANCEL_REQUESTED, reused.state());
    }

    @Test
    void recordsSpanManyChunksAndKeepTheirIndex() {
        RequestPool pool = new RequestPool(null);
        List<Request> held = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Request r = pool.take();
            assertEquals(i, r.index);
            held.add(r);
        }
        for (Request r : held) {
            r.userData = Request.userDataOf(r.ticket(), r.index);
        }
        for (Request r : held) {
            assertSame(r, pool.find(r.userData));
        }
        AtomicInteger inKernel = new AtomicInteger();
        pool.forEachInKernel(r -> inKernel.incrementAndGet());
        assertEquals(2_000, inKernel.get());
    }

    @Test
    void threadsTakingAndGivingAtOnceNeverShareARecord() throws Exception {
        RequestPool pool = new RequestPool(null);
        int threads = 4;
        int holdAtOnce = 3;
        int rounds = 100_000;
        Set<Request> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger shared = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                Request[] mine = new Request[holdAtOnce];
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    for (int k = 0; k < holdAtOnce; k++) {
                        mine[k] = pool.take();
                        if (!inUse.add(mine[k])) {
                            shared.incrementAndGet();
                        }
                    }
                    for (int k = 0; k < holdAtOnce; k++) {
                        inUse.remove(mine[k]);
                        pool.give(mine[k]);
                    }
                }
            }));
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, shared.get(), "records handed to two holders at once");
        assertTrue(pool.size() <= threads * holdAtOnce, "records created: " + pool.size()
                + ", though never more than " + threads * holdAtOnce + " were held at once");
    }
}
