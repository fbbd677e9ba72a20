package io.liouring.nio.file.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe (mkfifo(1)): a file whose reads block until someone writes, which is how these tests put a thread in
 * a {@code FileChannel} operation that stays blocked until it is interrupted or the channel is closed.
 */
final class Fifo {
    private Fifo() {
    }

    /** Creates a named pipe at {@code path} (a path of the file system under test; mkfifo sees its string). */
    static Path create(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        if (!mkfifo.waitFor(60, TimeUnit.SECONDS)) {
            mkfifo.destroyForcibly();
            throw new IOException("mkfifo did not finish");
        }
        if (mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo failed: " + new String(mkfifo.getInputStream().readAllBytes()));
        }
        return path;
    }
}
