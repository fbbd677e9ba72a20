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

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
