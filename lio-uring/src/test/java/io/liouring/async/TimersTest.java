package io.liouring.async;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop's timer heap against a plain model: the earliest due request first, whatever was moved or removed. */
class TimersTest {
    private static Request request() {
        return new Request(null, 0);
    }

    @Test
    void dueRequestsComeOutEarliestFirstAcrossRandomSchedulesMovesAndRemovals() {
        Random random = new Random(12);
        Timers timers = new Timers();
        Map<Request, Long> model = new HashMap<>();
        List<Request> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(request());
        }
        for (int step = 0; step < 20_000; step++) {
            Request r = all.get(random.nextInt(all.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    long at = random.nextInt(1000);
                    timers.schedule(r, at);
                    model.put(r, at);
                }
                case 1 -> {
                    timers.remove(r);
                    model.remove(r);
                    assertEquals(-1, r.timerIndex);
                }
                default -> {
                    long now = random.nextInt(1000);
                    Request due = timers.pollDue(now);
                    Request expected = model.entrySet().stream().filter(e -> e.getValue() <= now)
                            .min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                    if (expected == null) {
                        assertNull(due);
                    } else {
                        assertEquals(model.get(expected), model.get(due), "the earliest due time comes first");
                        model.remove(due);
                    }
                }
            }
            assertEquals(model.isEmpty(), timers.isEmpty());
        }
        List<Request> rest = new ArrayList<>(model.keySet());
        rest.sort(Comparator.comparing(model::get));
        for (Request expected : rest) {
            Request due = timers.pollDue(Long.MAX_VALUE / 2);
            assertEquals(model.get(expected), model.get(due));
        }
        assertTrue(timers.isEmpty());
    }

    @Test
    void nanosUntilNextIsNeverNegativeAndMinusOneWhenEmpty() {
        Timers timers = new Timers();
        assertEquals(-1, timers.nanosUntilNext(0));
        Request r = request();
        timers.schedule(r, 100);
        assertEquals(60, timers.nanosUntilNext(40));
        assertEquals(0, timers.nanosUntilNext(500));
        assertSame(r, timers.pollDue(100));
    }
}
