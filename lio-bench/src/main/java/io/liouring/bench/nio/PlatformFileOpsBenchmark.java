package io.liouring.bench.nio;

import io.liouring.nio.file.LioFileSystemProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * What a program on platform threads pays per file operation through {@code java.nio} — the pattern of Lucene,
 * H2 or a log writer: opens, creates, small positional reads and writes, {@code force}, streams — on the JDK's
 * file system provider and on lio-nio's, side by side in one run ({@code provider}: {@code jdk} or {@code lio};
 * lio-nio's provider wraps the JDK's here as it does when it is the default). Files live in the working
 * directory's {@code bench-results/file-ops} (a real disk, not tmpfs), cached: every read hits the page cache.
 * Average time per operation; compare the two rows of each benchmark as a ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PlatformFileOpsBenchmark {
    /** Size of the file read and written at random positions. */
    private static final int FILE_SIZE = 8 << 20;
    /** Size of the small file opened and read whole. */
    private static final int SMALL_SIZE = 3000;

    /** Whose provider: the JDK's built-in one, or lio-nio's wrapping it. */
    @Param({"jdk", "lio"})
    public String provider;

    private Path dir;
    private Path small;
    private FileChannel data;
    private final ByteBuffer read1k = ByteBuffer.allocate(1024);
    private final ByteBuffer write512 = ByteBuffer.allocate(512);
    private final byte[] chunk = new byte[8192];
    private long counter;

    /** Makes the files on the chosen provider's file system. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        FileSystem fs = provider.equals("lio")
                ? new LioFileSystemProvider(FileSystems.getDefault().provider()).getFileSystem(URI.create("file:///"))
                : FileSystems.getDefault();
        dir = fs.getPath(Path.of("bench-results", "file-ops", provider).toAbsolutePath().toString());
        deleteTree();
        Files.createDirectories(dir);
        small = Files.write(dir.resolve("small"), new byte[SMALL_SIZE]);
        data = FileChannel.open(dir.resolve("data"), CREATE, READ, WRITE);
        data.write(ByteBuffer.wrap(new byte[FILE_SIZE]), 0);
        data.force(true); // written back: forceClean has nothing to write
        data.size(); // as Lucene's and H2's inputs ask it first
    }

    /** Closes and deletes the files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        data.close();
        deleteTree();
    }

    private void deleteTree() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A 4 KiB-aligned position of the data file, different each call. */
    private long nextPosition(int alignment) {
        counter += 7919;
        return (counter % (FILE_SIZE / alignment)) * alignment;
    }

    /** {@code FileChannel.open(READ)} of an existing file, and {@code close}. */
    @Benchmark
    public FileChannel openAndClose() throws IOException {
        FileChannel ch = FileChannel.open(small, READ);
        ch.close();
        return ch;
    }

    /** A new empty file: {@code FileChannel.open(CREATE_NEW, WRITE)}, {@code close}, {@code Files.delete}. */
    @Benchmark
    public void createAndDelete() throws IOException {
        Path p = dir.resolve("new");
        FileChannel.open(p, CREATE_NEW, WRITE).close();
        Files.delete(p);
    }

    /** {@code FileChannel.read} of 1 KiB at a position into a heap buffer, as Lucene's {@code NIOFSDirectory} reads. */
    @Benchmark
    public int read1KiB() throws IOException {
        read1k.clear();
        return data.read(read1k, nextPosition(1024));
    }

    /** {@code FileChannel.write} of 512 bytes at a position from a heap buffer. */
    @Benchmark
    public int write512() throws IOException {
        write512.clear();
        return data.write(write512, nextPosition(512));
    }

    /** {@code FileChannel.force(false)} of a file with nothing to write back: the call's own cost. */
    @Benchmark
    public void forceClean() throws IOException {
        data.force(false);
    }

    /** {@code Files.newOutputStream} of a new file, 64 KiB in 8 KiB writes, {@code close}, {@code Files.delete}. */
    @Benchmark
    public void writeNewFile64KiB() throws IOException {
        Path p = dir.resolve("out");
        try (OutputStream out = Files.newOutputStream(p, CREATE_NEW, WRITE)) {
            for (int i = 0; i < 8; i++) {
                out.write(chunk);
            }
        }
        Files.delete(p);
    }

    /** {@code Files.readAllBytes} of a 3000-byte file. */
    @Benchmark
    public byte[] readAllBytesSmall() throws IOException {
        return Files.readAllBytes(small);
    }

    /** {@code Files.newInputStream}, one {@code read} of the 3000-byte file, {@code close}. */
    @Benchmark
    public int streamReadSmall() throws IOException {
        try (InputStream in = Files.newInputStream(small)) {
            return in.read(chunk);
        }
    }
}
