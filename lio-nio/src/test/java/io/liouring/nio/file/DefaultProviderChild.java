package io.liouring.nio.file;

import io.liouring.nio.internal.RingSupport;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Run in a forked JVM by {@link LioDefaultProviderForkedTest} and {@link LioFallbackForkedTest}, with
 * {@link LioFileSystemProvider} as the default provider: unchanged {@code java.nio.file} code, each outcome printed
 * as a {@code key=value} line for the test to check. With the arguments {@code refuse <errno>} it first makes
 * {@code io_uring_setup} fail ({@link SeccompFilter}); with {@code refuseAfterStart <errno>} it does so only after
 * the provider has been loaded and used for everything but a channel, which must not have set up a ring.
 */
final class DefaultProviderChild {
    private DefaultProviderChild() {
    }

    /** Runs the checks; {@code args} as described above. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 2 && args[0].equals("refuseAfterStart")) {
            // not createTempDirectory: its SecureRandom reads the security configuration through a channel
            Path probe = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                    "lio-before-filter-" + ProcessHandle.current().pid()));
            try (Stream<Path> none = Files.list(probe)) {
                print("usedBeforeFilter", Files.isDirectory(probe) + "," + none.count());
            }
            Files.delete(probe);
        }
        if (args.length == 2) {
            SeccompFilter.refuse(SeccompFilter.IO_URING_SETUP, Integer.parseInt(args[1]));
        }
        print("provider", FileSystems.getDefault().provider().getClass().getName());
        print("fileSystem", FileSystems.getDefault().getClass().getName());
        print("pathOf", Path.of("a").getClass().getName());
        print("pathOfFileSystemIsDefault", Path.of("a").getFileSystem() == FileSystems.getDefault());
        print("pathsGet", Paths.get("a", "b").getClass().getName());
        print("fileToPath", new File("a").toPath().getClass().getName());
        print("pathOfUri", Path.of(URI.create("file:///tmp")).getClass().getName());

        Path dir = Files.createTempDirectory("lio-default-provider");
        try {
            firstUseFromManyThreads(dir);
            filesWork(dir);
            channelsWork(dir);
        } finally {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        print("available", RingSupport.available());
        String reason = RingSupport.unavailableReason();
        print("reason", reason == null ? null : reason.replace("\n", "\\n")); // one line
    }

    /**
     * The first channels of the JVM, opened by 16 threads at once: the availability probe runs once and a fallback
     * is logged once, whoever comes first.
     */
    private static void firstUseFromManyThreads(Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> writers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Path own = dir.resolve("concurrent-" + i);
                byte[] content = ("thread " + i).getBytes(StandardCharsets.US_ASCII);
                writers.add(pool.submit(() -> {
                    start.await();
                    Files.write(own, content);
                    return Arrays.equals(content, Files.readAllBytes(own));
                }));
            }
            start.countDown();
            boolean all = true;
            for (Future<Boolean> writer : writers) {
                all &= writer.get(60, TimeUnit.SECONDS);
            }
            print("concurrentFirstUse", all);
        } finally {
            pool.shutdown();
        }
    }

    private static void filesWork(Path dir) throws Exception {
        byte[] data = new byte[(1 << 20) + 17];
        new Random(16).nextBytes(data);
        Path file = dir.resolve("data.bin");
        Files.write(file, data);
        print("writeReadAllBytes", Arrays.equals(data, Files.readAllBytes(file)));

        Path text = dir.resolve("lines.txt");
        Files.writeString(text, "alpha\nbeta\n");
        try (BufferedReader reader = Files.newBufferedReader(text)) {
            print("bufferedReader", reader.readLine() + "," + reader.readLine() + "," + reader.readLine());
        }
        Path many = dir.resolve("many-lines.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            lines.append("line ").append(i).append('\n');
        }
        Files.writeString(many, lines);
        // on the default file system, Files.lines maps the file through FileChannel.map to split it for parallelism
        try (Stream<String> parallel = Files.lines(many).parallel()) {
            print("linesParallel", parallel.mapToLong(l -> Long.parseLong(l.substring(5))).sum());
        }
        Path zip = dir.resolve("archive.zip");
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.write(archive.getPath("entry.bin"), data);
        }
        try (FileSystem archive = FileSystems.newFileSystem(zip)) {
            print("zipFileSystem", Arrays.equals(data, Files.readAllBytes(archive.getPath("entry.bin"))));
        }

        Path streamed = dir.resolve("streamed.bin");
        try (OutputStream out = Files.newOutputStream(streamed)) {
            out.write(data, 0, 100_000);
        }
        try (InputStream in = Files.newInputStream(streamed)) {
            print("streams", Arrays.equals(Arrays.copyOf(data, 100_000), in.readAllBytes()));
        }

        Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(dir.resolve("tree/a/one.txt"), "1");
        Files.writeString(dir.resolve("tree/a/b/two.txt"), "22");
        Path tree = dir.resolve("tree");
        try (Stream<Path> walk = Files.walk(tree)) {
            List<String> walked = new ArrayList<>();
            for (Path p : walk.toList()) {
                walked.add(tree.relativize(p) + ":" + p.getClass().getSimpleName());
            }
            walked.sort(null);
            print("walk", walked);
        }
        try (Stream<Path> list = Files.list(tree.resolve("a"))) {
            print("list", list.map(p -> p.getFileName() + ":" + p.getClass().getSimpleName()).sorted().toList());
        }

        Path copy = dir.resolve("copy.bin");
        Files.copy(file, copy);
        print("copy", Arrays.equals(data, Files.readAllBytes(copy)));
        Path fromStream = dir.resolve("from-stream.bin");
        Files.copy(new ByteArrayInputStream(data), fromStream);
        print("copyFromStream", Arrays.equals(data, Files.readAllBytes(fromStream)));
        Path moved = dir.resolve("moved.bin");
        Files.move(copy, moved);
        print("move", !Files.exists(copy) && Arrays.equals(data, Files.readAllBytes(moved)));
        Files.delete(moved);
        print("delete", Files.notExists(moved));
        Path temp = Files.createTempFile(dir, "lio", ".tmp");
        Files.write(temp, new byte[] {1, 2, 3});
        print("createTempFile", temp.getClass().getSimpleName() + ":" + Arrays.toString(Files.readAllBytes(temp)));
    }

    private static void channelsWork(Path dir) throws Exception {
        Path file = dir.resolve("channel.bin");
        try (FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE)) {
            print("fileChannelClass", channel.getClass().getName());
            channel.write(ByteBuffer.wrap("at 4096".getBytes(StandardCharsets.US_ASCII)), 4096);
            ByteBuffer back = ByteBuffer.allocate(7);
            channel.read(back, 4096);
            print("fileChannel", new String(back.array(), StandardCharsets.US_ASCII) + "," + channel.size());
        }
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, READ, WRITE)) {
            print("asynchronousFileChannelClass", channel.getClass().getName());
            channel.write(ByteBuffer.wrap("async".getBytes(StandardCharsets.US_ASCII)), 0).get(60, TimeUnit.SECONDS);
            ByteBuffer back = ByteBuffer.allocate(5);
            channel.read(back, 0).get(60, TimeUnit.SECONDS);
            print("asynchronousFileChannel", new String(back.array(), StandardCharsets.US_ASCII));
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }
}
