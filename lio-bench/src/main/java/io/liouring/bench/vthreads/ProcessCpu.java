package io.liouring.bench.vthreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's CPU time (utime + stime of {@code /proc/self/stat}, all threads, in seconds). */
final class ProcessCpu {
    private ProcessCpu() {
    }

    static double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14, stime field 15
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
