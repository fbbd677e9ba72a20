package io.liouring.nio.file;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The first file I/O of a JVM (started by {@link LibraryThreadsForkedTest}, on lio-nio's default provider or the
 * JDK's), done by an application thread of a thread group of its own, with a class loader of its own as context
 * class loader: file channels opened, written, read, forced and transferred (also from a virtual thread), an
 * asynchronous file channel on an executor made outside that group, and a channel dropped unclosed. Then, with that
 * thread ended and every channel closed, prints the live threads still in the group ({@code inAppGroup=[...]}) and
 * those whose context class loader is the application's ({@code withAppLoader=[...]}).
 */
public final class FirstOpenThreadsChild {
    private FirstOpenThreadsChild() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        Path dir = Path.of(args[0]);
        ThreadGroup app = new ThreadGroup("app");
        URLClassLoader appLoader = new URLClassLoader(new URL[0], FirstOpenThreadsChild.class.getClassLoader());
        ExecutorService handlers = Executors.newSingleThreadExecutor();
        handlers.submit(() -> { }).get(); // its thread made here, outside the group, before any file I/O
        Throwable[] failure = new Throwable[1];
        Thread first = new Thread(app, () -> {
            try {
                Thread.currentThread().setContextClassLoader(appLoader);
                useFiles(dir, handlers);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "app-first-opener");
        first.start();
        first.join();
        if (failure[0] != null) {
            throw new AssertionError("the file I/O failed", failure[0]);
        }
        handlers.shutdown();
        handlers.awaitTermination(1, TimeUnit.MINUTES);
        Set<Thread> live = Thread.getAllStackTraces().keySet();
        System.out.println("inAppGroup=" + names(live.stream().filter(t -> t.getThreadGroup() == app).toList()));
        System.out.println("withAppLoader="
                + names(live.stream().filter(t -> t.getContextClassLoader() == appLoader).toList()));
    }

    private static void useFiles(Path dir, ExecutorService handlers) throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        byte[] bytes = new byte[1 << 20];
        try (FileChannel out = FileChannel.open(source, CREATE, WRITE)) {
            out.write(ByteBuffer.wrap(bytes));
            out.force(true);
        }
        try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, CREATE, WRITE)) {
            in.read(ByteBuffer.allocate(4096), 0);
            in.transferTo(0, in.size(), out);
        }
        Thread virtual = Thread.ofVirtual().start(() -> {
            try (FileChannel in = FileChannel.open(source, READ);
                 FileChannel out = FileChannel.open(target, WRITE)) {
                in.transferTo(0, in.size(), out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        virtual.join();
        try (AsynchronousFileChannel async = AsynchronousFileChannel.open(source, Set.of(READ), handlers)) {
            async.read(ByteBuffer.allocate(4096), 0).get();
        }
        FileChannel.open(source, READ); // dropped without close: the channel's reaper takes it
        if (Files.size(target) != bytes.length) {
            throw new AssertionError("target has " + Files.size(target) + " bytes");
        }
    }

    private static List<String> names(List<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
