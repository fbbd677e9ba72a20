package io.liouring.cli;

import io.liouring.UringException;
import io.liouring.async.EventLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lio echo-client}: round trips against an echo server, checked byte for byte and timed. */
@Command(name = "echo-client", mixinStandardHelpOptions = true,
        description = "Send messages to a TCP echo server over io_uring, verify every echo, report round trips/s and latency.")
final class EchoClientCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "7007", description = "Server port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address, IPv4 or IPv6 (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--count", defaultValue = "1000", description = "Round trips (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "64", description = "Message size in bytes (default ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        if (count <= 0 || size <= 0 || port <= 0 || port > 65535) {
            Messages.error("lio echo-client", "--count and --size must be positive and --port between 1 and 65535");
            return 2;
        }
        try (EventLoop loop = EventLoop.open()) {
            EchoExchange.Result r = EchoExchange.run(loop, SocketAddresses.parse(host, port), count, size,
                    Duration.ofSeconds(5));
            System.out.printf(Locale.ROOT, "%d round trips of %d B to %s:%d: %.0f round trips/s,"
                            + " latency p50 %.1f µs, p99 %.1f µs, max %.1f µs; echoes %s%n",
                    r.roundTrips(), r.messageSize(), host, port, r.perSecond(), r.latencyMicros(0.5),
                    r.latencyMicros(0.99), r.latencyMicros(1.0), r.allEqual() ? "all equal" : "DIFFER");
            return r.allEqual() ? 0 : 1;
        } catch (UringException e) {
            Messages.ringFailure("lio echo-client", e);
            return 1;
        } catch (IOException e) {
            Messages.ioFailure("lio echo-client", e);
            return 1;
        }
    }
}
