package io.liouring.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of lio's AOT cache (JDK 24 and later): {@code ./lio} runs this once with
 * {@code -XX:AOTMode=record}, so that the JVM records the classes that lio's everyday commands load and link and
 * the profiles of the methods they run, and builds the cache from that record (see {@code ./lio}). It runs each
 * of {@code stat}, {@code cat}, {@code hash}, {@code cp} and {@code --help} once as {@link Lio#main} runs them, on
 * a small scratch file that it deletes afterwards. Their output goes to standard output, which the launcher sends
 * to {@code /dev/null}.
 */
public final class StartupTraining {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("stat", "FILE"), List.of("stat", "-c", "%n %s %U %y", "FILE"), List.of("cat", "FILE"),
            List.of("hash", "FILE"), List.of("cp", "FILE", "COPY"), List.of("--help"));

    private StartupTraining() {
    }

    /**
     * Runs the commands; exits with status 1 if one of them failed, as the launcher then keeps no cache.
     *
     * @param args not used
     * @throws IOException if the scratch directory cannot be made, written or removed
     */
    public static void main(String[] args) throws IOException {
        StandardOutput.install();
        Path dir = Files.createTempDirectory("lio-training");
        int status = 0;
        try {
            Path file = Files.write(dir.resolve("file"), new byte[4096]);
            Path copy = dir.resolve("copy");
            for (List<String> command : COMMANDS) {
                String[] argv = command.stream()
                        .map(a -> a.equals("FILE") ? file.toString() : a.equals("COPY") ? copy.toString() : a)
                        .toArray(String[]::new);
                status |= Lio.execute(FileNameEncoding.exact(argv)); // as Lio.main runs them
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        System.out.flush();
        System.exit(status == 0 ? 0 : 1);
    }
}
