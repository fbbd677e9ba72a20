package io.liouring.bench.vthreads;

import io.liouring.bench.report.Json;
import io.liouring.bench.report.Machine;
import io.liouring.bench.report.Table;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs benchmark P5: creates the data file if it is missing (random bytes, so no file system or device can
 * shortcut the reads), then runs {@link VirtualThreadReads} once per side and round, each in a fresh JVM (so one
 * side's extra carriers cannot linger into the other's count), prints the table with the ratio lio ÷ FileChannel,
 * and writes {@code p5.json} and {@code p5.md}.
 */
public final class P5Runner {
    private static final List<String> MODES = List.of("lio", "filechannel");

    private String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private String classpath = System.getProperty("java.class.path");
    private Path file = Path.of("bench-results/p5-random-1g.bin");
    private long sizeMib = 1024;
    private int threads = 10_000;
    private double warmup = 3;
    private double duration = 10;
    private int rounds = 1;
    private int entries = 0;
    private Path out = Path.of("bench-results");
    private String command = "";
    /** fio, as a reference for what the device gives (io_uring engine, queue depth {@link #fioDepth}); {@code none} to skip. */
    private String fio = "fio";
    private int fioDepth = 1024;
    private final List<String> childJvmArgs = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        P5Runner r = new P5Runner();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String v = args[++i];
            switch (args[i - 1]) {
                case "--java" -> r.javaBin = v;
                case "--classpath" -> r.classpath = v;
                case "--file" -> r.file = Path.of(v);
                case "--size-mib" -> r.sizeMib = Long.parseLong(v);
                case "--threads" -> r.threads = Integer.parseInt(v);
                case "--warmup" -> r.warmup = Double.parseDouble(v);
                case "--duration" -> r.duration = Double.parseDouble(v);
                case "--rounds" -> r.rounds = Integer.parseInt(v);
                case "--entries" -> r.entries = Integer.parseInt(v);
                case "--out" -> r.out = Path.of(v);
                case "--command" -> r.command = v;
                case "--child-jvm-arg" -> r.childJvmArgs.add(v);
                case "--fio" -> r.fio = v;
                case "--fio-depth" -> r.fioDepth = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        r.run();
    }

    private void run() throws Exception {
        Machine machine = Machine.describe();
        Files.createDirectories(out);
        ensureFile();
        String fs = fileSystem(file);
        System.out.printf("P5 virtual threads: %d virtual threads, O_DIRECT 4 KiB random reads of %s (%d MiB, %s);"
                + " warm-up %.0f s, measured %.0f s; %d round(s)%n", threads, file, Files.size(file) >> 20, fs, warmup,
                duration, rounds);
        for (int round = 1; round <= rounds; round++) {
            for (String mode : MODES) {
                Map<String, Object> r = runChild(mode);
                samples.computeIfAbsent(mode, k -> new ArrayList<>()).add(r);
                System.out.printf("  round %d %-12s %,10.0f reads/s  p50 %8.1f  p99 %8.1f us  CPU %6.2f us/read"
                                + "  peak OS threads %4.0f (I/O %4.0f: carriers %.0f, loops %.0f, io-wq %.0f)  errors %.0f%n",
                        round, mode, d(r, "reads_per_s"), d(r, "p50_us"), d(r, "p99_us"), d(r, "cpu_us_per_read"),
                        d(r, "peak_os_threads"), d(r, "peak_io_threads"), d(r, "peak_carrier"), d(r, "peak_loop"),
                        d(r, "peak_io_wq"), d(r, "errors"));
            }
            if (!fio.equals("none")) {
                Map<String, Object> f = runFio();
                if (f != null) {
                    samples.computeIfAbsent("fio", k -> new ArrayList<>()).add(f);
                    System.out.printf("  round %d %-12s %,10.0f reads/s  p50 %8.1f  p99 %8.1f us  (device reference: fio io_uring,"
                            + " queue depth %d)%n", round, "fio", d(f, "reads_per_s"), d(f, "p50_us"), d(f, "p99_us"), fioDepth);
                }
            }
        }
        report(machine, fs);
    }

