package io.liouring.examples;

import io.liouring.async.EventLoop;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A TCP echo server on the port given (default 7007; 0: any free port), one virtual thread per connection. */
public class EchoServer {
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7007;
        try (EventLoop loop = EventLoop.open();
             Listener listener = Listener.bind(loop, SockAddrIn.any(port))) {
            System.out.println("listening on " + listener.localAddress());
            while (true) {
                Connection connection = listener.accept();
                Thread.startVirtualThread(() -> {
                    try (connection; Arena arena = Arena.ofConfined()) {
                        MemorySegment buffer = arena.allocate(8192);
                        for (int n; (n = connection.read(buffer)) > 0; ) {
                            connection.writeFully(buffer.asSlice(0, n));
                        }
                    } catch (IOException e) {     // e.g. SocketException: Connection reset by peer (ECONNRESET)
                        System.err.println(e);    // this connection ends; the server goes on
                    }
                });
            }
        }
    }
}
