package io.liouring.net;

import io.liouring.struct.SockAddr;

/**
 * One datagram received by a {@link DatagramSocket}.
 *
 * @param length    bytes placed in the buffer
 * @param sender    the sender's address (unnamed for an unbound Unix-domain sender)
 * @param truncated whether the datagram was longer than the buffer and its tail was dropped ({@code MSG_TRUNC})
 */
public record Datagram(int length, SockAddr sender, boolean truncated) {
}
