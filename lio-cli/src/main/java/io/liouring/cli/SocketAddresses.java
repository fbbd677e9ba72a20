package io.liouring.cli;

import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.struct.SockAddrIn6;
import picocli.CommandLine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a command-line host (a name or an IPv4/IPv6 literal) and port into a socket address. */
final class SocketAddresses {
    private SocketAddresses() {
    }

    static SockAddr parse(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(new CommandLine(new Lio()), "unknown host: " + host);
        }
        return address instanceof Inet6Address v6 ? SockAddrIn6.of(v6, port) : SockAddrIn.of((Inet4Address) address, port);
    }
}
