/**
 * TCP echo over loopback, driven by one load client written in C ({@code src/main/c/echo_client.c},
 * {@link io.liouring.bench.echo.EchoLoadClient}). Benchmark P4: lio-uring's echo servers
 * ({@link io.liouring.bench.echo.LioEchoServer}) against Netty 4.2 (io_uring and epoll transports) and a plain NIO
 * selector server, run by {@link io.liouring.bench.echo.EchoRunner}. Benchmark P9: one unchanged NIO.2 echo server
 * ({@link io.liouring.bench.echo.Nio2EchoServer}) on the JDK's asynchronous channel provider and on lio-nio's, run by
 * {@link io.liouring.bench.echo.P9Runner}.
 */
package io.liouring.bench.echo;
