package io.liouring.async;

import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The loop's request table: user_data finds the live request only, across slot reuse and growth. */
class RequestTableTest {
    private static IoFuture<Integer> request() {
        return new IoFuture<>(null, new Nop(), SqeFlags.NONE, null, ResultMapper.RESULT, null, null);
    }

    @Test
    void aRequestIsFoundByItsUserDataUntilRemoved() {
        RequestTable table = new RequestTable(4);
        IoFuture<Integer> r = request();
        long userData = table.add(r);

        assertSame(r, table.find(userData));
        table.remove(r);
        assertNull(table.find(userData));
    }

    @Test
    void aReusedSlotGetsANewGenerationSoTheOldUserDataFindsNothing() {
        RequestTable table = new RequestTable(1);
        IoFuture<Integer> first = request();
        long old = table.add(first);
        table.remove(first);

        IoFuture<Integer> second = request();
        long reused = table.add(second);

        assertEquals((int) old, (int) reused, "same slot");
        assertNotEquals(old, reused);
        assertNull(table.find(old));
        assertSame(second, table.find(reused));
    }

    @Test
    void theTableGrowsAndKeepsEveryLiveRequest() {
        RequestTable table = new RequestTable(2);
        List<IoFuture<Integer>> live = new ArrayList<>();
        Set<Long> userData = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            IoFuture<Integer> r = request();
            userData.add(table.add(r));
            live.add(r);
        }
        assertEquals(100, userData.size(), "distinct user_data");
        for (IoFuture<Integer> r : live) {
            assertSame(r, table.find(r.userData));
        }
        List<IoFuture<?>> seen = new ArrayList<>();
        table.forEach(seen::add);
        assertEquals(100, seen.size());
    }

    @Test
    void eachSlotReusesItsLinkTimeoutWithTheNewDuration() {
        RequestTable table = new RequestTable(1);
        IoFuture<Integer> first = request();
        table.add(first);
        var timeout = table.linkTimeoutFor(first, Duration.ofSeconds(1));
        table.remove(first);
        IoFuture<Integer> second = request();
        table.add(second);

        assertSame(timeout, table.linkTimeoutFor(second, Duration.ofSeconds(2)));
    }

    @Test
    void userDataOutsideTheTableFindsNothing() {
        RequestTable table = new RequestTable(2);
        assertNull(table.find(7));
        assertNull(table.find(-1));
    }
}
