/**
 * Sockets through an {@link io.liouring.async.EventLoop}: stream {@link io.liouring.net.Connection}s and
 * {@link io.liouring.net.Listener}s (TCP over IPv4/IPv6, Unix-domain) and {@link io.liouring.net.DatagramSocket}s
 * (UDP, Unix-domain), each call blocking (parking virtual threads) or returning a future.
 */
package io.liouring.net;
