package io.liouring.nio.channels.conformance;

import java.net.SocketAddress;

/** A socket address type no provider knows: binding or connecting to it is an UnsupportedAddressTypeException. */
final class ForeignAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;
}
