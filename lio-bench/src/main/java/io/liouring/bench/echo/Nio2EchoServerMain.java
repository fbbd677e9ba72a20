package io.liouring.bench.echo;

/**
 * Starts benchmark P9's {@link Nio2EchoServer} in this JVM, prints the provider it runs on and then
 * {@code READY <port>} on stdout, and serves until stdin closes. Usage: {@code Nio2EchoServerMain [port] [threads]}
 * (defaults 0, any free port, and 1). Exits with status 1 when {@code -Djava.nio.channels.spi.AsynchronousChannelProvider}
 * names a provider other than the one the channels came from, so a side cannot run on the wrong provider unseen.
 */
public final class Nio2EchoServerMain {
    static final String PROPERTY = "java.nio.channels.spi.AsynchronousChannelProvider";

    private Nio2EchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (Nio2EchoServer server = Nio2EchoServer.start(port, threads)) {
            String configured = System.getProperty(PROPERTY);
            String provider = server.provider();
            boolean expected = configured == null ? provider.startsWith("sun.nio.ch.") : provider.equals(configured);
            if (!expected) {
                System.err.println("the channels came from " + provider + ", not from "
                        + (configured == null ? "the JDK's provider" : configured));
                System.exit(1);
            }
            System.out.println("PROVIDER " + provider);
            System.out.println("READY " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the runner closes our stdin
            }
        }
    }
}
