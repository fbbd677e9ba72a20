package io.liouring.fault;

import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.LinkTimeout;
import io.liouring.operation.Nop;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;
import io.liouring.operation.Read;
import io.liouring.operation.ReadMulti;
import io.liouring.operation.Timeout;
import io.liouring.testing.PipeNative;
import io.liouring.testing.ProcessResources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rings closed while requests of every kind are in flight (reads and polls that wait, timeouts, a multishot read
 * over a buffer ring, a linked chain with a link timeout, completions not reaped): no crash, and afterwards the
 * process has exactly the descriptors and io_uring mappings it had, and the pipes work as before.
 */
class RingClosedInFlightTest {
    private static final int ROUNDS = 300;

    private static LioUring ring(String mode) {
        return switch (mode) {
            case "plain" -> new LioUring(32);
            case "sqpoll" -> new LioUring(32, Params.builder().sqPoll(Duration.ofMillis(1)).build());
            case "defer" -> new LioUring(32, Params.builder().singleIssuer().deferTaskrun().build());
            default -> throw new IllegalArgumentException(mode);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "sqpoll", "defer"})
    void closingARingWithEverythingInFlightLeavesNothingBehind(String mode) {
        PipeNative.Ends pipe = PipeNative.pipe();
        PipeNative.Ends multishot = PipeNative.pipe();
        // the buffers outlive every ring: the kernel cancels the requests after close() returns
        MemorySegment buffers = Arena.ofAuto().allocate(64L * 16);
        round(mode, pipe, multishot, buffers); // warm up
        ProcessResources.Snapshot before = ProcessResources.snapshot();
        for (int i = 0; i < ROUNDS; i++) {
            round(mode, pipe, multishot, buffers);
        }
        assertEquals(before, ProcessResources.snapshot());
        // the pipes still work: nothing was left reading them
        PipeNative.writeFully(pipe.writeFd(), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, PipeNative.read(pipe.readFd(), 16));
        pipe.close();
        multishot.close();
    }

    private static void round(String mode, PipeNative.Ends pipe, PipeNative.Ends multishot, MemorySegment buffers) {
        LioUring ring = ring(mode);
        BufferRing group = BufferRing.register(ring, 3, 4, 64);
        ring.push(new Read(pipe.readFd(), buffers.asSlice(0, 16), -1), 1);
        ring.push(new PollAdd(pipe.readFd(), PollEvents.POLLIN).multishot(), 2);
        ring.push(new Timeout(Duration.ofHours(1)), 3);
        ring.push(new ReadMulti(multishot.readFd(), group.group()), 4);
        Link.of(new Read(pipe.readFd(), buffers.asSlice(16, 16), -1), new LinkTimeout(Duration.ofHours(1)))
                .pushTo(ring, 5);
        Nop nop = new Nop();
        for (int i = 0; i < 8; i++) {
            ring.push(nop, 100 + i, i % 2 == 0 ? SqeFlags.NONE : SqeFlags.ASYNC); // completions nobody reaps
        }
        ring.submit();
        ring.push(nop, 200); // pushed, never submitted
        ring.close();
        group.close(); // after the ring: nothing to unregister
    }
}
