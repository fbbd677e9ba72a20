package io.liouring.nio.file.conformance;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Child JVM of {@link AsynchronousFileChannelDefaultPoolConformanceTest}: opens an {@code AsynchronousFileChannel}
 * without an executor on the file system named by its first argument ({@code jdk} or {@code lio}), writes its third
 * argument at position 0 of the file named by its second with a {@code CompletionHandler}, and prints
 * {@code handlerThread=<name>} and {@code madeByFactory=<true|false>}. Exits with 1 if the write fails.
 */
public final class DefaultPoolProbe {
    private DefaultPoolProbe() {
    }

    /** The factory the parent names in {@code java.nio.channels.DefaultThreadPool.threadFactory}. */
    public static final class MarkingThreadFactory implements ThreadFactory {
        static final Set<Thread> MADE = ConcurrentHashMap.newKeySet();

        /** Made by the default thread pool through the system class loader. */
        public MarkingThreadFactory() {
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "marked-" + MADE.size());
            t.setDaemon(true);
            MADE.add(t);
            return t;
        }
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        FileSystemUnderTest target = FileSystemUnderTest.both()
                .filter(fs -> fs.toString().equals(args[0])).findFirst().orElseThrow();
        Path file = target.fileSystem().getPath(args[1]);
        CompletableFuture<Thread> handlerThread = new CompletableFuture<>();
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(args[2].getBytes(StandardCharsets.US_ASCII));
            channel.write(bytes, 0, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer written, Void attachment) {
                    handlerThread.complete(Thread.currentThread());
                }

                @Override
                public void failed(Throwable exc, Void attachment) {
                    handlerThread.completeExceptionally(exc);
                }
            });
            Thread thread = handlerThread.get(60, TimeUnit.SECONDS);
            System.out.println("handlerThread=" + thread.getName());
            System.out.println("madeByFactory=" + MarkingThreadFactory.MADE.contains(thread));
        }
    }
}
