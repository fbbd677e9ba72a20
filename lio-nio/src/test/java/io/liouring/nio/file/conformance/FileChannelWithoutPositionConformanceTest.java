package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file channel, and the stream of {@code Files.newInputStream}, on a named pipe: a file without a position
 * ({@code lseek(2)}: {@code ESPIPE}). The channel reads and writes it relatively, as a stream; every method that needs
 * a position fails with an {@code IOException} ("some other I/O error occurs", in each method's Javadoc) and leaves the
 * channel open. The stream reads it to its end: {@code InputStream.skip} "returns the actual number of bytes skipped",
 * never a negative number for a positive request, and {@code transferTo} "reads all bytes from this input stream".
 */
class FileChannelWithoutPositionConformanceTest extends FileSystemConformance {

    /** A named pipe holding {@code text}, kept open for reading and writing by the returned channel. */
    private FileChannel pipeHolding(String text) throws Exception {
        Path fifo = Fifo.create(path("fifo"));
        FileChannel pipe = FileChannel.open(fifo, READ, WRITE); // on Linux, opens at once: it is its own peer
        assertEquals(text.length(), pipe.write(ByteBuffer.wrap(ascii(text))));
        return pipe;
    }

    @Test
    void everythingThatNeedsAPositionFailsAndTheChannelStaysUsable() throws Exception {
        try (FileChannel pipe = pipeHolding("0123456789")) {
            assertFailsWithoutClosing(() -> pipe.position(), pipe);
            assertFailsWithoutClosing(() -> pipe.position(4), pipe);
            assertFailsWithoutClosing(() -> pipe.read(ByteBuffer.allocate(4), 0), pipe);
            assertFailsWithoutClosing(() -> pipe.read(ByteBuffer.allocateDirect(4), 2), pipe);
            assertFailsWithoutClosing(() -> pipe.write(ByteBuffer.wrap(ascii("xy")), 0), pipe);
            assertFailsWithoutClosing(() -> pipe.truncate(0), pipe);
            assertEquals(0, pipe.size(), "a pipe's size (st_size) is 0");

            // none of the failures took or added a byte: relative reads see exactly what was written, in order
            ByteBuffer first = ByteBuffer.allocate(4);
            assertEquals(4, pipe.read(first));
            assertEquals("0123", readSoFar(first));
            assertEquals(2, pipe.write(ByteBuffer.wrap(ascii("ab"))));
            ByteBuffer rest = ByteBuffer.allocate(20);
            assertEquals(8, pipe.read(rest));
            assertEquals("456789ab", readSoFar(rest));
        }
    }

    @Test
    void transfersOfAPipeFailInsteadOfWaitingForBytes() throws Exception {
        // the pipe is empty and this channel is a writer of it: a read would wait for ever
        try (FileChannel pipe = pipeHolding("")) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertFailsWithoutClosing(() -> pipe.transferTo(0, 10, Channels.newChannel(sink)), pipe);
            assertEquals(0, sink.size());
            assertFailsWithoutClosing(
                    () -> pipe.transferFrom(Channels.newChannel(new ByteArrayInputStream(ascii("qq"))), 0, 2), pipe);
            assertEquals(2, pipe.write(ByteBuffer.wrap(ascii("ok"))));
            ByteBuffer back = ByteBuffer.allocate(8);
            assertEquals(2, pipe.read(back), "nothing but the relative write reached the pipe");
            assertEquals("ok", readSoFar(back));
        }
    }

    @Test
    void streamSkipsByReadingAndNeverBackwards() throws Exception {
        try (FileChannel pipe = pipeHolding("hello, world")) {
            try (InputStream in = Files.newInputStream(path("fifo"))) {
                pipe.close(); // the stream is now the pipe's only peer: after the 12 bytes comes the end
                int available = in.available();
                assertTrue(available >= 0 && available <= 12, "available() " + available);
                assertEquals('h', in.read());
                byte[] four = new byte[4];
                assertEquals(4, in.readNBytes(four, 0, 4));
                assertEquals("ello", ascii(four));
                long skipped = in.skip(2);
                assertTrue(skipped >= 0 && skipped <= 2, "skip(2) after 5 bytes returned " + skipped);
                assertEquals(", world".charAt((int) skipped), in.read());
                assertEquals(0, in.skip(-3), "a pipe cannot go back");
                assertEquals(", world".substring((int) skipped + 1), ascii(in.readAllBytes()));
                assertEquals(-1, in.read());
            }
        }
    }

    @Test
    void streamTransfersEveryByteOfAPipeToAFileStream() throws Exception {
        // transferTo into a file's stream: "Reads all bytes from this input stream and writes the bytes to the given
        // output stream in the order that they are read"
        Path copy = path("copy");
        try (FileChannel pipe = pipeHolding("all of it, in order")) {
            try (InputStream in = Files.newInputStream(path("fifo"));
                 var out = Files.newOutputStream(copy)) {
                pipe.close();
                assertEquals(19, in.transferTo(out));
            }
        }
        assertEquals("all of it, in order", ascii(Files.readAllBytes(copy)));
    }

    @Test
    void streamOfAPipeReadsAllBytesAndNBytes() throws Exception {
        try (FileChannel pipe = pipeHolding("0123456789")) {
            try (InputStream in = Files.newInputStream(path("fifo"))) {
                pipe.close();
                assertEquals("012", ascii(in.readNBytes(3)));
                assertEquals("3456789", ascii(in.readAllBytes()));
                assertEquals(0, in.readAllBytes().length);
            }
        }
    }

    /** {@code call} throws an {@code IOException} that is not a close, and {@code channel} is still open. */
    private static void assertFailsWithoutClosing(Executable call, FileChannel channel) {
        IOException e = assertThrows(IOException.class, call);
        assertFalse(e instanceof ClosedChannelException, "a closed channel, not a failed seek: " + e);
        assertTrue(channel.isOpen(), "the failure closed the channel: " + e);
    }

    @Test
    void aScatteringReadOfAPipeReturnsWhatThePipeHoldsWithoutWaitingToFillEveryBuffer() throws Exception {
        // ScatteringByteChannel.read: "an attempt is made to read up to r bytes", and a read of a pipe, as readv(2)
        // of it, returns what the pipe holds: ten bytes fill the first buffer, and the second is not waited for
        try (FileChannel pipe = pipeHolding("0123456789")) {
            ByteBuffer first = ByteBuffer.allocate(10);
            ByteBuffer second = ByteBuffer.allocateDirect(10);
            long n = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> pipe.read(new ByteBuffer[] {first, second}));
            assertEquals(10, n);
            assertEquals("0123456789", readSoFar(first));
            assertEquals(0, second.position());
        }
    }

    @Test
    void everyByteThroughANamedPipeArrivesOnceAndInOrder() throws Exception {
        // A writer's channel and a reader's channel on one named pipe, the writer in a thread of its own: writes of
        // up to 200 000 bytes (more than the pipe holds, so they wait for room), reads into buffers of 1 to 70 000
        // bytes (which wait for bytes, and return what the pipe holds), heap and direct, until the writer's close
        // ends the stream (read returns -1). Every byte is its position in the stream, modulo 251.
        Path fifo = Fifo.create(path("fifo"));
        int total = 3 << 20;
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            Random sizes = new Random(1);
            try (FileChannel out = FileChannel.open(fifo, WRITE)) { // waits for the reader's open, as open(2) does
                for (int at = 0; at < total; ) {
                    int n = Math.min(total - at, 1 + sizes.nextInt(200_000));
                    ByteBuffer b = sizes.nextBoolean() ? ByteBuffer.allocate(n) : ByteBuffer.allocateDirect(n);
                    for (int i = 0; i < n; i++) {
                        b.put((byte) ((at + i) % 251));
                    }
                    assertEquals(n, out.write(b.flip()));
                    at += n;
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        Random random = new Random(20261203);
        long read = 0;
        try (FileChannel reader = FileChannel.open(fifo, READ)) { // waits for the writer's open
            while (true) {
                int n = 1 + random.nextInt(70_000);
                ByteBuffer b = random.nextBoolean() ? ByteBuffer.allocate(n) : ByteBuffer.allocateDirect(n);
                int got = reader.read(b);
                if (got < 0) {
                    break;
                }
                assertTrue(got > 0, "a read of a pipe waits for at least one byte");
                for (int i = 0; i < got; i++) {
                    assertEquals((byte) ((read + i) % 251), b.get(i), "byte " + (read + i));
                }
                read += got;
            }
        }
        assertTrue(writer.join(Duration.ofSeconds(60)), "the writer did not end");
        assertEquals(null, writerFailure.get());
        assertEquals(total, read);
    }
}
