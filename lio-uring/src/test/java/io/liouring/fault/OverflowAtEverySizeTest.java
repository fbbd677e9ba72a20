package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Completion queues of every size from 1 to 64 entries, each flooded with four times as many completions as it
 * holds before anything is reaped: none is lost, none is duplicated, those completed inline come out in order, and the kernel counts
 * no dropped completion. Reaped one by one, in batches, and with submissions interleaved.
 */
class OverflowAtEverySizeTest {
    static Stream<Arguments> sizes() {
        return IntStream.rangeClosed(1, 64).boxed().flatMap(cq -> Stream.of(
                Arguments.of(cq, 1, false), Arguments.of(cq, Integer.highestOneBit(cq), true)));
    }

    @ParameterizedTest(name = "cq {0}, sq {1}, batch reaping {2}")
    @MethodSource("sizes")
    void nothingIsLostWhenTheCompletionQueueOverflows(int cqSize, int sqSize, boolean batches) {
        try (var ring = new LioUring(sqSize, Params.builder().cqSize(cqSize).build())) {
            int total = 4 * ring.cqEntries() + 3;
            Nop ok = new Nop();
            Nop failing = new Nop().injectResult(-5);
            for (int i = 0; i < total; i++) {
                if (ring.sqSpaceLeft() == 0) {
                    ring.submit();
                }
                ring.push(i % 7 == 3 ? failing : ok, i, async(i) ? SqeFlags.ASYNC : SqeFlags.NONE);
            }
            ring.submit();
            List<Long> seen = new ArrayList<>(total);
            while (seen.size() < total) {
                if (batches && ring.forEachCompletion((userData, result, flags) -> check(seen, userData, result)) > 0) {
                    continue;
                }
                Completion c = Roundtrip.next(ring);
                check(seen, c.userData(), c.result());
            }
            assertEquals(0, ring.cqOverflow(), "completions dropped by the kernel");
            assertEquals(0, ring.cqReady());
            assertEquals(range(total, id -> true), seen.stream().sorted().toList(), "each exactly once");
            // requests completed inline post in submission order, through the overflow list too; ASYNC ones
            // complete later, from io-wq
            assertEquals(range(total, id -> !async(id)), seen.stream().filter(id -> !async(id)).toList(), "in order");
        }
    }

    private static boolean async(long userData) {
        return userData % 5 == 0;
    }

    private static List<Long> range(int n, LongPredicate filter) {
        return LongStream.range(0, n).filter(filter).boxed().toList();
    }

    private static void check(List<Long> seen, long userData, int result) {
        assertEquals(userData % 7 == 3 ? -5 : 0, result, "result of " + userData);
        seen.add(userData);
    }
}
