package io.liouring.cli;

import io.liouring.UringException;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code lio demo}: a short tour of io_uring through lio-uring, each section run for real against the kernel
 * and its completions shown. Finishes in seconds; exits 1 if any section does not come out as expected.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A short tour: the seed example, a linked open-write-fsync-close chain, a verified copy,"
                + " a comparison with FileChannel, and what this kernel offers.")
final class DemoCommand implements Callable<Integer> {
    private final List<DemoSection> sections = List.of(new SeedSection(), new LinkedChainSection(),
            new VerifiedCopySection(), new FileChannelSection(), new EchoSection(), new KernelSection());

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("lio-demo");
        try {
            int number = 1;
            for (DemoSection section : sections) {
                out.println("== " + number++ + ". " + section.title() + " ==");
                if (!section.run(out, dir)) {
                    out.flush();
                    Messages.error("lio demo", "\"" + section.title() + "\" did not come out as expected");
                    return 1;
                }
                out.println();
            }
            return 0;
        } catch (UringException e) {
            out.flush();
            Messages.ringFailure("lio demo", e);
            return 1;
        } catch (IOException e) {
            out.flush();
            Messages.ioFailure("lio demo", e);
            return 1;
        } catch (TransferException e) {
            out.flush();
            Messages.error("lio demo", "the copy failed: " + e.getMessage());
            return 1;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
