package io.liouring.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.net.InetSocketAddress;

/**
 * The Netty 4.2 peer, as Netty's own echo example writes it: write each read buffer back, flush when the read
 * burst is over. One event loop thread does accepting and all connections, with the io_uring or epoll transport
 * and Netty's default allocator.
 */
final class NettyEchoServer implements EchoServer {
    private final EventLoopGroup group;
    private final Channel channel;

    private NettyEchoServer(int port, boolean ioUring) throws InterruptedException {
        IoHandlerFactory factory;
        Class<? extends ServerChannel> channelType;
        if (ioUring) {
            IoUring.ensureAvailability();
            factory = IoUringIoHandler.newFactory();
            channelType = IoUringServerSocketChannel.class;
        } else {
            Epoll.ensureAvailability();
            factory = EpollIoHandler.newFactory();
            channelType = EpollServerSocketChannel.class;
        }
        group = new MultiThreadIoEventLoopGroup(1, factory);
        EchoHandler handler = new EchoHandler();
        channel = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handler);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    static NettyEchoServer start(int port, boolean ioUring) throws InterruptedException {
        return new NettyEchoServer(port, ioUring);
    }

    @Override
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() throws Exception {
        channel.close().sync();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    @ChannelHandler.Sharable
    private static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
