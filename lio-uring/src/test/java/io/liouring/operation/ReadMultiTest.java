package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadMultiTest {
    private static final int GROUP = 5;
    private static final int SIZE = 32;

    @Test
    void encodesFdGroupAndBufferSelectWithNoBufferOrLength() {
        SqeBytes sqe = SqeBytes.encode(new ReadMulti(11, GROUP).offset(-1));
        assertEquals(Opcode.READ_MULTISHOT.code(), sqe.opcode());
        assertEquals(49, sqe.opcode());
        assertEquals(11, sqe.fd());
        assertEquals(GROUP, sqe.bufIndex(), "buf_group");
        assertEquals(SqeFlags.BUFFER_SELECT.bits(), sqe.flags());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(-1L, sqe.off());
    }

    @Test
    void keepsBufferSelectWhenTheCallerAddsFlags() {
        SqeBytes sqe = SqeBytes.encode(new ReadMulti(0, GROUP), SqeFlags.FIXED_FILE, 1);
        assertEquals(SqeFlags.BUFFER_SELECT.and(SqeFlags.FIXED_FILE).bits(), sqe.flags());
    }

    @Test
    void onePushPostsACompletionPerArrivalUntilTheBuffersRunOut() {
        try (LioUring ring = new LioUring(8); Arena arena = Arena.ofConfined(); var pipe = PipeNative.pipe()) {
            Roundtrip.assumeSupported(ring, Opcode.READ_MULTISHOT);
            ProvideBuffers provide = new ProvideBuffers(arena.allocate(3 * SIZE), SIZE, 3, GROUP, 0);
            assertEquals(0, Roundtrip.run(ring, provide).result());
            ring.push(new ReadMulti(pipe.readFd(), GROUP), 42);
            ring.submit();

            Set<Integer> used = new HashSet<>();
            for (String word : new String[] {"first", "second", "third"}) {
                PipeNative.writeFully(pipe.writeFd(), word.getBytes(StandardCharsets.US_ASCII));
                Completion c = Roundtrip.next(ring);
                assertEquals(42, c.userData());
                assertEquals(word.length(), c.result());
                assertTrue(c.hasMore(), "still armed after " + word);
                int id = c.bufferId().orElseThrow();
                assertTrue(used.add(id), "buffer " + id + " used twice");
                assertEquals(word, ascii(provide, id, c.result()));
            }

            PipeNative.writeFully(pipe.writeFd(), "fourth".getBytes(StandardCharsets.US_ASCII));
            Completion last = Roundtrip.next(ring);
            assertEquals(42, last.userData());
            assertEquals(Errno.ENOBUFS, last.errno());
            assertFalse(last.hasMore(), "out of buffers ends the request");
        }
    }

    @Test
    void endsAtEndOfFileWithResultZero() {
        try (LioUring ring = new LioUring(8); Arena arena = Arena.ofConfined(); var pipe = PipeNative.pipe()) {
            Roundtrip.assumeSupported(ring, Opcode.READ_MULTISHOT);
            ProvideBuffers provide = new ProvideBuffers(arena.allocate(4 * SIZE), SIZE, 4, GROUP, 0);
            assertEquals(0, Roundtrip.run(ring, provide).result());
            ring.push(new ReadMulti(pipe.readFd(), GROUP), 7);
            ring.submit();

            PipeNative.writeFully(pipe.writeFd(), "data".getBytes(StandardCharsets.US_ASCII));
            Completion data = Roundtrip.next(ring);
            assertEquals(4, data.result());
            assertTrue(data.hasMore());
            assertEquals("data", ascii(provide, data.bufferId().orElseThrow(), 4));

            pipe.closeWrite();
            Completion end = Roundtrip.next(ring);
            assertEquals(7, end.userData());
            assertEquals(0, end.result());
            assertFalse(end.hasMore(), "end of file ends the request");
        }
    }

    @Test
    void aRegularFileFailsWithEbadfd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("regular"), "not pollable");
        try (LioUring ring = new LioUring(8); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.READ_MULTISHOT);
            assertEquals(0, Roundtrip.run(ring, new ProvideBuffers(arena.allocate(SIZE), SIZE, 1, GROUP, 0)).result());
            int fd = Fd.openRead(file);
            try {
                Completion c = Roundtrip.run(ring, new ReadMulti(fd, GROUP));
                assertEquals(Errno.EBADFD, c.errno());
                assertFalse(c.hasMore());
            } finally {
                Fd.close(fd);
            }
        }
    }

    private static String ascii(ProvideBuffers provide, int id, int length) {
        return new String(provide.buffer(id).asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }
}
