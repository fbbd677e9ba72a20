package io.liouring.nio.channels;

/** A channel of a {@link LioChannelGroup}: what {@link LioChannelGroup#shutdownNow()} closes. */
interface GroupMember {
    /**
     * Marks the channel as closing without closing anything yet: from now on an operation that completes fails
     * with {@link java.nio.channels.AsynchronousCloseException}, as one pending at a close must. The group marks
     * every channel before it closes the first, so that no channel sees the effect of another's close (end of
     * stream from a peer in the same group, say) instead of its own.
     */
    void markClosing();

    /** Starts closing the channel without waiting; failures are ignored (the group is going away). */
    void closeForShutdown();
}
