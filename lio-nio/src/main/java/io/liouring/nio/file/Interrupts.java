package io.liouring.nio.file;

/**
 * How an interrupt of a thread in one of a {@link LioFileChannel}'s blocking calls acts on the channel.
 */
enum Interrupts {
    /**
     * As {@code InterruptibleChannel} specifies: an interrupt before or during a blocking call closes the channel
     * and ends the call with {@code ClosedByInterruptException}.
     */
    INTERRUPTIBLE,
    /**
     * An interrupt is left alone: the call goes on, the channel stays open and the thread's interrupt status stays
     * set. The JDK's channels behind {@code Files.newInputStream}, {@code newOutputStream} and
     * {@code readAllBytes} behave so.
     */
    UNINTERRUPTIBLE,
    /**
     * For the channel of {@code Files.newByteChannel(path)} without options, which {@code Files.readAllBytes} opens
     * too and the provider cannot tell apart cheaply: an interrupt is looked at when a blocking call begins and when
     * it has completed, not while it waits. Seen inside {@code Files.readAllBytes}, it makes the channel
     * {@link #UNINTERRUPTIBLE}; anywhere else it closes the channel with {@code ClosedByInterruptException}. (A
     * call that waits for ever, a read of an empty named pipe, is not woken by the interrupt; a close wakes it.)
     */
    AT_CALL_BOUNDARIES
}
