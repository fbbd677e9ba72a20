package io.liouring.nio.channels.conformance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link DefaultGroupTest}, because the default group reads its system properties once per
 * provider. Arguments: the provider ({@code JDK} or {@code LIO}) and what to probe ({@code factory} or
 * {@code badInitialSize}). Prints one line and exits 0 when the default group behaved as the Javadoc says.
 */
public final class DefaultGroupProbe {

    /** The thread name prefix of {@link MarkingThreadFactory}. */
    static final String PREFIX = "probe-default-pool-";

    private DefaultGroupProbe() {
    }

    /** The factory named by {@code -Djava.nio.channels.DefaultThreadPool.threadFactory} in the child JVM. */
    public static final class MarkingThreadFactory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        /** Instantiated by the provider through the system class loader. */
        public MarkingThreadFactory() {
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    public static void main(String[] args) throws Exception {
        String which = args[0];
        String mode = args[1];
        if (mode.equals("factory")) {
            AsynchronousChannelProvider provider = provider(which);
            Recorder<AsynchronousSocketChannel, Void> handler = new Recorder<>();
            try (AsynchronousServerSocketChannel server = provider.openAsynchronousServerSocketChannel(null);
                    AsynchronousSocketChannel client = provider.openAsynchronousSocketChannel(null)) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                server.accept(null, handler);
                Future<Void> connect = client.connect(server.getLocalAddress());
                connect.get(Await.SECONDS, TimeUnit.SECONDS);
                handler.outcome.get(Await.SECONDS, TimeUnit.SECONDS).close();
            }
            String name = handler.thread.getName();
            System.out.println("accept handler ran on " + name);
            System.exit(name.startsWith(PREFIX) ? 0 : 1);
        } else if (mode.equals("badInitialSize")) {
            try {
                provider(which).openAsynchronousSocketChannel(null).close();
            } catch (Throwable refused) {
                System.out.println("refused: " + refused);
                System.exit(0);
            }
            System.out.println("a default group was built although initialSize is not an integer");
            System.exit(1);
        }
        throw new IllegalArgumentException("unknown mode " + mode);
    }

    private static AsynchronousChannelProvider provider(String which) {
        return (which.equals("JDK") ? Providers.jdk() : Providers.lio()).provider();
    }
}
