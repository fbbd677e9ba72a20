package io.liouring.cli;

import io.liouring.struct.SockAddr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code lio echo-server}: a TCP echo server on lio-uring's sockets (multishot-free, one virtual thread per connection). */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = "Run a TCP echo server on io_uring sockets until interrupted (Ctrl-C).")
final class EchoServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "7007", description = "TCP port (0: any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on, IPv4 or IPv6 (default ${DEFAULT-VALUE}; 0.0.0.0 or :: for all).")
    String bind;

    @Option(names = "--duration", description = "Stop after this long, e.g. PT30S (default: run until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            Messages.error("lio echo-server", "--port must be between 0 and 65535: " + port);
            return 2;
        }
        SockAddr address = SocketAddresses.parse(bind, port);
        try (EchoService service = EchoService.start(address)) {
            System.out.println("lio echo-server: listening on " + service.address()
                    + (duration == null ? " (Ctrl-C to stop)" : " for " + duration));
            System.out.flush();
            if (duration == null) {
                service.awaitInterrupt();
            } else {
                Thread.sleep(duration);
            }
        }
        return 0;
    }
}
