package io.liouring.nio.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The JDK's own file channel on one of our files, read-only, through which {@link LioFileChannel#transferTo} into a
 * channel of the JDK (a socket, a pipe, a JDK file channel) runs: the JDK moves the bytes inside the kernel there
 * ({@code sendfile(2)}, {@code copy_file_range(2)}), which needs both descriptors, and the target's is not reachable
 * outside {@code java.base}. Opened on the first such transfer ({@link RingFile#reopenThroughJdk}) and kept until
 * the channel closes, which closes it too: a thread blocked in a transfer then gets
 * {@link java.nio.channels.AsynchronousCloseException} from the JDK's channel, as from ours. One more descriptor on the
 * file while the channel is open; record locks are unaffected (ours are open-file-description locks).
 */
final class JdkTransferSource {
    /** The file it reopens. */
    private final RingFile file;
    /** The JDK's channel once made; guarded by {@code this}. */
    private FileChannel channel;
    /** Set by {@link #close()}; guarded by {@code this}. */
    private boolean closed;
    /** Set once the JDK could not open the file; guarded by {@code this}. */
    private boolean refused;

    /** A source for transfers of {@code file}, nothing opened yet. */
    JdkTransferSource(RingFile file) {
        this.file = file;
    }

    /** Whether {@code target} is one of the JDK's own channels (of module {@code java.base}). */
    static boolean serves(WritableByteChannel target) {
        return target.getClass().getModule() == FileChannel.class.getModule();
    }

    /**
     * The JDK's channel on the file, made now if there is none or an interrupt closed the last; {@code null} if the
     * JDK could not open the file (its mode no longer lets this process read it, say), after which the caller moves
     * the bytes itself, for this and every later transfer.
     *
     * @throws ClosedChannelException if {@link #close()} has been called or the file is being closed
     */
    synchronized FileChannel channel() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (refused) {
            return null;
        }
        if (channel == null || !channel.isOpen()) {
            try {
                channel = file.reopenThroughJdk(Set.of(StandardOpenOption.READ));
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                refused = true;
                return null;
            }
        }
        return channel;
    }

    /** Closes the JDK's channel, if made, and refuses to make another. */
    synchronized void close() throws IOException {
        closed = true;
        if (channel != null) {
            channel.close();
        }
    }
}
