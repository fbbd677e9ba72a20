package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code Files} methods built on the provider's channels: the streams, {@code readAllBytes}/{@code readString},
 * {@code write}/{@code writeString}, buffered readers and writers, {@code copy} with streams and {@code lines}.
 */
class FilesStreamsConformanceTest extends FileSystemConformance {

    @Test
    void newInputStreamReadsTheFileFromTheStart() throws IOException {
        // newInputStream: "Opens a file, returning an input stream to read from the file."
        Path file = file("data", "0123456789");
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals('0', in.read());
            byte[] buf = new byte[4];
            assertEquals(4, in.read(buf, 0, 4));
            assertEquals("1234", ascii(buf));
            assertEquals("56789", ascii(in.readAllBytes()));
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(buf));
        }
    }

    @Test
    void inputStreamSkipMovesTheReadPositionByWhatItReturns() throws IOException {
        // InputStream.skip: "Skips over and discards n bytes ... may, for a variety of reasons, end up skipping over
        // some smaller number of bytes"; returns the number actually skipped, and reading continues after them
        Path file = file("data", "0123456789");
        try (InputStream in = Files.newInputStream(file)) {
            long skipped = in.skip(3);
            assertTrue(skipped >= 0 && skipped <= 3);
            assertEquals('0' + skipped, in.read());
            assertEquals(0, in.skip(0));
            // InputStream.skip: "Subclasses may handle the negative value differently" (the JDK's stream over a
            // seekable channel moves back); whatever it returns, reading resumes that far from where it was
            long back = in.skip(-2);
            assertTrue(back >= -2 && back <= 0, "skip(-2) returned " + back);
            assertEquals('0' + skipped + 1 + back, in.read());
            in.readAllBytes();
            assertEquals(-1, in.read());
            assertTrue(in.skip(10) >= 0);
            assertEquals(-1, in.read(), "skipping at the end leaves the stream at its end");
        }
    }

    @Test
    void inputStreamAvailableNeverOverstatesWhatIsLeft() throws IOException {
        // InputStream.available: "an estimate of the number of bytes that can be read ... without blocking"; it can
        // be 0 and never exceeds what remains; at the end of the file it is 0
        Path file = file("data", "0123456789");
        try (InputStream in = Files.newInputStream(file)) {
            assertTrue(in.available() >= 0 && in.available() <= 10, "available " + in.available());
            in.readNBytes(7);
            assertTrue(in.available() >= 0 && in.available() <= 3, "available " + in.available());
            in.readAllBytes();
            assertEquals(0, in.available());
        }
    }

    @Test
    void aClosedInputStreamFailsWithIOException() throws IOException {
        // InputStream.read/available/skip: IOException "if ... the stream has been closed"; close twice is harmless
        Path file = file("data", "abc");
        InputStream in = Files.newInputStream(file);
        in.close();
        in.close();
        assertThrows(IOException.class, in::read);
        assertThrows(IOException.class, () -> in.read(new byte[2]));
        assertThrows(IOException.class, in::available);
        assertThrows(IOException.class, () -> in.skip(1));
    }

    @Test
    void readNBytesChecksItsLengthBeforeTheStreamsState() throws IOException {
        // InputStream.readNBytes(len): IllegalArgumentException "if length is negative"; a length of 0 reads nothing,
        // so the JDK's stream answers both without looking at the channel, open or closed
        Path file = file("data", "abc");
        InputStream in = Files.newInputStream(file);
        in.close();
        assertEquals(0, in.readNBytes(0).length);
        assertThrows(IllegalArgumentException.class, () -> in.readNBytes(-1));
    }

    @Test
    void inputStreamReadChecksItsBounds() throws IOException {
        // InputStream.read(b, off, len): IndexOutOfBoundsException "If off is negative, len is negative, or len is
        // greater than b.length - off"
        Path file = file("data", "abc");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[4];
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(buf, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(buf, 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(buf, 2, 3));
            assertEquals(0, in.read(buf, 0, 0));
            assertEquals('a', in.read());
        }
    }

    @Test
    void inputStreamOptionsForWritingAreRefused() throws IOException {
        // newInputStream: IllegalArgumentException "if an invalid combination of options is specified",
        // UnsupportedOperationException "if an unsupported option is specified". The JDK reports WRITE and APPEND
        // as unsupported; either exception refuses them.
        Path file = file("data", "abc");
        for (var option : List.of(WRITE, APPEND)) {
            var refused = assertThrows(RuntimeException.class, () -> Files.newInputStream(file, option).close());
            assertTrue(refused instanceof UnsupportedOperationException || refused instanceof IllegalArgumentException,
                    refused.toString());
        }
        assertThrows(NoSuchFileException.class, () -> Files.newInputStream(path("missing")).close());
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void inputStreamTransferToCopiesTheRest() throws IOException {
        Path file = file("data", "skip-rest");
        var out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(5);
            assertEquals(4, in.transferTo(out));
        }
        assertEquals("rest", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void newOutputStreamByDefaultCreatesAndTruncates() throws IOException {
        // newOutputStream: "If no options are present then this method works as if the CREATE, TRUNCATE_EXISTING,
        // and WRITE options are present."
        Path fresh = path("fresh");
        try (var out = Files.newOutputStream(fresh)) {
            out.write(ascii("created"));
        }
        assertEquals("created", Files.readString(fresh));
        Path existing = file("existing", "a much longer old content");
        try (var out = Files.newOutputStream(existing)) {
            out.write('n');
            out.write(ascii("-new-"), 1, 3);
        }
        assertEquals("nnew", Files.readString(existing));
    }

    @Test
    void newOutputStreamHonoursAppendAndCreateNew() throws IOException {
        Path file = file("data", "abc");
        try (var out = Files.newOutputStream(file, APPEND)) {
            out.write(ascii("def"));
        }
        assertEquals("abcdef", Files.readString(file));
        assertThrows(FileAlreadyExistsException.class, () -> Files.newOutputStream(file, CREATE_NEW).close());
        assertThrows(NoSuchFileException.class, () -> Files.newOutputStream(path("missing"), WRITE).close());
        assertFalse(Files.exists(path("missing")));
        assertEquals("abcdef", Files.readString(file));
    }

    @Test
    void outputStreamRefusesRead() throws IOException {
        // newOutputStream: IllegalArgumentException "if options contains an invalid combination of options" (READ)
        Path file = file("data", "abc");
        assertThrows(IllegalArgumentException.class, () -> Files.newOutputStream(file, READ).close());
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void aClosedOutputStreamFailsWithIOException() throws IOException {
        Path file = path("data");
        var out = Files.newOutputStream(file);
        out.write('x');
        out.close();
        out.close();
        assertThrows(IOException.class, () -> out.write('y'));
        assertThrows(IOException.class, () -> out.write(new byte[] {1, 2}));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void outputStreamWriteChecksItsBounds() throws IOException {
        Path file = path("data");
        try (var out = Files.newOutputStream(file)) {
            byte[] bytes = ascii("abc");
            assertThrows(IndexOutOfBoundsException.class, () -> out.write(bytes, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> out.write(bytes, 2, 2));
            out.write(bytes, 1, 2);
        }
        assertEquals("bc", Files.readString(file));
    }

    @Test
    void readAllBytesOfALargeFile() throws IOException {
        byte[] data = new byte[(8 << 20) + 13];
        new Random(5).nextBytes(data);
        Path file = Files.write(path("large"), data);
        assertArrayEquals(data, Files.readAllBytes(file));
        assertArrayEquals(new byte[0], Files.readAllBytes(file("empty", "")));
    }

    @Test
    void readAllBytesReadsToTheEndWhateverTheReportedSize() throws IOException {
        // readAllBytes: "Reads all the bytes from a file." Files in /proc report a size of 0 yet have content: the
        // size is only a hint and the method reads until end-of-file
        Path status = target.fileSystem().getPath("/proc/self/status");
        assertEquals(0, Files.size(status));
        String text = ascii(Files.readAllBytes(status));
        assertTrue(text.startsWith("Name:"), text);
        assertTrue(text.contains("\nPid:"), text);
    }

    @Test
    void readAllBytesOfAFileThatGrowsWhileBeingReadReturnsEverything() throws Exception {
        // readAllBytes reads until end-of-file: a named pipe (size 0) fed 1 MiB by another thread in small pieces
        byte[] data = new byte[1 << 20];
        new Random(9).nextBytes(data);
        Path fifo = Fifo.create(path("fifo"));
        try (var feeder = Blocked.start(false, () -> {
            try (var ch = FileChannel.open(fifo, WRITE)) {
                for (int off = 0; off < data.length; off += 10_000) {
                    ch.write(ByteBuffer.wrap(data, off, Math.min(10_000, data.length - off)));
                }
            }
            return null;
        })) {
            assertArrayEquals(data, Files.readAllBytes(fifo));
            feeder.result();
        }
    }

    @Test
    void readAllBytesOfADirectoryOrMissingFileFails() throws IOException {
        // readAllBytes: IOException "if an I/O error occurs reading from the stream"
        Path dir = Files.createDirectory(path("dir"));
        assertThrows(IOException.class, () -> Files.readAllBytes(dir));
        assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(path("missing")));
    }

    @Test
    void readStringDecodesAndRejectsMalformedInput() throws IOException {
        // readString: "Reads all content from a file into a string, decoding from bytes to characters using the
        // UTF-8 charset"; MalformedInputException "if the file contains a malformed or unmappable byte sequence"
        Path file = Files.write(path("utf8"), "grüße €".getBytes(StandardCharsets.UTF_8));
        assertEquals("grüße €", Files.readString(file));
        assertEquals("grüße €", Files.readString(file, StandardCharsets.UTF_8));
        Path bad = Files.write(path("bad"), new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
        assertThrows(MalformedInputException.class, () -> Files.readString(bad));
        assertThrows(CharacterCodingException.class, () -> Files.readString(bad, StandardCharsets.US_ASCII));
    }

    @Test
    void writeBytesCreatesTruncatesOrAppends() throws IOException {
        // write(path, bytes, options): "If no options are present then this method works as if the CREATE,
        // TRUNCATE_EXISTING, and WRITE options are present."
        Path file = path("data");
        assertEquals(file, Files.write(file, ascii("first, longer")));
        Files.write(file, ascii("second"));
        assertEquals("second", Files.readString(file));
        Files.write(file, ascii("+more"), APPEND);
        assertEquals("second+more", Files.readString(file));
        assertThrows(FileAlreadyExistsException.class, () -> Files.write(file, ascii("x"), CREATE_NEW));
        assertThrows(IllegalArgumentException.class, () -> Files.write(file, ascii("x"), READ));
        assertEquals("second+more", Files.readString(file));
    }

    @Test
    void writeLinesEndsEachWithTheLineSeparator() throws IOException {
        // write(path, lines, cs, options): "Each line ... is written ... followed by the platform's line separator,
        // as defined by the system property line.separator"
        Path file = path("lines");
        Files.write(file, List.of("alpha", "beta"));
        String sep = System.lineSeparator();
        assertEquals("alpha" + sep + "beta" + sep, Files.readString(file));
        Files.write(file, List.of("gamma"), StandardCharsets.UTF_8, APPEND);
        assertEquals(List.of("alpha", "beta", "gamma"), Files.readAllLines(file));
    }

    @Test
    void writeStringEncodesAndRejectsUnmappableText() throws IOException {
        // writeString: "Characters are encoded into bytes using the UTF-8 charset"; IOException "if ... the text
        // cannot be encoded using the specified charset"
        Path file = path("text");
        Files.writeString(file, "naïve ☕");
        assertArrayEquals("naïve ☕".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        Files.writeString(file, " more", APPEND);
        assertEquals("naïve ☕ more", Files.readString(file));
        Path ascii = path("ascii");
        assertThrows(CharacterCodingException.class, () -> Files.writeString(ascii, "café", StandardCharsets.US_ASCII));
    }

    @Test
    void bufferedReaderAndWriterRoundTripText() throws IOException {
        // newBufferedWriter: "If no options are present then this method works as if the CREATE,
        // TRUNCATE_EXISTING, and WRITE options are present"; newBufferedReader decodes UTF-8 by default
        Path file = file("data", "old content that is longer");
        try (var writer = Files.newBufferedWriter(file)) {
            writer.write("line one");
            writer.newLine();
            writer.write("zwei: ä");
        }
        try (var reader = Files.newBufferedReader(file)) {
            assertEquals("line one", reader.readLine());
            assertEquals("zwei: ä", reader.readLine());
            assertEquals(null, reader.readLine());
        }
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, APPEND)) {
            writer.write(System.lineSeparator() + "three");
        }
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            assertEquals(List.of("line one", "zwei: ä", "three"), reader.lines().collect(Collectors.toList()));
        }
    }

    @Test
    void bufferedReaderRejectsMalformedAndWriterUnmappableText() throws IOException {
        // newBufferedReader: reading malformed input throws MalformedInputException; newBufferedWriter: writing
        // text the charset cannot encode throws UnmappableCharacterException (both CharacterCodingExceptions)
        Path bad = Files.write(path("bad"), new byte[] {'a', '\n', (byte) 0xFF, 'b', '\n'});
        try (var reader = Files.newBufferedReader(bad)) {
            assertThrows(MalformedInputException.class, () -> {
                while (reader.readLine() != null) { }
            });
        }
        Path out = path("out");
        assertThrows(CharacterCodingException.class, () -> {
            try (var writer = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
                writer.write("€");
            }
        });
    }

    @Test
    void linesStreamsTheLinesAndReportsDecodingErrorsUnchecked() throws IOException {
        // lines: "Read all lines from a file as a Stream"; an IOException while reading is wrapped in an
        // UncheckedIOException thrown from the Stream method that caused the read
        Path file = file("data", "a\nbb\r\nccc\rdddd");
        try (var lines = Files.lines(file)) {
            assertEquals(List.of("a", "bb", "ccc", "dddd"), lines.collect(Collectors.toList()));
        }
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = (byte) 0xFF;
        Path bad = Files.write(path("bad"), big);
        try (var lines = Files.lines(bad)) {
            var e = assertThrows(UncheckedIOException.class, lines::count);
            assertInstanceOf(CharacterCodingException.class, e.getCause());
        }
    }

    @Test
    void copyFromAStreamCreatesTheFileAndCountsTheBytes() throws IOException {
        // copy(InputStream, Path, options): returns "the number of bytes read or written"; FileAlreadyExistsException
        // "if the target file exists but cannot be replaced because the REPLACE_EXISTING option is not specified";
        // UnsupportedOperationException "if options contains a copy option that is not supported"
        byte[] data = new byte[1 << 20];
        new Random(11).nextBytes(data);
        Path file = path("copy");
        assertEquals(data.length, Files.copy(new ByteArrayInputStream(data), file));
        assertArrayEquals(data, Files.readAllBytes(file));
        assertThrows(FileAlreadyExistsException.class, () -> Files.copy(new ByteArrayInputStream(data), file));
        assertEquals(3, Files.copy(new ByteArrayInputStream(ascii("new")), file, REPLACE_EXISTING));
        assertEquals("new", Files.readString(file));
        assertThrows(UnsupportedOperationException.class,
                () -> Files.copy(new ByteArrayInputStream(data), path("other"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void copyToAStreamWritesEveryByte() throws IOException {
        // copy(Path, OutputStream): "Copies all bytes from a file to an output stream"; returns the count
        byte[] data = new byte[(1 << 20) + 7];
        new Random(13).nextBytes(data);
        Path file = Files.write(path("source"), data);
        var out = new ByteArrayOutputStream();
        assertEquals(data.length, Files.copy(file, out));
        assertArrayEquals(data, out.toByteArray());
        assertThrows(NoSuchFileException.class, () -> Files.copy(path("missing"), out));
    }
}
