package io.liouring.async;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's intrusive MPSC hand-over queue. */
class HandOverQueueTest {
    private static Request node(int tag) {
        return new Request(null, tag);
    }

    @Test
    void anEmptyQueuePollsNull() {
        HandOverQueue q = new HandOverQueue();
        assertTrue(q.isEmpty());
        assertNull(q.poll());
    }

    @Test
    void oneProducerIsFirstInFirstOut() {
        HandOverQueue q = new HandOverQueue();
        List<Request> nodes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            nodes.add(node(i));
            q.offer(nodes.get(i));
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(!q.isEmpty());
            assertSame(nodes.get(i), q.poll());
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void aPolledNodeCanBeOfferedAgain() {
        HandOverQueue q = new HandOverQueue();
        Request a = node(1);
        q.offer(a);
        assertSame(a, q.poll());
        q.offer(a);
        assertSame(a, q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void manyProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
        HandOverQueue q = new HandOverQueue();
        int producers = 4;
        int each = 50_000;
        Map<Request, int[]> origin = new IdentityHashMap<>();
        List<List<Request>> perProducer = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<Request> nodes = new ArrayList<>(each);
            for (int i = 0; i < each; i++) {
                Request n = node(i);
                nodes.add(n);
                origin.put(n, new int[] {p, i});
            }
            perProducer.add(nodes);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (List<Request> nodes : perProducer) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                nodes.forEach(q::offer);
            }));
        }
        go.countDown();
        int[] nextExpected = new int[producers];
        int received = 0;
        while (received < producers * each) {
            Request n = q.poll();
            if (n == null) {
                Thread.onSpinWait();
                continue;
            }
            int[] from = origin.get(n);
            assertEquals(nextExpected[from[0]], from[1], "producer " + from[0] + " order");
            nextExpected[from[0]]++;
            received++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }
}
