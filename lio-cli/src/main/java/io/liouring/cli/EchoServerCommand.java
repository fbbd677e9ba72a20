package io.liouring.cli;

import io.liouring.UringException;
import io.liouring.struct.SockAddr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code lio echo-server}: a TCP echo server on lio-uring's sockets (multishot-free, one virtual thread per connection). */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = "Run a TCP echo server on io_uring sockets until interrupted (Ctrl-C).")
final class EchoServerCommand implements Callable<Integer> {
    private static final String PROGRAM = "lio echo-server";

    @Option(names = "--port", defaultValue = "7007", description = "TCP port (0: any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on, IPv4 or IPv6 (default ${DEFAULT-VALUE}; 0.0.0.0 or :: for all).")
    String bind;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long: 30s, 500ms, 2m, 1h or ISO-8601 PT30S (default: run until interrupted).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            Messages.error(PROGRAM, "--port must be between 0 and 65535: " + port);
            return 2;
        }
        SockAddr address = SocketAddresses.parse(bind, port);
        EchoService started;
        try {
            started = EchoService.start(address);
        } catch (IOException e) { // the port is taken, or the address is not ours: one line, as a tool says it
            Messages.error(PROGRAM, "cannot bind " + shown(bind, port) + ": " + Messages.reason(e));
            return 1;
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
        try (EchoService service = started) {
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

    /** The address as typed, an IPv6 one in brackets: {@code [::1]:7009}, {@code 127.0.0.1:7007}. */
    private static String shown(String host, int port) {
        boolean v6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (v6 ? "[" + host + "]" : host) + ":" + port;
    }
}
