package io.liouring.nio.channels.conformance;

import java.net.SocketOption;

/** A socket option no channel supports: setting or getting it is an UnsupportedOperationException. */
record ForeignOption(String name, Class<Integer> type) implements SocketOption<Integer> {

    static final ForeignOption INSTANCE = new ForeignOption("CONFORMANCE_FOREIGN_OPTION", Integer.class);
}
