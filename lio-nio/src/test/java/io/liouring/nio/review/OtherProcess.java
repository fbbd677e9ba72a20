package io.liouring.nio.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Another JVM (this JVM's {@code java} running a one-file program), for what only another process can see. */
final class OtherProcess {
    private static final String TRY_LOCK = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class TryLock {
                public static void main(String[] args) throws Exception {
                    try (var ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        var lock = ch.tryLock();
                        System.out.println(lock == null ? "held-elsewhere" : "granted");
                    }
                }
            }
            """;

    private OtherProcess() {
    }

    /** Whether another process may take an exclusive lock of the whole {@code file} ({@code tryLock}) right now. */
    static boolean canLock(Path file, Path scratchDir) throws IOException, InterruptedException {
        Path program = scratchDir.resolve("TryLock.java");
        Files.writeString(program, TRY_LOCK);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, program.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("the child failed: " + output);
        }
        return switch (output) {
            case "granted" -> true;
            case "held-elsewhere" -> false;
            default -> throw new IOException("unexpected output of the child: " + output);
        };
    }
}
