package io.liouring.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a benchmark ran on: CPU model, cores, kernel, JDK, and the load when it started. */
public record Machine(String cpu, int cpus, String kernel, String jdk, String loadAverage) {

    public static Machine describe() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), read("/proc/sys/kernel/osrelease"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                read("/proc/loadavg"));
    }

    /** The CPUs online on the machine, whatever this process is pinned to. */
    public static int onlineCpus() {
        String online = read("/sys/devices/system/cpu/online");
        int count = 0;
        for (String range : online.split(",")) {
            if (range.isBlank()) {
                continue;
            }
            String[] ends = range.split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1].trim()) - Integer.parseInt(ends[0].trim()) + 1;
        }
        return count > 0 ? count : Runtime.getRuntime().availableProcessors();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux enough: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cpus", onlineCpus());
        m.put("kernel", kernel);
        m.put("jdk", jdk);
        m.put("load_average_at_start", loadAverage);
        return m;
    }

    /** One Markdown line naming the machine. */
    public String markdown() {
        return "Machine: " + cpu + ", " + onlineCpus() + " CPUs; Linux " + kernel + "; " + jdk
                + "; load average at start: " + loadAverage + ".";
    }
}
