/**
 * Benchmark P4, TCP echo over loopback: lio-uring's echo servers ({@link io.liouring.bench.echo.LioEchoServer})
 * against Netty 4.2 (io_uring and epoll transports) and a plain NIO selector server, all driven by one load
 * client written in C ({@code src/main/c/echo_client.c}); {@link io.liouring.bench.echo.EchoRunner} runs them.
 */
package io.liouring.bench.echo;
