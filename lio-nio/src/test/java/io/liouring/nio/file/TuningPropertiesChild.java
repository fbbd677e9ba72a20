package io.liouring.nio.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.READ;

/**
 * Run in a forked JVM by {@link TuningPropertiesForkedTest}, with {@link LioFileSystemProvider} as the default
 * provider and the tuning properties it is given: opens a file 20 times, plainly and with
 * {@code ExtendedOpenOption.DIRECT}, reading it each time, and prints {@code key=value} lines: the bytes read, the
 * descriptors of the file still open afterwards and the number of {@code lio-file-N} loop threads.
 */
final class TuningPropertiesChild {
    private TuningPropertiesChild() {
    }

    /** Runs the checks. */
    public static void main(String[] args) throws Throwable {
        Path dir = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                "lio-tuning-" + ProcessHandle.current().pid()));
        Path file = dir.resolve("data");
        Files.write(file, new byte[8192]);
        print("plain", readEach(file, Set.of(READ)));
        print("direct", readEach(file, Set.of(READ, DirectOpenOption.get())));
        print("descriptorsLeft", descriptorsOf(file));
        print("loops", Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("lio-file-[0-9]+")).count());
        Files.delete(file);
        Files.delete(dir);
    }

    /** Reads the first block of {@code file} through 20 channels opened with {@code options}; the bytes read. */
    private static String readEach(Path file, Set<OpenOption> options) {
        long total = 0;
        try {
            for (int i = 0; i < 20; i++) {
                try (FileChannel ch = FileChannel.open(file, options)) {
                    total += ch.read(ByteBuffer.allocateDirect(2 * 4096).alignedSlice(4096).limit(4096), 0);
                }
            }
            return Long.toString(total);
        } catch (Throwable e) {
            return e.toString();
        }
    }

    /** {@return how many of this process's descriptors are open on {@code file}} */
    private static long descriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // the listing's own descriptor, closed meanwhile
                }
            }).count();
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
