package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.MsgHdr;
import io.liouring.testing.Loopback;
import io.liouring.testing.PipeNative;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Forms of operations that liburing's newest {@code io_uring_prep_*} functions offer: a multishot read with a
 * length, a single-shot receive from a buffer group, a zero-copy sendmsg from a registered buffer, vectorized sends
 * and a block device discard, each shown by its effect in the kernel.
 */
class NewerOperationFormsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void theKernelRefusesAMultishotReadWithALengthSoReadMultiHasNone() {
        try (var ring = new LioUring(8); var pipe = PipeNative.pipe();
             var buffers = BufferRing.register(ring, 3, 8, 64)) {
            // what io_uring_prep_read_multishot(sqe, fd, 4, 0, 3) would encode: len = 4
            Operation withLength = sqe -> {
                new ReadMulti(pipe.readFd(), 3).encode(sqe);
                sqe.len(4);
            };
            assertEquals(-Errno.EINVAL.number(), run(ring, withLength).result());
            assertEquals(64, buffers.bufferSize());
        }
    }

    @Test
    void aSingleShotReceiveTakesOneBufferOfTheGroup() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4);
             var buffers = BufferRing.register(ring, 4, 2, 64)) {
            SqeBytes sqe = SqeBytes.encode(new RecvSelect(9, 4));
            assertEquals(SqeFlags.BUFFER_SELECT.bits(), sqe.flags());
            assertEquals(0, sqe.ioprio(), "not multishot");
            assertEquals(4, sqe.bufIndex(), "buf_group");

            SocketNative.write(tcp.server(), Loopback.utf8("one shot"));
            Completion c = run(ring, new RecvSelect(tcp.client(), 4));
            assertFalse(c.hasMore(), "single shot: the request is over");
            assertEquals("one shot", Loopback.text(buffers.take(c).data()));
            assertEquals(1, buffers.available(), "one buffer was taken");

            Completion drained = run(ring, new RecvSelect(tcp.client(), 4).msgFlags(0x40 /* MSG_DONTWAIT */));
            assertEquals(-Errno.EAGAIN.number(), drained.result(), "nothing more was sent: " + drained);
        }
    }

    @Test
    void aZeroCopySendmsgFromARegisteredBufferReportsItsCopy() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4); var arena = Arena.ofConfined()) {
            MemorySegment registered = Loopback.bytes(arena, "registered message, sent");
            ring.registerBuffers(registered);
            MsgHdr msg = MsgHdr.of(arena, IoVecArray.of(arena, registered.asSlice(0, 11), registered.asSlice(20)));
            SqeBytes sqe = SqeBytes.encode(new SendMsgZc(5, msg).fixedBuffer(0).reportUsage());
            assertEquals(4 | 8, sqe.ioprio(), "FIXED_BUF | SEND_ZC_REPORT_USAGE");
            assertEquals(0, sqe.bufIndex());

            ring.push(new SendMsgZc(tcp.client(), msg).fixedBuffer(0).reportUsage(), 30);
            ring.submit();
            Completion result = next(ring);
            Completion notification = next(ring);
            assertEquals(15, result.result(), result.toString());
            assertTrue(notification.isNotification(), notification.toString());
            // loopback cannot send without copying: with the usage report the kernel says it copied
            assertEquals(SendZc.NOTIF_USAGE_ZC_COPIED, notification.result(), notification.toString());
            assertEquals("registered sent", Loopback.text(SocketNative.readExactly(tcp.server(), 15, PATIENCE)));

            MsgHdr outside = MsgHdr.of(arena, IoVecArray.of(arena, arena.allocate(8)));
            ring.push(new SendMsgZc(tcp.client(), outside).fixedBuffer(0), 31);
            ring.submit();
            Completion refused = next(ring);
            assertEquals(-Errno.EFAULT.number(), refused.result(), "the iovec lies outside buffer 0: " + refused);
        }
    }

    @Test
    void aVectorizedSendSendsTheBuffersInOrder() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V6); var arena = Arena.ofConfined()) {
            IoVecArray vectors = IoVecArray.of(arena, Loopback.bytes(arena, "vec"), Loopback.bytes(arena, "tor"),
                    Loopback.bytes(arena, "ized"));
            SqeBytes sqe = SqeBytes.encode(new SendVectorized(5, vectors));
            assertEquals(Opcode.SEND.code(), sqe.opcode());
            assertEquals(vectors.segment().address(), sqe.addr());
            assertEquals(3, sqe.len());
            assertEquals(1 << 5, sqe.ioprio(), "IORING_SEND_VECTORIZED");

            Completion c = run(ring, new SendVectorized(tcp.client(), vectors));
            assumeTrue(c.result() != -Errno.EINVAL.number(), "IORING_SEND_VECTORIZED needs Linux 6.17");
            assertEquals(10, c.result());
            assertEquals("vectorized", Loopback.text(SocketNative.readExactly(tcp.server(), 10, PATIENCE)));
        }
    }

    @Test
    void aZeroCopyVectorizedSendPostsItsNotification() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4); var arena = Arena.ofConfined()) {
            IoVecArray vectors = IoVecArray.of(arena, Loopback.bytes(arena, "zero-"), Loopback.bytes(arena, "copy"));
            assertEquals(Opcode.SEND_ZC.code(), SqeBytes.encode(new SendZcVectorized(5, vectors)).opcode());
            ring.push(new SendZcVectorized(tcp.client(), vectors).reportUsage(), 40);
            ring.submit();
            Completion result = next(ring);
            assumeTrue(result.result() != -Errno.EINVAL.number(), "IORING_SEND_VECTORIZED needs Linux 6.17");
            assertEquals(9, result.result());
            assertTrue(result.hasMore());
            Completion notification = next(ring);
            assertTrue(notification.isNotification());
            assertEquals(SendZc.NOTIF_USAGE_ZC_COPIED, notification.result(), "loopback copies");
            assertEquals("zero-copy", Loopback.text(SocketNative.readExactly(tcp.server(), 9, PATIENCE)));
        }
    }

    @Test
    void aDiscardOnARegularFileIsRefusedAsNotSupported(@TempDir Path dir) throws IOException {
        SqeBytes sqe = SqeBytes.encode(new BlockDiscard(6, 4096, 8192));
        assertEquals(Opcode.URING_CMD.code(), sqe.opcode());
        assertEquals(0x1200, (int) sqe.off(), "cmd_op = BLOCK_URING_CMD_DISCARD");
        assertEquals(4096, sqe.addr(), "offset in addr");
        assertEquals(8192, sqe.addr3(), "length in addr3");
        Path file = Files.write(dir.resolve("f"), new byte[8192]);
        try (var ring = new LioUring(4)) {
            int fd = Fd.open(file, OpenFlags.O_RDWR, 0);
            try {
                assertEquals(-Errno.EOPNOTSUPP.number(), run(ring, new BlockDiscard(fd, 0, 4096)).result());
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void aDiscardOnALoopDeviceZeroesTheRange(@TempDir Path dir) throws Exception {
        byte[] after = discardOnLoopDevice(dir, (byte) 0xAB, fd -> new BlockDiscard(fd, 64 << 10, 128 << 10));
        assertArrayEquals(new byte[128 << 10], Arrays.copyOfRange(after, 64 << 10, 192 << 10), "the range is a hole");
        assertEquals((byte) 0xAB, after[(64 << 10) - 1], "before the range: kept");
        assertEquals((byte) 0xAB, after[192 << 10], "after the range: kept");
    }

    @Test
    void aGenericCommandWithAddrDiscardsLikeLiburingsPrepFunction(@TempDir Path dir) throws Exception {
        byte[] after = discardOnLoopDevice(dir, (byte) 0x5A, fd -> {
            // io_uring_prep_cmd_discard: cmd_op BLOCK_URING_CMD_DISCARD, addr = offset, addr3 (the first command
            // word of a 64-byte entry) = length
            UringCmd16 discard = new UringCmd16(fd, 0x1200).addr(256 << 10);
            discard.command().set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, 64 << 10);
            return discard;
        });
        assertArrayEquals(new byte[64 << 10], Arrays.copyOfRange(after, 256 << 10, 320 << 10), "the range is a hole");
        assertEquals((byte) 0x5A, after[(256 << 10) - 1]);
        assertEquals((byte) 0x5A, after[320 << 10]);
    }

    /**
     * Runs the discard that {@code discard} makes for the descriptor of a loop device over a 1 MiB image of
     * {@code fill} bytes in {@code dir}, which must succeed; returns the image's bytes afterwards. Skips the test
     * where no loop device can be attached.
     */
    private static byte[] discardOnLoopDevice(Path dir, byte fill, IntFunction<Operation> discard) throws Exception {
        Path image = dir.resolve("disk.img");
        byte[] pattern = new byte[1 << 20];
        Arrays.fill(pattern, fill);
        Files.write(image, pattern);
        String device = attachLoop(image);
        assumeTrue(device != null, "needs a loop device (root and losetup)");
        try (var ring = new LioUring(4)) {
            int fd = Fd.open(Path.of(device), OpenFlags.O_RDWR, 0);
            try {
                Completion c = run(ring, discard.apply(fd));
                assertEquals(0, c.result(), c.toString());
            } finally {
                Fd.close(fd);
            }
        } finally {
            runCommand("losetup", "-d", device);
        }
        return Files.readAllBytes(image);
    }

    private static String attachLoop(Path image) {
        try {
            Process p = new ProcessBuilder("losetup", "-f", "--show", image.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.startsWith("/dev/loop") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void runCommand(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
    }
}
