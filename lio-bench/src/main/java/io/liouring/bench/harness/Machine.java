package io.liouring.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark ran on: CPU model and count, whether it is a virtual machine, the CPUs this process may run on
 * (what {@code taskset} set), kernel, JDK, the load average when it started and, for benchmarks of a file, the disk
 * under it ({@code findmnt}, {@code lsblk}, the block driver). Whatever cannot be found reads "unknown".
 *
 * @param mount what {@code findmnt} says of the file's file system; empty when no file was described
 * @param disk  the block device under it; empty when no file was described
 */
public record Machine(String cpu, int cpus, boolean virtualized, String affinity, String kernel, String jdk,
                      String loadAverage, String mount, String disk) {

    /** The machine, without a disk. */
    public static Machine describe() {
        return describe(null);
    }

    /** The machine and the disk under {@code file} (none when {@code file} is null). */
    public static Machine describe(Path file) {
        List<String> cpuinfo = lines("/proc/cpuinfo");
        String cpu = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(Machine::valueAfterColon).orElse("unknown");
        boolean virtualized = cpuinfo.stream().anyMatch(l -> l.startsWith("flags") && l.contains(" hypervisor"));
        String affinity = lines("/proc/self/status").stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .findFirst().map(Machine::valueAfterColon).orElse("unknown");
        String jdk = System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.name", "") + " "
                + Runtime.version();
        String mount = "";
        String disk = "";
        if (file != null) {
            mount = Commands.output("findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "-T", file.toAbsolutePath().toString())
                    .replaceAll("\\s+", " ");
            disk = disk(mount.isEmpty() ? "" : mount.split(" ")[0]);
            mount = mount.isEmpty() ? "unknown" : mount;
        }
        return new Machine(cpu, onlineCpus(), virtualized, affinity, read("/proc/sys/kernel/osrelease"), jdk,
                currentLoadAverage(), mount, disk);
    }

    /** The 1, 5 and 15 minute load averages now ({@code /proc/loadavg}), or "unknown". */
    public static String currentLoadAverage() {
        String[] f = read("/proc/loadavg").split("\\s+");
        return f.length < 3 ? "unknown" : f[0] + ", " + f[1] + ", " + f[2];
    }

    /** One Markdown paragraph naming the machine (and the disk, when described). */
    public String markdown() {
        return "Machine: " + cpu + " (" + cpus + " CPUs" + (virtualized ? ", virtual machine" : "") + "), run on CPUs "
                + affinity + "; kernel " + kernel + "; JDK " + jdk + "; load average at start (1, 5, 15 min): "
                + loadAverage + "." + (mount.isEmpty() ? "" : "  \nDisk under the test file: " + mount + " — " + disk);
    }

    /** The same as a JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cpus", cpus);
        m.put("virtualMachine", virtualized);
        m.put("affinity", affinity);
        m.put("kernel", kernel);
        m.put("jdk", jdk);
        m.put("loadAverageAtStart", loadAverage);
        if (!mount.isEmpty()) {
            m.put("mount", mount);
            m.put("disk", disk);
        }
        return m;
    }

    /** The CPUs online ({@code /sys/devices/system/cpu/online}), whatever this process is pinned to. */
    private static int onlineCpus() {
        int count = 0;
        for (String range : read("/sys/devices/system/cpu/online").split(",")) {
            String[] ends = range.trim().split("-");
            if (ends[0].matches("\\d+")) {
                count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
        }
        return count > 0 ? count : Runtime.getRuntime().availableProcessors();
    }

    /** {@code lsblk}'s view of a block device and its driver, or "unknown" for anything but {@code /dev/...}. */
    private static String disk(String source) {
        if (!source.startsWith("/dev/")) {
            return "unknown";
        }
        String lsblk = Commands.output("lsblk", "-d", "-n", "-o", "NAME,SIZE,TYPE,ROTA,MODEL,SCHED", source)
                .replaceAll("\\s+", " ");
        String driver = "unknown";
        try {
            Path link = Path.of("/sys/class/block", Path.of(source).getFileName().toString(), "device", "driver");
            driver = Files.readSymbolicLink(link).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            // no driver link: a partition or a virtual device; keep "unknown"
        }
        return "lsblk NAME,SIZE,TYPE,ROTA,MODEL,SCHED: " + lsblk + "; driver " + driver;
    }

    private static String valueAfterColon(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
