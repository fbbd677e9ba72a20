package io.liouring.bench.storage;

import io.liouring.bench.harness.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The system calls one P7 copy made, as {@code strace -f -c} counts them: calls and failed calls per system call,
 * limited to {@link #TRACED}, the calls that can move file data (plus {@code ioctl}, for a reflink attempt). It
 * explains the timings: a copier that uses {@code copy_file_range} lets the kernel copy page to page, one that uses
 * io_uring shows only {@code io_uring_enter} (the reads and writes are requests inside the kernel, and io-wq worker
 * threads cannot be traced).
 *
 * @param counts calls per system call, most called first
 */
record SyscallCensus(Map<String, Calls> counts) {
    static final String TRACED = "read,write,pread64,pwrite64,readv,writev,preadv,pwritev,preadv2,pwritev2,"
            + "copy_file_range,sendfile,splice,ioctl,mmap,munmap,io_uring_enter";

    /** How often a system call was made, and how many of those calls failed. */
    record Calls(long calls, long errors) {
    }

    /** Whether strace can be run here. */
    static boolean available() {
        return !Commands.output("strace", "-V").isEmpty();
    }

    /** Runs {@code command} under strace and counts its calls. */
    static SyscallCensus ofCommand(List<String> command) throws IOException {
        Path summary = Files.createTempFile("p7-strace", ".txt");
        try {
            List<String> traced = new ArrayList<>(List.of("strace", "-f", "-c", "-o", summary.toString(),
                    "-e", "trace=" + TRACED));
            traced.addAll(command);
            Process p = new ProcessBuilder(traced).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (waitFor(p) != 0) {
                throw new IOException("strace " + String.join(" ", command) + " failed: " + stderr.strip());
            }
            return parse(Files.readString(summary));
        } finally {
            Files.deleteIfExists(summary);
        }
    }

    /**
     * Attaches strace to every thread of this JVM, runs {@code action}, detaches, and counts the calls made
     * meanwhile, by any thread. strace's messages go to a file, which is only stat-ed while strace is attached (its
     * first message says it has attached, or why not), so that watching it adds no traced calls.
     */
    static SyscallCensus ofThisProcess(CopyTiming.Action action) throws IOException {
        Path summary = Files.createTempFile("p7-strace", ".txt");
        Path messages = Files.createTempFile("p7-strace", ".log");
        try {
            Process strace = new ProcessBuilder("strace", "-f", "-c", "-o", summary.toString(), "-e",
                    "trace=" + TRACED, "-p", Long.toString(ProcessHandle.current().pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(messages.toFile()).start();
            try {
                awaitFirstMessage(strace, messages);
                action.run();
            } finally {
                strace.destroy(); // SIGTERM: strace detaches and writes its summary
                waitFor(strace);
            }
            String said = Files.readString(messages);
            if (!said.contains(" attached")) {
                throw new IOException("strace could not attach to this JVM: " + said.strip());
            }
            return parse(Files.readString(summary));
        } finally {
            Files.deleteIfExists(summary);
            Files.deleteIfExists(messages);
        }
    }

    private static void awaitFirstMessage(Process strace, Path messages) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(messages) == 0) {
            if (!strace.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("strace said nothing and " + (strace.isAlive() ? "hangs" : "exited"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while strace attached", e);
            }
        }
    }

    /**
     * Parses the table of {@code strace -c}: rows of "% time, seconds, usecs/call, calls, [errors,] syscall" between
     * dashed lines; the header and the total row are skipped.
     */
    static SyscallCensus parse(String summary) {
        Map<String, Calls> counts = new LinkedHashMap<>();
        for (String line : summary.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if ((f.length != 5 && f.length != 6) || !f[0].matches("[0-9.]+") || f[f.length - 1].equals("total")) {
                continue;
            }
            counts.put(f[f.length - 1], new Calls(Long.parseLong(f[3]), f.length == 6 ? Long.parseLong(f[4]) : 0));
        }
        return new SyscallCensus(counts.entrySet().stream()
                .sorted(Map.Entry.<String, Calls>comparingByValue(Comparator.comparingLong(Calls::calls)).reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
    }

    /** For a table cell: {@code copy_file_range × 129, ioctl × 1 (1 failed)}, most called first. */
    String describe() {
        if (counts.isEmpty()) {
            return "none of: " + TRACED.replace(",", ", ");
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue().calls()
                        + (e.getValue().errors() > 0 ? " (" + e.getValue().errors() + " failed)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("strace did not finish within 60 s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while strace ran", e);
        }
    }
}