    private void ensureFile() throws IOException {
        long size = sizeMib << 20;
        if (Files.exists(file) && Files.size(file) == size) {
            return;
        }
        System.out.printf("creating %s: %d MiB of random bytes%n", file, sizeMib);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        SplittableRandom random = new SplittableRandom(5);
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; done += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    chunk.putLong(random.nextLong());
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String fileSystem(Path file) {
        try {
            return Files.getFileStore(file).type() + " on " + Files.getFileStore(file).name();
        } catch (IOException e) {
            return "unknown file system";
        }
    }

    private Map<String, Object> runChild(String mode) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(childJvmArgs);
        cmd.addAll(List.of("-cp", classpath, VirtualThreadReads.class.getName(), "--mode", mode, "--file",
                file.toString(), "--threads", Integer.toString(threads), "--warmup", Double.toString(warmup),
                "--duration", Double.toString(duration)));
        if (entries > 0) {
            cmd.addAll(List.of("--entries", Integer.toString(entries)));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(Math.round(warmup + duration) + 120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(mode + " failed: " + output);
        }
        return Json.readFlat(output.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** A reference for what the device gives these reads: fio's io_uring engine at a deep queue, same file, same duration. */
    private Map<String, Object> runFio() throws Exception {
        List<String> cmd = List.of(fio, "--name=p5-reference", "--filename=" + file, "--direct=1", "--rw=randread",
                "--bs=4k", "--ioengine=io_uring", "--iodepth=" + fioDepth, "--invalidate=0", "--time_based",
                "--ramp_time=" + Math.round(warmup), "--runtime=" + Math.round(duration), "--output-format=json");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.out.println("  fio not run (" + e.getMessage() + "); install it for the device reference, or pass --fio none");
            fio = "none";
            return null;
        }
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(Math.round(warmup + duration) + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            System.out.println("  fio failed: " + json);
            return null;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "fio");
        r.put("iodepth", fioDepth);
        r.put("reads_per_s", number(json, "\"iops\""));
        r.put("p50_us", number(json, "\"50.000000\"") / 1e3);
        r.put("p99_us", number(json, "\"99.000000\"") / 1e3);
        r.put("p999_us", number(json, "\"99.900000\"") / 1e3);
        return r;
    }

    /** The first number after {@code key} in fio's JSON (the read section comes first; clat before lat percentiles). */
    private static double number(String json, String key) {
        int i = json.indexOf(key);
        if (i < 0) {
            return Double.NaN;
        }
        int start = json.indexOf(':', i) + 1;
        int end = start;
        while (end < json.length() && ",}\n".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return Double.parseDouble(json.substring(start, end).trim());
    }

    private static double d(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private double median(String mode, String metric) {
        double[] v = samples.get(mode).stream().mapToDouble(m -> d(m, metric)).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static final String[] METRICS = {"reads_per_s", "mib_per_s", "p50_us", "p99_us", "p999_us",
            "cpu_us_per_read", "peak_os_threads", "peak_io_threads", "peak_carrier", "peak_loop", "peak_io_wq",
            "peak_sqpoll", "peak_other", "threads_before", "errors"};

    private void report(Machine machine, String fs) throws IOException {
        Table t = new Table("side", "reads/s", "MiB/s", "p50 µs", "p99 µs", "p99.9 µs", "CPU µs/read",
                "peak OS threads", "peak I/O threads", "carriers", "loop threads", "io-wq workers", "errors");
        String[] labels = {"lio-uring AsyncFile.read", "FileChannel.read (DIRECT)"};
        Map<String, Object> medians = new LinkedHashMap<>();
        for (int i = 0; i < MODES.size(); i++) {
            String m = MODES.get(i);
            t.row(labels[i], Table.num(median(m, "reads_per_s")), Table.num(median(m, "mib_per_s")),
                    Table.num(median(m, "p50_us")), Table.num(median(m, "p99_us")), Table.num(median(m, "p999_us")),
                    Table.num(median(m, "cpu_us_per_read")), Table.num(median(m, "peak_os_threads")),
                    Table.num(median(m, "peak_io_threads")), Table.num(median(m, "peak_carrier")),
                    Table.num(median(m, "peak_loop")), Table.num(median(m, "peak_io_wq")), Table.num(median(m, "errors")));
            Map<String, Object> mm = new LinkedHashMap<>();
            for (String metric : METRICS) {
                mm.put(metric, median(m, metric));
            }
            medians.put(m, mm);
        }
        boolean haveFio = samples.containsKey("fio");
        if (haveFio) {
            String n = "n/a";
            t.row("fio io_uring, depth " + fioDepth + " (device reference)", Table.num(median("fio", "reads_per_s")),
                    Table.num(median("fio", "reads_per_s") * 4096 / (1 << 20)), Table.num(median("fio", "p50_us")),
                    Table.num(median("fio", "p99_us")), Table.num(median("fio", "p999_us")), n, n, n, n, n, n, n);
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("reads_per_s", median("fio", "reads_per_s"));
            fm.put("p50_us", median("fio", "p50_us"));
            fm.put("p99_us", median("fio", "p99_us"));
            medians.put("fio", fm);
        }
        double thr = median("lio", "reads_per_s") / median("filechannel", "reads_per_s");
        double p99 = median("lio", "p99_us") / median("filechannel", "p99_us");
        double cpu = median("lio", "cpu_us_per_read") / median("filechannel", "cpu_us_per_read");
        double ioThreads = median("lio", "peak_io_threads");
        Table ratios = new Table("lio-uring ÷ FileChannel", "reads/s", "p99", "CPU/read", "peak OS threads");
        ratios.row("ratio", Table.ratio(thr), Table.ratio(p99), Table.ratio(cpu),
                Table.ratio(median("lio", "peak_os_threads") / median("filechannel", "peak_os_threads")));

        String settings = String.format("%d virtual threads, each one 4 KiB O_DIRECT read at a time at random 4 KiB-aligned"
                        + " offsets of a %d MiB file of random bytes (%s); warm-up %.0f s, measured %.0f s; each side in"
                        + " its own JVM (not pinned); %d round(s), medians shown. lio-uring: one EventLoop (ring of %s"
                        + " entries), blocking AsyncFile.read. FileChannel: ExtendedOpenOption.DIRECT. OS threads are"
                        + " counted in /proc/self/task every 50 ms (io_uring's io-wq workers live there too; the census's own CPU is left"
                        + " out of CPU/read); I/O threads"
                        + " = carriers + loop threads + io-wq + SQPOLL threads. Child JVM options: %s.", threads,
                Files.size(file) >> 20, fs, warmup, duration, rounds, entries > 0 ? entries : "256 (default)",
                String.join(" ", childJvmArgs));
        StringBuilder md = new StringBuilder();
        md.append("### P5 — virtual threads, O_DIRECT random reads\n\n");
        md.append(machine.markdown()).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append(settings).append("\n\n");
        md.append(t.markdown()).append('\n');
        md.append(ratios.markdown()).append('\n');
        if (haveFio) {
            md.append(String.format("Against fio (one job, io_uring, depth %d, same file): lio-uring %.0f %%, FileChannel"
                            + " %.0f %% of its rate. A device that FileChannel's carriers (up to 256 reads in flight)"
                            + " already nearly saturate leaves no room for 3×.%n%n", fioDepth,
                    100 * median("lio", "reads_per_s") / median("fio", "reads_per_s"),
                    100 * median("filechannel", "reads_per_s") / median("fio", "reads_per_s")));
        }
        md.append(String.format("Goal (≥ 3× throughput with ≤ 4 OS threads doing the I/O): throughput %.2f× (%s),"
                + " peak I/O threads %.0f (%s).%n", thr, thr >= 3 ? "met" : "missed", ioThreads, ioThreads <= 4 ? "met" : "missed"));
        System.out.println();
        System.out.print(md);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "P5 virtual threads, O_DIRECT random reads");
        json.put("machine", machine.toJson());
        json.put("command", command);
        json.put("settings", settings);
        json.put("medians", medians);
        json.put("throughput_ratio", thr);
        json.put("p99_ratio", p99);
        json.put("cpu_per_read_ratio", cpu);
        json.put("rounds", samples);
        Files.writeString(out.resolve("p5.json"), Json.write(json));
        Files.writeString(out.resolve("p5.md"), md);
        System.out.println("wrote " + out.resolve("p5.json") + " and " + out.resolve("p5.md"));
    }
}
