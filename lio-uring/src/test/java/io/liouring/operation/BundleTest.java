package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Receive and send bundles: one request, several provided buffers ({@code IORING_RECVSEND_BUNDLE}). */
class BundleTest {
    private static final String DATA = "0123456789abcdefghijklmnopqrstuvwxyzABCD"; // 40 bytes: 16 + 16 + 8
    private static final int SIZE = 16;

    @Test
    void encodesTheBundleBitsInIoprio() {
        SqeBytes recv = SqeBytes.encode(new RecvBundle(3, 7));
        assertEquals(Opcode.RECV.code(), recv.opcode());
        assertEquals(0x10, recv.ioprio());
        assertEquals(7, recv.bufIndex());
        assertEquals(SqeFlags.BUFFER_SELECT.bits(), recv.flags());
        assertEquals(0, recv.addr());

        SqeBytes multi = SqeBytes.encode(new RecvMultiBundle(3, 7));
        assertEquals(Opcode.RECV.code(), multi.opcode());
        assertEquals(0x12, multi.ioprio());
        assertEquals(SqeFlags.BUFFER_SELECT.bits(), multi.flags());

        SqeBytes send = SqeBytes.encode(new SendBundle(3, 8).length(0));
        assertEquals(Opcode.SEND.code(), send.opcode());
        assertEquals(0x10, send.ioprio());
        assertEquals(8, send.bufIndex());
        assertEquals(0, send.len());
        assertEquals(SqeFlags.BUFFER_SELECT.bits(), send.flags());
    }

    private static void assumeBundles(LioUring ring) {
        assumeTrue(ring.hasFeature(Feature.RECVSEND_BUNDLE), "IORING_FEAT_RECVSEND_BUNDLE needs Linux 6.10");
    }

    /** Waits (through the ring's own SIOCINQ) until {@code bytes} are queued on {@code fd}. */
    private static void awaitQueued(LioUring ring, int fd, int bytes) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (run(ring, new SiocInq(fd)).resultOrThrow() < bytes) {
            assertTrue(System.nanoTime() < deadline, "data did not arrive");
            Thread.onSpinWait();
        }
    }

    private static String joined(List<BufferRing.Buffer> bundle) {
        StringBuilder s = new StringBuilder();
        bundle.forEach(b -> s.append(new String(b.data().toArray(JAVA_BYTE), StandardCharsets.UTF_8)));
        return s.toString();
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void recvBundleFillsSeveralBuffersInOneCompletion(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip);
             var buffers = BufferRing.register(ring, 1, 8, SIZE)) {
            assumeBundles(ring);
            SocketNative.write(tcp.client(), Loopback.utf8(DATA));
            awaitQueued(ring, tcp.server(), DATA.length());
            Completion first = run(ring, new RecvBundle(tcp.server(), 1));
            assertTrue(first.resultOrThrow() > SIZE, "one completion spans several buffers: " + first);
            List<BufferRing.Buffer> bundle = new ArrayList<>(buffers.takeBundle(first));
            assertTrue(bundle.size() > 1);
            assertTrue(bundle.subList(0, bundle.size() - 1).stream().allMatch(b -> b.data().byteSize() == SIZE),
                    "every buffer but the last is filled");
            while (joined(bundle).length() < DATA.length()) {
                bundle.addAll(buffers.takeBundle(run(ring, new RecvBundle(tcp.server(), 1))));
            }
            assertEquals(DATA, joined(bundle));
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void recvMultiBundleStaysArmedAndBundlesEachArrival(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip);
             var buffers = BufferRing.register(ring, 2, 8, SIZE)) {
            assumeBundles(ring);
            ring.push(new RecvMultiBundle(tcp.server(), 2), 9);
            ring.submit();
            for (int round = 0; round < 2; round++) {
                SocketNative.write(tcp.client(), Loopback.utf8(DATA));
                StringBuilder got = new StringBuilder();
                int completions = 0;
                int buffersUsed = 0;
                while (got.length() < DATA.length()) {
                    Completion c = next(ring);
                    assertEquals(9, c.userData());
                    assertTrue(c.hasMore(), "still armed: " + c);
                    List<BufferRing.Buffer> bundle = buffers.takeBundle(c);
                    got.append(joined(bundle));
                    bundle.forEach(buffers::recycle);
                    completions++;
                    buffersUsed += bundle.size();
                }
                assertEquals(DATA, got.toString());
                assertTrue(completions < buffersUsed, completions + " completions for " + buffersUsed + " buffers");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendBundleSendsTheProvidedBuffersInRingOrder(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip);
             var buffers = BufferRing.registerEmpty(ring, 3, 4, SIZE)) {
            assumeBundles(ring);
            String[] parts = {"bundled ", "sends, ", "in order"};
            int[] order = {2, 0, 1}; // ring order, not id order
            for (int i = 0; i < parts.length; i++) {
                MemorySegment b = buffers.buffer(order[i]);
                byte[] bytes = Loopback.utf8(parts[i]);
                MemorySegment.copy(bytes, 0, b, JAVA_BYTE, 0, bytes.length);
                buffers.provide(order[i], bytes.length);
            }
            String expected = String.join("", parts);
            Completion c = run(ring, new SendBundle(tcp.client(), 3));
            assertEquals(expected.length(), c.resultOrThrow());
            assertEquals(2, c.bufferId().orElseThrow(), "the bundle starts at the first buffer in the ring");
            List<BufferRing.Buffer> sent = buffers.takeBundle(c);
            assertEquals(List.of(2, 0, 1), sent.stream().map(BufferRing.Buffer::id).toList());
            assertEquals(expected, Loopback.text(SocketNative.readExactly(tcp.server(), expected.length(), PATIENCE)));
        }
    }
}
