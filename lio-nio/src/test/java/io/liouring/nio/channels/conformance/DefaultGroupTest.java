package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default group: channels opened without a group are bound to it; its pool creates threads as needed (so
 * handlers that block do not starve each other); its system properties.
 */
@Timeout(300)
class DefaultGroupTest {

    private static final String THREAD_FACTORY = "java.nio.channels.DefaultThreadPool.threadFactory";
    private static final String INITIAL_SIZE = "java.nio.channels.DefaultThreadPool.initialSize";

    private final Resources resources = new Resources();

    @TempDir
    Path temp;

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    // Channels that specify no group are bound to the default group; where its ThreadFactory is not configured, its
    // pooled threads are daemon threads.
    @ForEachProvider
    @DisplayName("channels without a group work, and their handlers run on daemon threads")
    void defaultGroupRunsHandlersOnDaemonThreads(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        assumeTrue(System.getProperty(THREAD_FACTORY) == null, THREAD_FACTORY + " is set in this JVM");
        Loopback.Pair pair = Loopback.connect(provider, null, resources);
        Recorder<Integer, Void> handler = new Recorder<>();
        ByteBuffer into = ByteBuffer.allocate(1);
        pair.server().read(into, null, handler);
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {12}));

        assertEquals(1, Await.result(handler.outcome));
        assertEquals(12, into.get(0));
        assertTrue(handler.thread.isDaemon(), handler.thread + " is not a daemon thread");
        assertTrue(handler.thread != Thread.currentThread(), "the handler ran on the initiating test thread");
    }

    // The default group's pool creates new threads as needed: 256 completion handlers that all block until every
    // one of them has started must all get a thread (a bounded pool would deadlock here).
    @ForEachProvider
    @DisplayName("256 completion handlers blocking at once in the default group all run")
    void twoHundredFiftySixBlockingHandlers(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        int count = 256;
        ServerSocket listener = resources.add(new ServerSocket(0, 2 * count, Loopback.ipv4()));
        SocketAddress target = listener.getLocalSocketAddress();
        CountDownLatch inside = new CountDownLatch(count);
        CountDownLatch finished = new CountDownLatch(count);
        AtomicInteger sawAllInside = new AtomicInteger();
        List<Throwable> problems = new CopyOnWriteArrayList<>();
        CompletionHandler<Void, Void> blocking = new CompletionHandler<>() {
            @Override
            public void completed(Void result, Void nothing) {
                inside.countDown();
                try {
                    if (inside.await(2 * Await.SECONDS, TimeUnit.SECONDS)) {
                        sawAllInside.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    problems.add(e);
                } finally {
                    finished.countDown();
                }
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                problems.add(exc);
                finished.countDown();
            }
        };
        for (int i = 0; i < count; i++) {
            AsynchronousSocketChannel channel = resources.add(provider.openAsynchronousSocketChannel(null));
            channel.connect(target, null, blocking);
        }

        assertTrue(finished.await(4 * Await.SECONDS, TimeUnit.SECONDS), finished.getCount() + " handlers never ended");
        assertEquals(List.of(), problems);
        assertEquals(count, sawAllInside.get(), "handlers that saw all " + count + " inside at once");
    }

    // java.nio.channels.DefaultThreadPool.threadFactory names a ThreadFactory class, loaded with the system class
    // loader and instantiated; it makes every thread of the default group's pool. (Read once per provider, so the
    // check runs in a child JVM, with a valid initialSize as well.)
    @ForEachProvider
    @DisplayName("the default group's threads come from the ThreadFactory named by its system property")
    void threadFactoryProperty(ProviderUnderTest p) throws Exception {
        p.provider();
        ChildResult child = runProbe(p.name(), "factory",
                "-D" + THREAD_FACTORY + "=" + DefaultGroupProbe.MarkingThreadFactory.class.getName(),
                "-D" + INITIAL_SIZE + "=1");
        assertEquals(0, child.exitCode(), child.output());
    }

    // java.nio.channels.DefaultThreadPool.initialSize must parse as an Integer; otherwise an unspecified error is
    // thrown while the default group is constructed.
    @ForEachProvider
    @DisplayName("an initialSize property that is not an integer makes the default group fail to construct")
    void badInitialSizeProperty(ProviderUnderTest p) throws Exception {
        p.provider();
        ChildResult child = runProbe(p.name(), "badInitialSize", "-D" + INITIAL_SIZE + "=not-a-number");
        assertEquals(0, child.exitCode(), child.output());
    }

    private record ChildResult(int exitCode, String output) {
    }

    private ChildResult runProbe(String provider, String mode, String... properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DefaultGroupProbe.class.getName());
        command.add(provider);
        command.add(mode);
        File output = temp.resolve(mode + ".out").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        try {
            if (!process.waitFor(2 * Await.SECONDS, TimeUnit.SECONDS)) {
                return new ChildResult(-1, "the child JVM did not exit within " + 2 * Await.SECONDS + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        return new ChildResult(process.exitValue(), String.join(" ", command) + "\n" + text);
    }
}
