package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The channel state after a read or write was cut short by a timeout or a cancel. The Javadoc leaves the choice to
 * the implementation: where it cannot guarantee that no bytes were (or will be) transferred, it puts the channel in
 * an error state in which further operations of that kind throw an unspecified runtime exception; otherwise the
 * channel stays usable, and then no byte may be lost or reordered. These checks accept exactly those two outcomes.
 */
final class ErrorState {

    private static final byte[] MARKER = {11, 22, 33, 44};

    private ErrorState() {
    }

    /** A further read on {@code reader} is refused with a runtime exception, or it receives what {@code peer} sends, intact. */
    static void readRefusedOrLossless(AsynchronousSocketChannel reader, AsynchronousSocketChannel peer) {
        ByteBuffer into = ByteBuffer.allocate(MARKER.length);
        Future<Integer> next;
        try {
            next = reader.read(into);
        } catch (RuntimeException refused) {
            return;
        }
        Loopback.writeFully(peer, ByteBuffer.wrap(MARKER));
        while (into.hasRemaining()) {
            int n = Await.result(next);
            if (n < 0) {
                fail("end of stream after " + into.position() + " bytes");
            }
            if (into.hasRemaining()) {
                next = reader.read(into);
            }
        }
        assertEquals(ByteBuffer.wrap(MARKER), into.flip(), "the channel kept reading, so no byte may be lost");
    }

    /**
     * A further write on {@code writer} is refused with a runtime exception, or it is accepted and the stream
     * {@code peer} receives is what was written before (all zero bytes) followed by the new bytes.
     */
    static void writeRefusedOrLossless(AsynchronousSocketChannel writer, AsynchronousSocketChannel peer) {
        Future<Integer> next;
        ByteBuffer marker = ByteBuffer.wrap(MARKER);
        try {
            next = writer.write(marker);
        } catch (RuntimeException refused) {
            return;
        }
        Future<Integer> first = next;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            Await.result(first);
            Loopback.writeFully(writer, marker);
            try {
                writer.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ByteBuffer received = ByteBuffer.allocate(64 << 20);
        while (Await.result(peer.read(received)) >= 0) {
            assertTrue(received.hasRemaining(), "more than 64 MiB arrived");
        }
        Await.result(writing);
        received.flip();
        int length = received.remaining();
        assertTrue(length >= MARKER.length, "received " + length + " bytes");
        for (int i = 0; i < length - MARKER.length; i++) {
            if (received.get(i) != 0) {
                fail("byte " + i + " of " + length + " is " + received.get(i) + ": the stream was corrupted");
            }
        }
        assertEquals(ByteBuffer.wrap(MARKER), received.position(length - MARKER.length), "the new bytes come last");
    }
}
