package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.UringException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** What the copy sections of the demo share: a file of random bytes, a copy and a SHA-256 through a {@link RingPipeline}. */
final class DemoFiles {
    static final int SOURCE_MIB = 32;

    private DemoFiles() {
    }

    /** {@code source.bin} in {@code dir}: {@value #SOURCE_MIB} MiB of random bytes, written on first use. */
    static Path source(Path dir) throws IOException {
        Path file = dir.resolve("source.bin");
        if (!Files.exists(file)) {
            SplittableRandom random = new SplittableRandom(2019);
            byte[] block = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < SOURCE_MIB; i++) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
        }
        return file;
    }

    /** Copies {@code src} to {@code dst} (created or truncated) through the pipeline; returns the bytes copied. */
    static long copy(RingPipeline pipeline, Path src, Path dst) throws TransferException {
        int in = opened(pipeline.open(src, OpenFlags.O_RDONLY, 0), src);
        try {
            int out = opened(pipeline.open(dst, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644), dst);
            try {
                return pipeline.copy(in, true, out, true, null);
            } finally {
                pipeline.close(out);
            }
        } finally {
            pipeline.close(in);
        }
    }

    /** The SHA-256 of {@code file}, read through the pipeline, in hex. */
    static String sha256(RingPipeline pipeline, Path file) throws TransferException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        int in = opened(pipeline.open(file, OpenFlags.O_RDONLY, 0), file);
        try {
            pipeline.read(in, true, chunk -> digest.update(chunk.asByteBuffer()), null);
        } finally {
            pipeline.close(in);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int opened(int result, Path path) {
        if (result < 0) {
            throw new UringException("open(" + path + ")", -result);
        }
        return result;
    }
}
