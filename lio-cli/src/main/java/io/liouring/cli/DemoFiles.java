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

/** What the copy sections of the demo share: a file of random bytes and its SHA-256 read through the ring. */
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

    /** The SHA-256 of {@code file}, read through the loop ({@link FileReader}), in hex. */
    static String sha256(FileLoop files, Path file) throws TransferException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        int in = files.open(file, OpenFlags.O_RDONLY, 0);
        if (in < 0) {
            throw new UringException("open(" + file + ")", -in);
        }
        try (FileReader reader = new FileReader(files)) {
            reader.read(in, true, (bytes, n) -> digest.update(bytes, 0, n));
        } finally {
            files.close(in);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
