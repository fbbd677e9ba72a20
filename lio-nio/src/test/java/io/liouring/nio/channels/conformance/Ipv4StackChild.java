package io.liouring.nio.channels.conformance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Run in a forked JVM by {@link Ipv4StackForkedTest}, whose options choose the provider, the IPv4 stack and the
 * address text of socket exceptions: binds and connects to IPv6 and refused IPv4 addresses through the system-wide
 * provider and prints each outcome as a {@code key=value} line ({@code exception class: message}).
 */
final class Ipv4StackChild {
    private Ipv4StackChild() {
    }

    /** Runs the scenarios. */
    public static void main(String[] args) throws Exception {
        System.out.println("provider=" + AsynchronousChannelProvider.provider().getClass().getName());
        InetSocketAddress ipv6 = new InetSocketAddress(InetAddress.getByName("::1"), 80);
        System.out.println("ipv6Address=" + ipv6);
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
            System.out.println("bindIpv6=" + outcome(() -> channel.bind(ipv6)));
            System.out.println("bindIpv6Open=" + channel.isOpen());
        }
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()) {
            System.out.println("serverBindIpv6=" + outcome(() -> server.bind(ipv6)));
        }
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
            System.out.println("connectIpv6=" + outcome(() -> channel.connect(ipv6).get(10, TimeUnit.SECONDS)));
            System.out.println("connectIpv6Open=" + channel.isOpen());
        }
        InetSocketAddress refused;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        System.out.println("refusedAddress=" + refused);
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
            System.out.println("connectRefused=" + outcome(() -> channel.connect(refused).get(10, TimeUnit.SECONDS)));
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static String outcome(Call call) {
        try {
            return "returned " + call.call();
        } catch (ExecutionException e) {
            return e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
