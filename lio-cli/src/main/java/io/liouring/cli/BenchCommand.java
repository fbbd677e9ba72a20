package io.liouring.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lio bench}: the benchmark suite of lio-bench (P1..P9), side by side with the peers, into BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmarks against the peers (C liburing, fio, FileChannel, Netty, NIO, the JDK's java.nio providers) and write BENCHMARKS.md.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Short runs of every benchmark (a few minutes) instead of the full suite.")
    boolean quick;

    @Option(names = "--only", description = "Comma-separated subset: p1,p1-latency,p2p3,p4,p5,p6,p7,p8,p9.")
    String only;

    @Override
    public Integer call() throws Exception {
        Path script = Path.of(System.getProperty("lio.home", ".")).resolve("lio-bench/run-all.sh");
        if (!Files.isExecutable(script)) {
            Messages.error("lio bench", "cannot find " + script + ": run it through ./lio from a lio-uring checkout");
            return 1;
        }
        List<String> command = new ArrayList<>(List.of(script.toString()));
        if (quick) {
            command.add("--quick");
        }
        if (only != null) {
            command.add("--only");
            command.add(only);
        }
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
