package io.liouring.review2;

import io.liouring.async.EventLoop;
import io.liouring.testing.StalledPeer;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found in the second review and fixed; what used to happen: a blocking writeZeroCopy interrupted after the kernel has sent the data (first CQE, F_MORE) but before the
 * notification: the call reports "cancelled in the kernel" (InterruptedIOException) though every byte went to the
 * peer, and the stream stays open: a caller that retries sends the bytes twice. Meanwhile the loop re-sends an
 * ASYNC_CANCEL every ~10 ms (ENOENT, rescheduled by onCancelResult) until the peer reads.
 */
class ZeroCopySendOnceSentIsNotCancelledTest {
    @Test
    void anInterruptAfterTheSendReportsItCancelledThoughThePeerGetsTheBytes() throws Exception {
        String name = "zcint" + System.nanoTime() % 1000;
        try (EventLoop loop = EventLoop.builder().name(name).build(); Arena arena = Arena.ofShared();
             StalledPeer f = new StalledPeer(loop, arena)) {
            int size = 4096;
            MemorySegment buffer = arena.allocate(size, 4096);
            buffer.fill((byte) 'Z');
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    outcome.complete("returned " + f.client.writeZeroCopy(buffer));
                } catch (IOException e) {
                    outcome.complete("threw " + e);
                }
            });
            Thread.sleep(300); // the send has completed (F_MORE); only the notification is pending
            writer.interrupt();
            Thread.sleep(200);

            byte[] got = SocketNative.readExactly(f.serverFd, StalledPeer.FILL + size, Duration.ofSeconds(10));
            String result = outcome.get(10, TimeUnit.SECONDS);
            assertEquals('Z', got[got.length - 1], "the peer got the zero-copy bytes");
            System.out.println("writeZeroCopy: " + result);
            assertTrue(result.startsWith("returned"), "the bytes were sent, yet the call says: " + result);
        }
    }

    @Test
    void aCancelAfterTheSendIsResentEvery10MsUntilTheNotification() throws Exception {
        String name = "zcspin" + System.nanoTime() % 1000;
        try (EventLoop loop = EventLoop.builder().name(name).build(); Arena arena = Arena.ofShared();
             StalledPeer f = new StalledPeer(loop, arena)) {
            MemorySegment buffer = arena.allocate(4096, 4096);
            var send = f.client.writeZeroCopyAsync(buffer);
            Thread.sleep(300); // the send has completed (F_MORE); only the notification is pending
            send.cancel(false);
            Thread.sleep(200);
            long before = switches(name);
            Thread.sleep(1000);
            long wakeups = switches(name) - before;
            SocketNative.readExactly(f.serverFd, StalledPeer.FILL + 4096, Duration.ofSeconds(10));
            send.released().get(10, TimeUnit.SECONDS);
            assertTrue(wakeups < 20, "an idle loop waiting for one notification woke " + wakeups + " times in 1 s"
                    + " (ASYNC_CANCEL answered ENOENT, re-sent 10 ms later, forever)");
        }
    }

    /** Voluntary context switches of the thread named {@code name} (its first 15 chars), from /proc. */
    private static long switches(String name) throws Exception {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).trim().equals(comm)) {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            return Long.parseLong(line.split("\\s+")[1]);
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no thread " + comm);
    }
}
