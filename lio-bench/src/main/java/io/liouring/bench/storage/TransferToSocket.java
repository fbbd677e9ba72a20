package io.liouring.bench.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32C;

/**
 * A file sent the way a server sends one: {@link FileChannel#transferTo} into a JDK {@link SocketChannel} (blocking,
 * loopback) until all of it has moved, while a platform thread of the same process reads the other end into a direct
 * buffer and checksums what it gets.
 */
final class TransferToSocket {
    private TransferToSocket() {
    }

    /**
     * Sends all of {@code source} through a new loopback connection on the calling thread.
     *
     * @return the CRC-32C of the bytes the peer received, to compare with the file's
     */
    static long sendAll(Path source) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel sender = SocketChannel.open(server.getLocalAddress());
             SocketChannel receiver = server.accept();
             FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = in.size();
            CompletableFuture<Long> received = new CompletableFuture<>();
            Thread.ofPlatform().name("transfer-receiver").start(() -> received.complete(drain(receiver, size)));
            long position = 0;
            while (position < size) {
                // 0 happens: JDK 25's own channel on a virtual thread returns 0 when its sendfile(2) meets a full
                // socket (the socket is non-blocking underneath), so the loop calls again, as a caller must
                position += in.transferTo(position, size - position, sender);
            }
            return received.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the peer was reading", e);
        } catch (ExecutionException e) {
            throw new IOException("the peer failed", e.getCause());
        }
    }

    /** Reads {@code size} bytes (or to the end of the stream) and returns their CRC-32C, or -1 on a failure. */
    private static long drain(SocketChannel receiver, long size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        CRC32C crc = new CRC32C();
        long got = 0;
        try {
            while (got < size) {
                buffer.clear();
                int n = receiver.read(buffer);
                if (n < 0) {
                    break;
                }
                crc.update(buffer.flip());
                got += n;
            }
        } catch (IOException e) {
            return -1;
        }
        return got == size ? crc.getValue() : -1;
    }

    /** The CRC-32C of a whole file, read with the JDK's channel. */
    static long checksum(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            CRC32C crc = new CRC32C();
            while (in.read(buffer.clear()) > 0) {
                crc.update(buffer.flip());
            }
            return crc.getValue();
        }
    }
}
