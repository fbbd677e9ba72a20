package io.liouring.nio.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;

/**
 * The stream of {@code Files.newInputStream}: the JDK's stream over our file channel ({@link Channels#newInputStream}),
 * except for a file that is not a regular file, a directory or a symbolic link — a named pipe, a socket, a device —
 * whose channel has no position to ask ({@link LioFileChannel#position()} fails with {@code Illegal seek}, as the
 * JDK's does). For such a file it does what the JDK's own stream does: nothing counts as {@link #available()},
 * {@link #skip} reads and discards, and {@link #readAllBytes}, {@link #readNBytes(int)} and {@link #transferTo} read
 * to the end rather than take the size and position of the channel.
 *
 * <p>Which kind of file it is is asked once ({@code statx}), by the first call that needs it.
 */
final class LioFileInputStream extends InputStream {
    /** The channel read. */
    private final LioFileChannel channel;
    /** The JDK's stream over {@link #channel}: every read goes through it, and everything for a regular file. */
    private final InputStream overChannel;

    /** A stream reading {@code channel}, which it closes when closed. */
    LioFileInputStream(LioFileChannel channel) {
        this.channel = channel;
        this.overChannel = Channels.newInputStream(channel);
    }

    @Override
    public int read() throws IOException {
        return overChannel.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return overChannel.read(b, off, len);
    }

    /** The bytes left before the end of a regular file; 0 for any other kind, as the JDK's stream answers. */
    @Override
    public int available() throws IOException {
        return channel.isOther() ? 0 : overChannel.available();
    }

    /** Moves the channel's position in a regular file; reads and discards up to {@code n} bytes of any other kind. */
    @Override
    public long skip(long n) throws IOException {
        return channel.isOther() ? super.skip(n) : overChannel.skip(n);
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        return channel.isOther() ? super.readAllBytes() : overChannel.readAllBytes();
    }

    /**
     * Up to {@code len} bytes; none for 0 and {@link IllegalArgumentException} for a negative {@code len}, without
     * asking the channel anything (so also once the stream is closed), as the JDK's stream answers.
     */
    @Override
    public byte[] readNBytes(int len) throws IOException {
        if (len < 0) {
            throw new IllegalArgumentException("len < 0");
        }
        if (len == 0) {
            return new byte[0];
        }
        return channel.isOther() ? super.readNBytes(len) : overChannel.readNBytes(len);
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        return channel.isOther() ? super.transferTo(out) : overChannel.transferTo(out);
    }

    /** Closes the channel. */
    @Override
    public void close() throws IOException {
        overChannel.close();
    }
}
