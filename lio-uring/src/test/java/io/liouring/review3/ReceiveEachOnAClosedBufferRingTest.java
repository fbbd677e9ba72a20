package io.liouring.review3;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.buffer.BufferRing;
import io.liouring.net.Connection;
import io.liouring.net.Receiving;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Receiving re-arms after every ENOBUFS that is not a stop. With the group unregistered (its BufferRing closed,
 * e.g. after a connection that used it), the kernel fails buffer selection at issue with ENOBUFS, before any data:
 * the loop thread re-arms forever at full CPU and done() never completes.
 */
class ReceiveEachOnAClosedBufferRingTest {
    @Test
    void aStreamWhoseGroupIsGoneEnds() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
        try (EventLoop loop = EventLoop.open()) {
            BufferRing buffers = loop.runOnLoop(ring -> ring.registerBufferRing(9, 2, 64)).get(5, TimeUnit.SECONDS);
            loop.runOnLoop(ring -> {
                buffers.close();
                return null;
            }).get(5, TimeUnit.SECONDS);
            Connection connection = Connection.of(loop, pair[0]);
            Receiving receiving = connection.receiveEach(buffers, segment -> { });
            long loopTid = loopThreadId(loop);
            long cpu0 = cpuTicks(loopTid);
            try {
                receiving.done().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                long cpuMs = (cpuTicks(loopTid) - cpu0) * 10;
                receiving.stop();
                connection.close();
                fail("done() still pending after 2 s; the loop thread used " + cpuMs + " ms of CPU meanwhile");
            } catch (java.util.concurrent.ExecutionException expected) {
                // ending with an error is fine
            }
            connection.close();
        } finally {
            Fd.close(pair[1]);
        }
    }

    static long loopThreadId(EventLoop loop) throws Exception {
        return loop.runOnLoop(ring -> {
            try {
                return Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    static long cpuTicks(long tid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
    }
}
