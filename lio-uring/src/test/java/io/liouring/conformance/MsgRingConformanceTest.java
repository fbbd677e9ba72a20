package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.operation.FixedFdInstall;
import io.liouring.operation.MsgRingData;
import io.liouring.operation.MsgRingSendFd;
import io.liouring.operation.Read;
import io.liouring.testing.ControlNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.liouring.testing.Roundtrip.byUserData;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IORING_OP_MSG_RING between rings: a message wakes a thread waiting on the target ring, every message of a burst
 * arrives once, a DEFER_TASKRUN target gets its messages when its owner waits, a ring may message itself, and a
 * file sent to another ring's table lives there after the sending ring is gone.
 */
class MsgRingConformanceTest {
    @Test
    void aMessageWakesAThreadWaitingOnTheTargetRing() throws Exception {
        try (var source = new LioUring(4); var target = new LioUring(4)) {
            CompletableFuture<Completion> waited = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    waited.complete(next(target));
                } catch (Throwable t) {
                    waited.completeExceptionally(t);
                }
            });
            source.push(new MsgRingData(target.fd(), 0xCAFE, 42), 1);
            assertEquals(0, next(source).result());
            Completion received = waited.get(10, TimeUnit.SECONDS);
            waiter.join();
            assertEquals(0xCAFE, received.userData());
            assertEquals(42, received.result());
        }
    }

    @Test
    void everyMessageOfABurstArrivesOnce() {
        try (var source = new LioUring(128); var target = new LioUring(128)) {
            for (int i = 0; i < 100; i++) {
                source.push(new MsgRingData(target.fd(), 1000 + i, i), i);
            }
            Map<Long, Completion> sent = byUserData(source, 100);
            sent.values().forEach(c -> assertEquals(0, c.result(), "sent: " + c));
            Set<Long> seen = new HashSet<>();
            for (Completion c : next(target, 100)) {
                assertEquals(c.userData() - 1000, c.result());
                assertTrue(seen.add(c.userData()), "once: " + c);
            }
        }
    }

    @Test
    void aDeferTaskrunTargetGetsItsMessageWhenItsOwnerWaits() {
        try (var source = new LioUring(4);
             var target = new LioUring(4, Params.builder().singleIssuer().deferTaskrun().build())) {
            source.push(new MsgRingData(target.fd(), 7, 70), 1);
            assertEquals(0, next(source).result());
            Completion received = next(target);
            assertEquals(7, received.userData());
            assertEquals(70, received.result());
        }
    }

    @Test
    void aRingCanMessageItself() {
        try (var ring = new LioUring(4)) {
            ring.push(new MsgRingData(ring.fd(), 9, 99), 1);
            Map<Long, Completion> done = byUserData(ring, 2);
            assertEquals(0, done.get(1L).result());
            assertEquals(99, done.get(9L).result());
        }
    }

    @Test
    void aFileSentToAnotherRingOutlivesTheSendingRing() {
        int[] pipe = ControlNative.pipe();
        try (var target = new LioUring(4); var arena = Arena.ofConfined()) {
            target.registerFilesSparse(4);
            try (var source = new LioUring(4)) {
                source.registerFiles(pipe[0]);
                MsgRingSendFd send = new MsgRingSendFd(target.fd(), new DirectFd(0)).direct(new DirectFd(3)).userData(5);
                assertEquals(0, run(source, send).result());
            }
            assertEquals(5, next(target).userData());
            ControlNative.close(pipe[0]); // the target's slot holds its own reference
            pipe[0] = -1;

            ControlNative.write(pipe[1], "passed on");
            MemorySegment buffer = arena.allocate(32);
            target.push(new Read(3, buffer), 1, SqeFlags.FIXED_FILE);
            int n = next(target).resultOrThrow();
            assertArrayEquals("passed on".getBytes(StandardCharsets.US_ASCII), buffer.asSlice(0, n).toArray(JAVA_BYTE));

            int fd = run(target, new FixedFdInstall(new DirectFd(3))).resultOrThrow();
            ControlNative.write(pipe[1], "and out");
            assertArrayEquals("and out".getBytes(StandardCharsets.US_ASCII), ControlNative.read(fd, 32),
                    "and back out as a plain fd");
            ControlNative.close(fd);
        } finally {
            ControlNative.close(pipe[1]);
            if (pipe[0] >= 0) {
                ControlNative.close(pipe[0]);
            }
        }
    }
}
