package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code FileChannel.transferTo} into a JDK {@link SocketChannel}, the way a server sends a file: every byte arrives
 * in order and the file channel's position stays; into a non-blocking socket it moves what fits and returns; while
 * the peer reads nothing, so that the transfer waits for room, a close of the file channel ends it (with
 * {@link AsynchronousCloseException}, or with the count sent so far, as the JDK's {@code sendfile} returns it) and an
 * interrupt with {@link ClosedByInterruptException}, both channels closed. The waiting cases run on platform threads
 * only: on a virtual thread the JDK's channel waits in {@code sendfile(2)} holding its carrier, and neither a close
 * nor an interrupt ends that wait (lio-nio's channel parks there instead: {@code LioFileChannelTransferTest}).
 */
class FileChannelTransferToSocketConformanceTest extends FileSystemConformance {
    /** The file's size: far more than a small socket's buffers hold. */
    private static final int SIZE = 24 << 20;
    /** Socket buffer sizes asked for, so that a peer that does not read stops the transfer soon. */
    private static final int SMALL_BUFFER = 64 << 10;

    /** A connected pair on the loopback address: [0] the sender, [1] the receiver, both blocking. */
    private static SocketChannel[] connectedPair() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_BUFFER);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel sender = SocketChannel.open();
            sender.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_BUFFER);
            sender.connect(server.getLocalAddress());
            return new SocketChannel[] {sender, server.accept()};
        }
    }

    private Path taggedFile() throws IOException {
        return Files.write(path("file"), FileChannelTransferConformanceTest.tagged(SIZE, 0x7E7E_0000_0000L));
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void everyByteArrivesInOrderAndThePositionStays(boolean virtual) throws Exception {
        Path file = taggedFile();
        byte[] expected = Files.readAllBytes(file);
        SocketChannel[] pair = connectedPair();
        try (SocketChannel sender = pair[0]; SocketChannel receiver = pair[1];
             FileChannel channel = FileChannel.open(file, READ)) {
            channel.position(100);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(receiver, SIZE - 1000));
            try (var call = Blocked.start(virtual, () -> {
                long sent = 0;
                while (sent < SIZE - 1000) {
                    sent += channel.transferTo(1000 + sent, SIZE - 1000 - sent, sender);
                }
                return sent;
            })) {
                assertEquals(SIZE - 1000, call.result());
            }
            assertArrayEquals(Arrays.copyOfRange(expected, 1000, SIZE),
                    received.get(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(100, channel.position(), "transferTo does not move the file channel's position");
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void intoANonBlockingSocketItMovesWhatFitsAndReturns(boolean virtual) throws Exception {
        Path file = taggedFile();
        byte[] expected = Files.readAllBytes(file);
        SocketChannel[] pair = connectedPair();
        try (SocketChannel sender = pair[0]; SocketChannel receiver = pair[1];
             FileChannel channel = FileChannel.open(file, READ)) {
            sender.configureBlocking(false);
            long sent;
            try (var call = Blocked.start(virtual, () -> channel.transferTo(0, SIZE, sender))) {
                sent = call.result();
            }
            assertTrue(sent > 0 && sent < SIZE, "some bytes, not all of 24 MiB, fit a small socket: " + sent);
            sender.configureBlocking(true);
            sender.shutdownOutput();
            assertArrayEquals(Arrays.copyOf(expected, (int) sent), readAll(receiver, Integer.MAX_VALUE),
                    "the peer gets exactly the bytes counted");
        }
    }

    @Test
    void aCloseWhileThePeerReadsNothingEndsTheTransfer() throws Exception {
        // "AsynchronousCloseException - If another thread closes either channel while the transfer is in progress";
        // the JDK's sendfile(2), ended by the close's signal after some bytes went, returns their count instead
        Path file = taggedFile();
        SocketChannel[] pair = connectedPair();
        try (SocketChannel sender = pair[0]; SocketChannel receiver = pair[1]) {
            FileChannel channel = FileChannel.open(file, READ);
            try (var call = Blocked.start(false, () -> channel.transferTo(0, SIZE, sender))) {
                call.awaitInside("transferTo");
                Thread.sleep(300); // the socket's buffers fill; the transfer waits for the peer
                assertFalse(call.isDone(), "the transfer waits while the peer reads nothing");
                channel.close();
                try {
                    long sent = call.result();
                    assertTrue(sent > 0 && sent < SIZE, "the bytes sent before the close: " + sent);
                } catch (ExecutionException e) {
                    assertSame(AsynchronousCloseException.class, e.getCause().getClass(), e.getCause().toString());
                }
                assertFalse(call.interruptStatusAtEnd(), "a close does not interrupt");
            }
            assertTrue(sender.isOpen(), "the socket, which was not closed, stays open");
        }
    }

    @Test
    void anInterruptWhileThePeerReadsNothingClosesBothChannels() throws Exception {
        // "ClosedByInterruptException - If another thread interrupts the current thread while the transfer is in
        // progress, thereby closing both channels and setting the current thread's interrupt status"
        Path file = taggedFile();
        SocketChannel[] pair = connectedPair();
        try (SocketChannel sender = pair[0]; SocketChannel receiver = pair[1];
             FileChannel channel = FileChannel.open(file, READ)) {
            try (var call = Blocked.start(false, () -> channel.transferTo(0, SIZE, sender))) {
                call.awaitInside("transferTo");
                Thread.sleep(300);
                call.interrupt();
                Throwable failure = call.failure();
                assertSame(ClosedByInterruptException.class, failure.getClass(), failure.toString());
                assertTrue(call.interruptStatusAtEnd(), "the interrupt status stays set");
            }
            assertFalse(channel.isOpen(), "the file channel is closed");
            assertFalse(sender.isOpen(), "the socket is closed");
        }
    }

    /** Reads until end of stream or {@code limit} bytes. */
    private static byte[] readAll(SocketChannel receiver, int limit) {
        try {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (all.size() < limit) {
                chunk.clear().limit(Math.min(chunk.capacity(), limit - all.size()));
                if (receiver.read(chunk) < 0) {
                    break;
                }
                all.write(chunk.array(), 0, chunk.position());
            }
            return all.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
