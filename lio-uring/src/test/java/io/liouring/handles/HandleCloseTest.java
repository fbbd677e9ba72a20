package io.liouring.handles;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.operation.Nop;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A socket's close, from any thread at any moment: what was pending fails with {@link AsynchronousCloseException},
 * what comes after with {@link ClosedChannelException}, the descriptor is given back only after the kernel has
 * released every request on it, and no request reaches its number afterwards.
 */
class HandleCloseTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
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

    private static void assertEndOfStream(int fd) {
        assertArrayEquals(new byte[0], SocketNative.readSome(fd, 1, PATIENCE), "the peer reads end of stream");
    }

    @Test
    void aReadPendingAtCloseFailsWithAsynchronousCloseExceptionAndThePeerSeesEndOfStream() throws Exception {
        int[] pair = unixPair();
        try {
            Connection connection = Connection.of(loop, pair[0]);
            IoFuture<Integer> read = connection.readAsync(arena.allocate(16));
            connection.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            assertEndOfStream(pair[1]);
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void everyCallAfterCloseFailsWithClosedChannelException() throws Exception {
        int[] pair = unixPair();
        try {
            Connection connection = Connection.of(loop, pair[0]);
            connection.close();
            assertTrue(connection.isClosed());
            MemorySegment buffer = arena.allocate(8);
            assertThrows(ClosedChannelException.class, () -> connection.read(buffer));
            assertThrows(ClosedChannelException.class, () -> connection.write(buffer));
            assertThrows(ClosedChannelException.class, () -> connection.writeFully(buffer));
            assertThrows(ClosedChannelException.class, connection::fd);
            assertThrows(ClosedChannelException.class, connection::remoteAddress);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> connection.readAsync(buffer).get(10, TimeUnit.SECONDS));
            assertInstanceOf(ClosedChannelException.class, e.getCause());
            connection.close(); // idempotent
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void closeInACompletionCallbackOnTheLoopThreadCancelsThePendingReadAndClosesTheSocket() throws Exception {
        int[] pair = unixPair();
        try {
            Connection connection = Connection.of(loop, pair[0]);
            IoFuture<Integer> read = connection.readAsync(arena.allocate(16));
            CompletableFuture<Throwable> closedOnLoop = new CompletableFuture<>();
            loop.submitResult(new Nop()).thenAccept(v -> { // on the loop thread, as a protocol error handler would
                try {
                    connection.close();
                    closedOnLoop.complete(null);
                } catch (Throwable t) {
                    closedOnLoop.complete(t);
                }
            });
            assertEquals(null, closedOnLoop.get(10, TimeUnit.SECONDS), "close on the loop thread starts, and returns");
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            connection.closeAsync().get(10, TimeUnit.SECONDS);
            assertEndOfStream(pair[1]);
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void aWriteFullyCutShortByCloseSendsNothingToTheDescriptorsNextOwner() throws Exception {
        MemorySegment big = arena.allocate(32 << 20);
        big.fill((byte) 'A');
        for (int trial = 0; trial < 10; trial++) {
            int[] first = unixPair();
            Connection connection = Connection.of(loop, first[0]);
            CompletableFuture<Throwable> writer = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    connection.writeFully(big);
                    writer.complete(null);
                } catch (Throwable t) {
                    writer.complete(t);
                }
            });
            byte[] some = SocketNative.readSome(first[1], 1, PATIENCE); // the write is under way (the socket is full)
            assertEquals('A', some[0]);
            connection.close();
            int[] second = unixPair(); // very likely gets the number the first socket had
            try {
                Throwable thrown = writer.get(10, TimeUnit.SECONDS);
                assertInstanceOf(AsynchronousCloseException.class, thrown, "the write was cut short by the close");
                assertTrue(!SocketNative.readable(second[1], Duration.ofMillis(50)),
                        "not one byte of the old write reached the new socket (trial " + trial + ", fds "
                                + first[0] + " then " + second[0] + ")");
            } finally {
                Fd.close(first[1]);
                Fd.close(second[0]);
                Fd.close(second[1]);
            }
        }
    }

    @Test
    void aWriteThatCompletedBeforeCloseKeepsItsResult() throws Exception {
        int[] pair = unixPair();
        try {
            Connection connection = Connection.of(loop, pair[0]);
            MemorySegment hello = arena.allocateFrom("hello", java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(6, connection.write(hello));
            connection.close();
            byte[] got = SocketNative.readSome(pair[1], 16, PATIENCE);
            assertArrayEquals(hello.toArray(JAVA_BYTE), got);
            assertEndOfStream(pair[1]);
        } finally {
            Fd.close(pair[1]);
        }
    }
}
