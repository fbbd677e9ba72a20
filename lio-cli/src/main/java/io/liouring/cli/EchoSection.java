package io.liouring.cli;

import io.liouring.async.EventLoop;
import io.liouring.struct.SockAddrIn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Demo: an echo round trip over loopback, server and client both on io_uring sockets. */
final class EchoSection implements DemoSection {
    private static final int ROUND_TRIPS = 2000;
    private static final int SIZE = 64;

    @Override
    public String title() {
        return "An echo round trip over loopback: io_uring server and client";
    }

    @Override
    public boolean run(PrintStream out, Path dir) throws IOException {
        try (EchoService server = EchoService.start(SockAddrIn.loopback(0)); EventLoop client = EventLoop.open()) {
            out.println("server: " + server.address() + " (event loop + one virtual thread per connection)");
            EchoExchange.Result r = EchoExchange.run(client, server.address(), ROUND_TRIPS, SIZE, Duration.ofSeconds(5));
            out.printf(Locale.ROOT, "client: %d round trips of %d random bytes, each echo checked: %s%n",
                    r.roundTrips(), r.messageSize(), r.allEqual() ? "all equal" : "SOME DIFFER");
            out.printf(Locale.ROOT, "  %.0f round trips/s, latency p50 %.1f µs, p99 %.1f µs (informational)%n",
                    r.perSecond(), r.latencyMicros(0.5), r.latencyMicros(0.99));
            return r.allEqual();
        }
    }
}
