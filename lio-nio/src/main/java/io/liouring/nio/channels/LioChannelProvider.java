package io.liouring.nio.channels;

import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.UringException;
import io.liouring.nio.internal.DefaultThreadPoolSettings;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.IllegalChannelGroupException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;

/**
 * An {@link AsynchronousChannelProvider} whose channels run on io_uring: {@code AsynchronousSocketChannel} and
 * {@code AsynchronousServerSocketChannel} requests (accept, connect, recv, send, shutdown, socket options) are
 * io_uring requests on the group's event loops, and completion handlers run on the group's threads.
 *
 * <p><b>Switching it on.</b> Only explicitly: put {@code io.liouring:lio-nio} on the class path and start the JVM
 * with
 * <pre>{@code
 * -Djava.nio.channels.spi.AsynchronousChannelProvider=io.liouring.nio.channels.LioChannelProvider
 * --enable-native-access=ALL-UNNAMED
 * }</pre>
 * (the JDK loads the class through the system class loader and calls the public no-argument constructor). It is
 * not declared as a service, so being on the class path or module path changes nothing.
 *
 * <p><b>The default group</b> (channels opened with a {@code null} group) honours the JDK's system properties
 * {@code java.nio.channels.DefaultThreadPool.threadFactory} (a {@link ThreadFactory} class, loaded by the system
 * class loader) and {@code java.nio.channels.DefaultThreadPool.initialSize} (default: the number of processors):
 * a cached pool of daemon threads, which never shuts down.
 *
 * <p><b>When io_uring is unusable</b> (an old kernel, {@code kernel.io_uring_disabled}, a seccomp filter such as a
 * container's default profile), the constructor fails with an {@link IllegalStateException} whose message gives
 * the cause and the remedy in the words of {@code lio probe}, the {@link UringException} from
 * {@code io_uring_setup(2)} as its cause. The JDK (25) constructs the provider in a class initialiser, so the first
 * {@code AsynchronousChannelProvider.provider()} call (made by {@code AsynchronousSocketChannel.open()} and the
 * like) throws {@link ExceptionInInitializerError} with that exception as its cause, and every later one
 * {@link NoClassDefFoundError} — never a silent fallback to another implementation. To keep the JDK's channels on
 * such a machine, leave the property unset.
 *
 * <p>Needs Linux 6.11 (bind and listen through the ring; socket options and shutdown are direct calls). On an older
 * kernel the constructor fails the same way, naming the operations the kernel lacks.
 */
public class LioChannelProvider extends AsynchronousChannelProvider {
    private final NativeChunks chunks = new NativeChunks();
    private volatile LioChannelGroup defaultGroup;

    /**
     * Checks that this process may use io_uring, by setting up (and closing) a small ring.
     *
     * @throws IllegalStateException if {@code io_uring_setup(2)} fails (the message says why, as {@code lio probe}),
     *                               or the kernel lacks an operation the channels use
     */
    public LioChannelProvider() {
        this(LioChannelProvider::setUpRing);
    }

    /** With the check that io_uring works given (tests give a failing one). */
    LioChannelProvider(Runnable ringCheck) {
        try {
            ringCheck.run();
        } catch (UringException e) {
            throw new IllegalStateException(unusableMessage(e), e);
        }
    }

    /** The io_uring operations the channels use; the newest are {@code BIND} and {@code LISTEN} (Linux 6.11). */
    private static final List<Opcode> REQUIRED = List.of(Opcode.SOCKET, Opcode.BIND, Opcode.LISTEN, Opcode.ACCEPT,
            Opcode.CONNECT, Opcode.RECV, Opcode.SEND, Opcode.READV, Opcode.SENDMSG, Opcode.SHUTDOWN, Opcode.URING_CMD,
            Opcode.ASYNC_CANCEL, Opcode.LINK_TIMEOUT, Opcode.CLOSE);

    /** Sets up a small ring and checks that the kernel has every operation the channels use. */
    private static void setUpRing() {
        try (LioUring ring = new LioUring(2)) {
            String missing = missingOperations(ring.probe()::isSupported);
            if (missing != null) {
                throw new IllegalStateException(missing);
            }
        }
    }

