package io.liouring.bench.storage;

import io.liouring.bench.harness.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * coreutils {@code cp} for P7, run as a child process under bash's {@code time} keyword, which gives the wall-clock
 * time of {@code cp} alone (fork and exec included, bash's own start-up not) and its user + system CPU time.
 */
final class CpCopier implements FileCopier {
    /** bash prints real, user and sys seconds, to the millisecond, on the last line of its stderr. */
    private static final String TIMED_CP = "TIMEFORMAT='%3R %3U %3S'; time cp -- \"$1\" \"$2\"";

    @Override
    public String name() {
        return "cp";
    }

    @Override
    public String method() {
        String version = Commands.output("cp", "--version").lines().findFirst().orElse("cp");
        return version + ", default options (since coreutils 9.0: try a reflink, then copy_file_range, then"
                + " read/write; which of them ran is in the strace column)";
    }

    @Override
    public CopyTiming copy(Path source, Path target) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", TIMED_CP, "bash", source.toString(), target.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C"); // a decimal point in bash's times, whatever the user's locale
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.onExit().join().exitValue(); // stderr has ended: bash is exiting
        String[] times = stderr.lines().reduce((a, b) -> b).orElse("").split(" ");
        if (exit != 0 || times.length != 3) {
            throw new IOException("cp " + source + " " + target + " failed (exit " + exit + "): " + stderr);
        }
        return new CopyTiming(nanos(times[0]), nanos(times[1]) + nanos(times[2]));
    }

    @Override
    public SyscallCensus syscalls(Path source, Path target) throws IOException {
        return SyscallCensus.ofCommand(List.of("cp", "--", source.toString(), target.toString()));
    }

    private static long nanos(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1e9);
    }
}
