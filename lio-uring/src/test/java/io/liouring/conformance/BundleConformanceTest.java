package io.liouring.conformance;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SocketType;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.RecvBundle;
import io.liouring.operation.RecvMultiBundle;
import io.liouring.operation.SendBundle;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Send and receive bundles ({@code IORING_RECVSEND_BUNDLE}, 6.10): one request moves several provided buffers,
 * in ring order, and the byte stream comes out whole; a multishot receive bundle keeps a long stream flowing
 * while the application recycles what it has read.
 */
class BundleConformanceTest {
    private static final int CHUNK = 4096;

    private LioUring ring;
    private int[] pair;

    @BeforeEach
    void setUp() {
        ring = new LioUring(8);
        pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
    }

    @AfterEach
    void tearDown() {
        ring.close();
        Fd.close(pair[0]);
        Fd.close(pair[1]);
    }

    private static byte[] joined(List<BufferRing.Buffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffers.forEach(b -> out.writeBytes(b.data().toArray(JAVA_BYTE)));
        return out.toByteArray();
    }

    @Test
    void aSendBundleAndARecvBundleEachMoveABatchOfBuffersInOneRequest() {
        try (var outgoing = BufferRing.registerEmpty(ring, 1, 4, 16); var incoming = BufferRing.register(ring, 2, 8, 4)) {
            String[] parts = {"alpha", "bravo", "charlie"};
            for (int id = 0; id < parts.length; id++) {
                byte[] bytes = parts[id].getBytes(StandardCharsets.US_ASCII);
                outgoing.buffer(id).copyFrom(MemorySegment.ofArray(bytes));
                outgoing.provide(id, bytes.length);
            }
            Completion sent = run(ring, new SendBundle(pair[0], 1));
            assertEquals(17, sent.result(), "one request sent three buffers");
            assertEquals(List.of(0, 1, 2), outgoing.takeBundle(sent).stream().map(BufferRing.Buffer::id).toList());

            List<BufferRing.Buffer> first = incoming.takeBundle(run(ring, new RecvBundle(pair[1], 2)));
            assertTrue(first.size() > 1, "one receive filled several buffers: " + first);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(joined(first));
            while (stream.size() < 17) { // the kernel may stop a bundle short of all that is queued
                stream.writeBytes(joined(incoming.takeBundle(run(ring, new RecvBundle(pair[1], 2)))));
            }
            assertEquals("alphabravocharlie", stream.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aSendBundleWithNothingProvidedFailsWithEnobufs() {
        try (var outgoing = BufferRing.registerEmpty(ring, 1, 2, 16)) {
            assertEquals(Errno.ENOBUFS, run(ring, new SendBundle(pair[0], 1)).errno());
        }
    }

    @Test
    void aMultishotRecvBundleCarriesALongStreamWhileTheApplicationRecycles() {
        byte[] stream = new byte[64 * 1024];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) (i * 31 + i / 251);
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int completions = 0;
        int buffersUsed = 0;
        boolean armed = false;
        try (var buffers = BufferRing.register(ring, 3, 8, 1024)) {
            for (int sent = 0; sent < stream.length; sent += CHUNK) {
                SocketNative.write(pair[0], Arrays.copyOfRange(stream, sent, sent + CHUNK));
                while (received.size() < sent + CHUNK) {
                    if (!armed) {
                        ring.push(new RecvMultiBundle(pair[1], 3), 9);
                        armed = true;
                    }
                    Completion c = next(ring);
                    if (c.result() > 0) {
                        List<BufferRing.Buffer> bundle = buffers.takeBundle(c);
                        received.writeBytes(joined(bundle));
                        bundle.forEach(buffers::recycle);
                        completions++;
                        buffersUsed += bundle.size();
                    }
                    armed = c.hasMore();
                }
            }
        }
        assertArrayEquals(stream, received.toByteArray(), "every byte once, in order");
        assertTrue(buffersUsed > completions, buffersUsed + " buffers in " + completions + " completions: bundled");
    }
}
