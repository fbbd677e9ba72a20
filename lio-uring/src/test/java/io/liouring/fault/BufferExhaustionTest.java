package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.ReadMulti;
import io.liouring.operation.ReadSelect;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A buffer group that runs dry: a request that needs a buffer fails with ENOBUFS instead of reading, a multishot
 * read ends (without F_MORE) and no byte is lost; once buffers are given back the group works again.
 */
class BufferExhaustionTest {
    private static final int GROUP = 7;

    @Test
    void aReadWithNoBufferLeftFailsWithEnobufsAndReadsNothing() {
        try (var ring = new LioUring(8); var group = BufferRing.register(ring, GROUP, 2, 8)) {
            PipeNative.Ends pipe = PipeNative.pipe();
            PipeNative.writeFully(pipe.writeFd(), "0123456789abcdefXYZ".getBytes());
            ReadSelect read = new ReadSelect(pipe.readFd(), GROUP, 8).offset(-1);
            ring.push(read, 1);
            Completion first = Roundtrip.next(ring);
            ring.push(read, 2);
            Completion second = Roundtrip.next(ring);
            ring.push(read, 3);
            Completion third = Roundtrip.next(ring);
            assertEquals(8, first.result());
            assertEquals(8, second.result());
            assertEquals(Errno.ENOBUFS, third.errno());
            assertTrue(third.bufferId().isEmpty());

            BufferRing.Buffer a = group.take(first);
            assertArrayEquals("01234567".getBytes(), a.data().toArray(JAVA_BYTE));
            group.recycle(a);
            ring.push(read, 4);
            Completion fourth = Roundtrip.next(ring);
            assertEquals(3, fourth.result(), "the bytes the failed read left are still there");
            assertArrayEquals("XYZ".getBytes(), group.take(fourth).data().toArray(JAVA_BYTE));
            pipe.close();
        }
    }

    @Test
    void aMultishotReadThatRunsDryEndsWithoutLosingBytes() {
        try (var ring = new LioUring(8); var group = BufferRing.register(ring, GROUP, 2, 4)) {
            PipeNative.Ends pipe = PipeNative.pipe();
            byte[] data = "twelve bytes".getBytes(); // needs 3 buffers of 4; the group has 2
            ring.push(new ReadMulti(pipe.readFd(), GROUP), 1);
            ring.submit();
            PipeNative.writeFully(pipe.writeFd(), data);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Completion last;
            do {
                last = Roundtrip.next(ring);
                if (last.result() > 0) {
                    received.writeBytes(group.take(last).data().toArray(JAVA_BYTE));
                }
            } while (last.hasMore());
            assertEquals(Errno.ENOBUFS, last.errno(), "the multishot read ends when the group is empty");
            assertEquals(8, received.size());
            byte[] rest = PipeNative.read(pipe.readFd(), 16);
            received.writeBytes(rest);
            assertArrayEquals(data, received.toByteArray(), "every byte is either in a buffer or still in the pipe");
            assertFalse(ring.tryCompletion().isPresent());
            pipe.close();
        }
    }
}
