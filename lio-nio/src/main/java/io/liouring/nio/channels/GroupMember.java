package io.liouring.nio.channels;

/** A channel of a {@link LioChannelGroup}: what {@link LioChannelGroup#shutdownNow()} closes. */
interface GroupMember {
    /** Starts closing the channel without waiting; failures are ignored (the group is going away). */
    void closeForShutdown();
}
