package io.liouring.bench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the results were measured on: CPU, kernel, JDK, CPU affinity, and the disk under the test file
 * ({@code findmnt}, {@code lsblk}, the block driver). Whatever cannot be found reads "unknown".
 */
record Machine(String cpu, int cpus, boolean virtualized, String kernel, String jdk, String affinity, String mount,
               String disk) {

    static Machine describe(Path file) {
        List<String> cpuinfo = lines("/proc/cpuinfo");
        String cpu = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        int cpus = (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        boolean virtualized = cpuinfo.stream().anyMatch(l -> l.startsWith("flags") && l.contains(" hypervisor"));
        String affinity = lines("/proc/self/status").stream().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String jdk = System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.name", "") + " "
                + Runtime.version();
        String mount = run("findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "-T", file.toAbsolutePath().toString());
        String source = mount.isEmpty() ? "" : mount.split("\\s+")[0];
        String disk = "unknown";
        if (source.startsWith("/dev/")) {
            String lsblk = run("lsblk", "-d", "-n", "-o", "NAME,SIZE,TYPE,ROTA,MODEL,SCHED", source).replaceAll("\\s+", " ");
            String driver = "unknown";
            try {
                Path link = Path.of("/sys/class/block", Path.of(source).getFileName().toString(), "device", "driver");
                driver = Files.readSymbolicLink(link).getFileName().toString();
            } catch (IOException | UnsupportedOperationException e) {
                // no driver link: a partition or a virtual device; keep "unknown"
            }
            disk = "lsblk NAME,SIZE,TYPE,ROTA,MODEL,SCHED: " + lsblk + "; driver " + driver;
        }
        return new Machine(cpu, cpus, virtualized, read("/proc/sys/kernel/osrelease"), jdk, affinity,
                mount.isEmpty() ? "unknown" : mount.replaceAll("\\s+", " "), disk);
    }

    String summary() {
        return "Machine: " + cpu + " (" + cpus + " CPUs" + (virtualized ? ", virtual machine" : "") + "), run on CPUs "
                + affinity + "; kernel " + kernel + "; JDK " + jdk + "  \nDisk under the test file: " + mount + " — "
                + disk;
    }

    void writeTo(Json.Writer j) {
        j.open('{');
        j.key("cpu").string(cpu);
        j.key("cpus").number(cpus);
        j.key("virtualMachine").bool(virtualized);
        j.key("affinity").string(affinity);
        j.key("kernel").string(kernel);
        j.key("jdk").string(jdk);
        j.key("mount").string(mount);
        j.key("disk").string(disk);
        j.close('}');
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

    /** The trimmed output of a command, or "" if it cannot be run or fails. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
