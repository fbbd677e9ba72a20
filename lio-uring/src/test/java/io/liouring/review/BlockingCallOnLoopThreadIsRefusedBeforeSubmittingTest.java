package io.liouring.review;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: a blocking call on the loop thread (Connection.read/write, Listener.accept, AsyncFile.open, EventLoop.call,
 * ...) is refused with IllegalStateException only AFTER its request was handed to the loop: {@code X(...)} is
 * {@code IoErrors.await(xAsync(...))}, and {@code IoFuture.await()} checks the thread after {@code xAsync} submitted.
 * The orphaned request then runs: a read consumes bytes into memory the caller was told is unused (lost bytes, and
 * a kernel write into memory the caller may already have freed), a write sends data although the call threw, an
 * accept/open/socket creates a descriptor nobody will close.
 */
class BlockingCallOnLoopThreadIsRefusedBeforeSubmittingTest {
    private final EventLoop loop = EventLoop.open();
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    private static int[] unixPair() {
        return SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
    }

    @Test
    void readRefusedOnTheLoopThreadStillConsumesTheNextBytes() throws Exception {
        int[] pair = unixPair();
        try {
            Connection connection = Connection.of(loop, pair[0]);
            MemorySegment notUsed = arena.allocate(16);
            Throwable refused = loop.runOnLoop(ring -> {
                try {
                    connection.read(notUsed);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }).get(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, refused, "blocking on the loop thread is refused");

            SocketNative.write(pair[1], "hello".getBytes());
            MemorySegment next = arena.allocate(16);
            IoFuture<Integer> read = connection.readAsync(next);
            try {
                int n = read.get(2, TimeUnit.SECONDS);
                assertArrayEquals("hello".getBytes(), next.asSlice(0, n).toArray(JAVA_BYTE));
            } catch (TimeoutException e) {
                read.cancel(false);
                fail("the bytes after a refused read are lost: the refused read's request ran anyway and wrote '"
                        + new String(notUsed.asSlice(0, 5).toArray(JAVA_BYTE)) + "' into the buffer the caller was"
                        + " told was not used");
            }
            connection.close();
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void writeRefusedOnTheLoopThreadIsSentAnyway() throws Exception {
        int[] pair = unixPair();
        try {
            Connection connection = Connection.of(loop, pair[0]);
            MemorySegment data = arena.allocateFrom("secret", java.nio.charset.StandardCharsets.US_ASCII)
                    .asSlice(0, 6);
            Throwable refused = loop.runOnLoop(ring -> {
                try {
                    connection.write(data);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }).get(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, refused);
            assertFalse(SocketNative.readable(pair[1], Duration.ofMillis(500)),
                    "a write that threw IllegalStateException must not have sent anything");
            connection.close();
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void acceptRefusedOnTheLoopThreadSwallowsTheNextConnection() throws Exception {
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            int port = ((SockAddrIn) listener.localAddress()).port();
            Throwable refused = loop.runOnLoop(ring -> {
                try {
                    listener.accept();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }).get(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, refused);
            try (Connection client = Connection.connect(loop, SockAddrIn.loopback(port))) {
                IoFuture<Connection> accepted = listener.acceptAsync();
                try {
                    accepted.get(2, TimeUnit.SECONDS).close();
                } catch (TimeoutException e) {
                    accepted.cancel(false);
                    fail("the refused accept() took the connection: a Connection (and its descriptor) nobody owns");
                }
            }
        }
    }
}
