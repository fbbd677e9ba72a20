package io.liouring.nio.channels.conformance;

import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A provider that is neither the JDK's nor ours, with groups that do nothing: a provider under test must refuse to
 * open channels in them ({@link java.nio.channels.IllegalChannelGroupException}).
 */
final class ForeignProvider extends AsynchronousChannelProvider {

    @Override
    public AsynchronousChannelGroup openAsynchronousChannelGroup(int nThreads, ThreadFactory threadFactory) {
        return new InertGroup(this);
    }

    @Override
    public AsynchronousChannelGroup openAsynchronousChannelGroup(ExecutorService executor, int initialSize) {
        return new InertGroup(this);
    }

    @Override
    public AsynchronousServerSocketChannel openAsynchronousServerSocketChannel(AsynchronousChannelGroup group) {
        throw new UnsupportedOperationException("a stand-in provider opens no channels");
    }

    @Override
    public AsynchronousSocketChannel openAsynchronousSocketChannel(AsynchronousChannelGroup group) {
        throw new UnsupportedOperationException("a stand-in provider opens no channels");
    }

    /** A group with no threads and no channels; it terminates as soon as it is shut down. */
    private static final class InertGroup extends AsynchronousChannelGroup {
        private volatile boolean shutdown;

        InertGroup(AsynchronousChannelProvider provider) {
            super(provider);
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public void shutdownNow() {
            shutdown = true;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}
