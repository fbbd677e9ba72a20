package io.liouring.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Standard output as coreutils treats it: a command whose output could not be written fails, with
 * {@code <program>: write error: <reason>} and exit status 1, however well the rest went. {@link #install} puts a
 * {@link PrintStream} over fd 1 in {@link System#out} that keeps the errno of its first failed write (Java's own
 * streams keep only a flag); {@link #exitStatus} turns that errno into the command's message and status.
 */
final class StandardOutput extends OutputStream {
    /** The status the shell reports for a process killed by SIGPIPE (128 + 13): see {@link #exitStatus}. */
    static final int BROKEN_PIPE_STATUS = 141;

    private static final int STDOUT = 1;
    private static final int EPIPE = 32;
    private static final int BUFFER_BYTES = 8192;

    private static volatile StandardOutput installed;

    private final boolean closed;
    private int errno;

    private StandardOutput(boolean closed) {
        this.closed = closed;
    }

    /** Replaces {@link System#out} by a stream over fd 1 that remembers why a write failed. */
    static void install() {
        StandardOutput fd1 = new StandardOutput(ClosedStreams.stdout());
        // Flushed at each line, as Java's own System.out is (echo-server's "listening on" shows at once); in the
        // file name encoding, so that a name printed is the bytes it was given as.
        Charset names = Charset.forName(System.getProperty("sun.jnu.encoding"), Charset.defaultCharset());
        System.setOut(new PrintStream(new BufferedOutputStream(fd1, BUFFER_BYTES), true, names));
        installed = fd1;
    }

    /**
     * The exit status of a command that returned {@code status}, once its output is flushed: {@code status} if all
     * of it was written; 1 with {@code <program>: write error: <reason>} on stderr if a write failed; 141 without
     * a message if the reader of a pipe went away (EPIPE). GNU tools die of the SIGPIPE that comes with EPIPE,
     * silently, and the shell reports 128 + 13; the JVM ignores SIGPIPE, so lio exits with that status itself.
     */
    static int exitStatus(String program, int status) {
        System.out.flush();
        StandardOutput fd1 = installed;
        int failure = fd1 == null ? 0 : fd1.errno;
        if (failure == 0) {
            return status;
        }
        return writeFailure(program, failure);
    }

    /** Reports a failed write to standard output and returns the exit status for it, as {@link #exitStatus}. */
    static int writeFailure(String program, int errno) {
        if (errno == EPIPE) {
            return BROKEN_PIPE_STATUS;
        }
        Messages.error(program, "write error: " + Messages.strerror(errno));
        return 1;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) { // fd 1 is not ours to write: the JVM took it for one of its files
            errno = ClosedStreams.EBADF;
        }
        if (errno != 0) {
            throw new IOException(Messages.strerror(errno));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(len);
            MemorySegment.copy(b, off, bytes, JAVA_BYTE, 0, len);
            long done = 0;
            while (done < len) {
                long r = Posix.write(STDOUT, bytes.asSlice(done));
                if (r < 0) {
                    errno = (int) -r;
                    throw new IOException(Messages.strerror(errno));
                }
                done += r;
            }
        }
    }
}
