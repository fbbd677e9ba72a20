/**
 * An {@link java.nio.channels.spi.AsynchronousChannelProvider} whose channels run on io_uring:
 * {@link io.liouring.nio.channels.LioChannelProvider}. Switched on only by the system property
 * {@code -Djava.nio.channels.spi.AsynchronousChannelProvider=io.liouring.nio.channels.LioChannelProvider}.
 */
package io.liouring.nio.channels;
