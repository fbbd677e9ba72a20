package io.liouring.review;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * BUG: when EventLoop.close() gives up on a request after the close grace (LoopShutdown.abandonInFlight), it fails
 * the request's future, so a blocking call returns (AsynchronousCloseException) while the kernel still holds the
 * caller's buffer. "Its memory is kept reachable" protects only GC-managed memory: a caller's try-with-resources
 * arena is freed right after the call throws, and the kernel then reads (or writes) it. Here a zero-copy send whose
 * notification is pending is abandoned; the caller frees the buffer, the same memory is reused for a "secret", and
 * the peer receives the secret.
 */
class AbandonedAtLoopCloseFreesUserMemoryUnderTheKernelTest {
    @Test
    void aBlockingSendReturnsOnlyWhenTheKernelIsDoneWithItsBuffer() throws Exception {
        EventLoop loop = EventLoop.builder().closeGrace(Duration.ofMillis(200)).build();
        Arena shared = Arena.ofShared();
        Listener listener = Listener.bind(loop, SockAddrIn.loopback(0));
        listener.setReceiveBufferSize(4096);
        int port = ((SockAddrIn) listener.localAddress()).port();
        IoFuture<Connection> accepted = listener.acceptAsync();
        Connection client = Connection.connect(loop, SockAddrIn.loopback(port));
        Connection server = accepted.get(5, TimeUnit.SECONDS);
        int serverFd = server.fd();
        client.setSendBufferSize(1 << 20);
        int fill = 128 << 10;
        client.writeAsync(shared.allocate(fill)).get(5, TimeUnit.SECONDS);
        Thread.sleep(100);

        int size = 4096;
        CompletableFuture<String> caller = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            MemorySegment reused;
            Arena arena = Arena.ofShared();
            MemorySegment buffer = arena.allocate(size, 4096);
            buffer.fill((byte) 'A');
            long address = buffer.address();
            try {
                client.writeZeroCopy(buffer);
                caller.complete("returned normally");
                return;
            } catch (IOException e) {
                arena.close(); // the call is over: the caller frees its buffer
            }
            Arena again = Arena.ofShared();
            reused = again.allocate(size, 4096);
            reused.fill((byte) 'S'); // someone else's secret in the same memory (if malloc reused it)
            caller.complete(reused.address() == address ? "reused" : "not reused");
        });
        Thread.sleep(300);
        loop.close(); // gives up on the pending notification after 200 ms and fails the send
        String outcome = caller.get(10, TimeUnit.SECONDS);
        client.close(); // loop closed: close(2) directly; the queued data still goes out
        byte[] got = SocketNative.readExactly(serverFd, fill + size, Duration.ofSeconds(10));
        byte last = got[got.length - 1];
        if (last == 'S') {
            fail("writeZeroCopy threw at loop close (" + outcome + "), the caller freed its buffer, and the peer"
                    + " received what was written into that memory AFTER the call had failed: the kernel read freed"
                    + " user memory");
        }
        assertEquals("the call should not have returned before the kernel released the buffer", "returned normally",
                outcome + " (peer got '" + (char) last + "' bytes the failed call had 'not' sent)");
        server.close();
        shared.close();
    }
}
