package io.liouring.bench.echo;

/** A running echo server: sends back every byte it receives on every connection, until closed. */
interface EchoServer extends AutoCloseable {
    /** The TCP port it listens on (loopback). */
    int port();

    @Override
    void close() throws Exception;
}
