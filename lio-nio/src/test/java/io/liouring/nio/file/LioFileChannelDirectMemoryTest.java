package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heap buffers travel through the channel's own bounded native memory, not through direct buffers: a JVM limited to
 * 64 KiB of direct memory ({@code -XX:MaxDirectMemorySize}) writes and reads 8 MiB through heap buffers, from many
 * virtual threads at once.
 */
class LioFileChannelDirectMemoryTest {
    private static final int SIZE = 8 << 20;
    private static final int THREADS = 64;

    @TempDir
    Path dir;

    /** The child: writes {@code SIZE} seeded bytes with heap buffers from many threads, reads them back, says "ok". */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        byte[] data = content();
        int slice = SIZE / THREADS;
        try (FileChannel ch = LioFileChannel.open(file, Set.of(CREATE, READ, WRITE))) {
            Thread[] threads = new Thread[THREADS];
            byte[][] back = new byte[THREADS][];
            for (int t = 0; t < THREADS; t++) {
                int at = t * slice;
                int index = t;
                threads[t] = Thread.ofVirtual().start(() -> {
                    try {
                        ch.write(ByteBuffer.wrap(data, at, slice), at);
                        ByteBuffer b = ByteBuffer.allocate(slice);
                        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                            // short reads are allowed; go on to the end of the slice
                        }
                        back[index] = b.array();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            for (int t = 0; t < THREADS; t++) {
                if (!Arrays.equals(back[t], Arrays.copyOfRange(data, t * slice, (t + 1) * slice))) {
                    System.out.println("slice " + t + " differs");
                    return;
                }
            }
        }
        System.out.println("ok");
    }

    private static byte[] content() {
        byte[] data = new byte[SIZE];
        new Random(16).nextBytes(data);
        return data;
    }

    @Test
    void heapBuffersWorkUnderASmallDirectMemoryLimit() throws Exception {
        Path file = dir.resolve("f");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-XX:MaxDirectMemorySize=64k", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LioFileChannelDirectMemoryTest.class.getName(), file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertEquals("ok", output.strip());
        assertArrayEquals(content(), Files.readAllBytes(file));
    }
}
