package io.liouring.nio.channels;

import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A provider and a fixed group of two threads, torn down completely after each test (no threads or fds leak). */
abstract class GroupFixture {
    LioChannelProvider provider;
    AsynchronousChannelGroup group;

    @org.junit.jupiter.api.BeforeEach
    void openGroup() throws Exception {
        provider = new LioChannelProvider();
        group = provider.openAsynchronousChannelGroup(2, Executors.defaultThreadFactory());
    }

    @org.junit.jupiter.api.AfterEach
    void closeGroup() throws Exception {
        group.shutdownNow();
        assertTrue(group.awaitTermination(Loopback.WAIT_SECONDS, TimeUnit.SECONDS), "group did not terminate");
    }
}
