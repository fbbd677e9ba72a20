package lio.consumer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Plain {@code java.nio} code, with no reference to lio-uring: a file written and read through {@code FileChannel}
 * and {@code Files}, and a line echoed over loopback through NIO.2 channels. Launched with lio-nio's two system
 * properties (see the README), it checks that both ran on lio-nio's providers and exits 1 if not.
 */
public final class NioCheck {
    public static void main(String[] args) throws Exception {
        String fileSystem = Path.of(".").getFileSystem().provider().getClass().getName();
        String channels = AsynchronousChannelProvider.provider().getClass().getName();
        String fileChannel = checkFiles();
        String echoed = checkSockets();
        System.out.println("java.nio on lio-nio: file system " + fileSystem + ", FileChannel " + fileChannel
                + ", channels " + channels + ", echoed \"" + echoed + "\"");
        if (!fileSystem.startsWith("io.liouring.nio.") || !fileChannel.startsWith("io.liouring.nio.")
                || !channels.startsWith("io.liouring.nio.") || !echoed.equals("hello, ring")) {
            System.exit(1);
        }
    }

    private static String checkFiles() throws IOException {
        Path file = Files.createTempFile("nio-check", ".txt");
        try {
            Files.writeString(file, "written through Files");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer content = ByteBuffer.allocate(64);
                channel.read(content, 0);
                String read = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8);
                if (!read.equals(Files.readString(file)) || !read.equals("written through Files")) {
                    throw new IllegalStateException("read back \"" + read + "\"");
                }
                return channel.getClass().getName();
            }
        } finally {
            Files.delete(file);
        }
    }

    private static String checkSockets() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
            client.connect(server.getLocalAddress()).get(10, TimeUnit.SECONDS);
            try (AsynchronousSocketChannel accepted = server.accept().get(10, TimeUnit.SECONDS)) {
                ByteBuffer line = ByteBuffer.wrap("hello, ring".getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    client.write(line).get(10, TimeUnit.SECONDS);
                }
                ByteBuffer received = ByteBuffer.allocate(64);
                while (received.position() < line.limit()) {
                    if (accepted.read(received).get(10, TimeUnit.SECONDS) < 0) {
                        break;
                    }
                }
                return new String(received.array(), 0, received.position(), StandardCharsets.UTF_8);
            }
        }
    }
}