    /** The start-up failure's message if {@code supported} lacks an operation the channels use, else {@code null}. */
    static String missingOperations(Predicate<Opcode> supported) {
        List<String> missing = REQUIRED.stream().filter(Predicate.not(supported)).map(o -> "IORING_OP_" + o.name())
                .toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "io.liouring.nio.channels.LioChannelProvider cannot run: this kernel (Linux "
                + System.getProperty("os.version") + ") lacks " + String.join(", ", missing)
                + "; the channels need Linux 6.11. Remove -Djava.nio.channels.spi.AsynchronousChannelProvider to use"
                + " the JDK's channels, or run `lio probe` for a full report.";
    }

    /** The start-up failure's message: what failed, then the kernel's reason and the remedy. */
    static String unusableMessage(UringException e) {
        return "io.liouring.nio.channels.LioChannelProvider cannot run: io_uring is unusable in this process. "
                + e.getMessage() + ". Remove -Djava.nio.channels.spi.AsynchronousChannelProvider to use the JDK's"
                + " channels, or run `lio probe` for a full report.";
    }

    /**
     * A group with a fixed pool of {@code nThreads} threads made by {@code threadFactory}, started at once: each
     * drives an io_uring loop of its own and runs the handlers of the channels bound to it, where their completions
     * arrive. A {@link java.util.concurrent.Future} of this provider waited on by such a thread throws
     * {@link IllegalStateException} instead of waiting for itself (see {@link LioChannelGroup}).
     *
     * @throws IllegalArgumentException if {@code nThreads <= 0}
     */
    @Override
    public AsynchronousChannelGroup openAsynchronousChannelGroup(int nThreads, ThreadFactory threadFactory)
            throws IOException {
        Objects.requireNonNull(threadFactory, "threadFactory");
        return LioChannelGroup.fixed(this, nThreads, threadFactory, chunks);
    }

    /**
     * A group whose handlers run on {@code executor}, which the group shuts down when it terminates.
     * {@code initialSize} is accepted as the JDK's contract says and not needed: completions are reaped by the
     * group's own event loops, not by tasks of the executor.
     */
    @Override
    public AsynchronousChannelGroup openAsynchronousChannelGroup(ExecutorService executor, int initialSize)
            throws IOException {
        Objects.requireNonNull(executor, "'executor' is null"); // the JDK's message
        return LioChannelGroup.over(this, executor, chunks);
    }

    /**
     * An unbound server socket channel in {@code group}, or in the default group if it is {@code null}.
     *
     * @throws IllegalChannelGroupException          if {@code group} was not made by this provider
     * @throws java.nio.channels.ShutdownChannelGroupException if {@code group} is shut down
     */
    @Override
    public LioServerSocketChannel openAsynchronousServerSocketChannel(AsynchronousChannelGroup group)
            throws IOException {
        return new LioServerSocketChannel(this, groupOf(group));
    }

    /**
     * An unconnected socket channel in {@code group}, or in the default group if it is {@code null}.
     *
     * @throws IllegalChannelGroupException          if {@code group} was not made by this provider
     * @throws java.nio.channels.ShutdownChannelGroupException if {@code group} is shut down
     */
    @Override
    public LioSocketChannel openAsynchronousSocketChannel(AsynchronousChannelGroup group) throws IOException {
        return LioSocketChannel.open(this, groupOf(group));
    }

    private LioChannelGroup groupOf(AsynchronousChannelGroup group) throws IOException {
        if (group == null) {
            return defaultGroup();
        }
        if (!(group instanceof LioChannelGroup lio) || lio.provider() != this) {
            throw new IllegalChannelGroupException();
        }
        return lio;
    }

    /** The group for channels opened without one, made on first use from the JDK's system properties. */
    LioChannelGroup defaultGroup() throws IOException {
        LioChannelGroup g = defaultGroup;
        if (g == null) {
            synchronized (this) {
                g = defaultGroup;
                if (g == null) {
                    g = LioChannelGroup.cached(this,
                            DefaultThreadPoolSettings.threadFactory("lio-nio-default-"),
                            DefaultThreadPoolSettings.initialSize(), chunks);
                    defaultGroup = g;
                }
            }
        }
        return g;
    }
}
