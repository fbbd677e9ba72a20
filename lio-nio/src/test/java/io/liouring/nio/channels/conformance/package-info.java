/**
 * The conformance suite of the asynchronous socket channels, written from the JDK's Javadoc of
 * {@link java.nio.channels.AsynchronousChannelGroup}, {@link java.nio.channels.AsynchronousServerSocketChannel},
 * {@link java.nio.channels.AsynchronousSocketChannel}, {@link java.nio.channels.AsynchronousChannel},
 * {@link java.nio.channels.AsynchronousByteChannel}, {@link java.nio.channels.NetworkChannel},
 * {@link java.nio.channels.CompletionHandler} and {@link java.util.concurrent.Future}.
 *
 * <p>Every test runs once per provider ({@link io.liouring.nio.channels.conformance.ForEachProvider}): the JDK's own
 * and lio-uring's. Passing against the JDK's provider shows that a test checks the specification rather than our
 * implementation. Everything is opened through the provider instance, a {@code null} group meaning that provider's
 * default group. Where the Javadoc leaves a choice to the implementation (the channel state after a timeout or a
 * cancel, whether {@code cancel(true)} closes the channel), a test accepts each allowed outcome and checks it.
 */
package io.liouring.nio.channels.conformance;
