package io.liouring.cli;

import io.liouring.UringException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lio hash FILE…}: SHA-256 of files read through io_uring, printed exactly as {@code sha256sum(1)}
 * prints it ({@code <hex>  <name>}; names with a backslash, newline or carriage return escaped and the line
 * marked with a leading backslash), with its messages and exit code for files that cannot be read.
 */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print SHA-256 checksums of FILEs read through io_uring, as sha256sum does.",
                "With no FILE, or when FILE is -, read standard input."})
final class HashCommand implements Callable<Integer> {
    private static final String PROGRAM = "lio hash";

    @Mixin
    PipelineOptions options;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to hash; - is standard input.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws NoSuchAlgorithmException {
        List<String> names = files.isEmpty() ? List.of(Inputs.STDIN_NAME) : files;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        PrintStream out = System.out;
        try (RingPipeline pipeline = options.open()) {
            boolean ok = Inputs.each(pipeline, names, PROGRAM, (name, fd, seekable) -> {
                sha256.reset();
                pipeline.read(fd, seekable, chunk -> sha256.update(chunk.asByteBuffer()), null);
                out.println(line(HexFormat.of().formatHex(sha256.digest()), name));
            });
            out.flush();
            if (Inputs.readClosedStandardInput(names)) {
                Messages.error(PROGRAM, "standard input: " + Messages.strerror(ClosedStreams.EBADF));
            }
            return ok ? 0 : 1;
        } catch (TransferException e) {
            throw new IllegalStateException("hashing writes nothing", e);
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
    }

    /** One line of sha256sum's output. */
    static String line(String hex, String name) {
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return hex + "  " + name;
        }
        String escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return "\\" + hex + "  " + escaped;
    }
}
