package io.liouring.bench.vthreads;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.RandomFile;
import io.liouring.bench.harness.Report;
import io.liouring.bench.harness.Stats;
import io.liouring.bench.harness.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark P5: creates the data file if it is missing (random bytes, so no file system or device can
 * shortcut the reads), then runs {@link VirtualThreadReads} once per side and round, each in a fresh JVM (so one
 * side's extra carriers cannot linger into the other's count), prints the table with the ratio lio ÷ FileChannel,
 * and writes {@code p5.json} and {@code p5.md}. Options: {@code --java PATH} and {@code --classpath CP} (of the
 * child JVMs; this JVM's by default), {@code --file PATH}, {@code --size-mib N}, {@code --threads N},
 * {@code --warmup S}, {@code --duration S}, {@code --rounds N}, {@code --entries N} (ring size; 0: the EventLoop's
 * default), {@code --out DIR}, {@code --command TEXT}, {@code --child-jvm-arg ARG} (repeatable), {@code --fio PATH}
 * ({@code none} to skip the device reference), {@code --fio-depth N}.
 */
public final class P5Runner {
    private static final List<String> MODES = List.of("lio", "filechannel");

    private final ChildJvm children;
    private final Path file;
    private final long sizeMib;
    private final int threads;
    private final double warmup;
    private final double duration;
    private final int rounds;
    private final int entries;
    private final Path out;
    private final String command;
    /** fio, as a reference for what the device gives. */
    private final FioReference fio;
    private final Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();

    private P5Runner(Options o) {
        children = new ChildJvm(o);
        file = o.path("file", "bench-results/p5-random-1g.bin");
        sizeMib = o.positiveLong("size-mib", 1024);
        threads = o.positiveInt("threads", 10_000);
        warmup = o.nonNegativeDouble("warmup", 3);
        duration = o.positiveDouble("duration", 10);
        rounds = o.positiveInt("rounds", 1);
        entries = o.nonNegativeInt("entries", 0);
        out = o.path("out", "bench-results");
        command = o.string("command", "");
        fio = new FioReference(o);
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>(ChildJvm.OPTIONS);
        names.addAll(FioReference.OPTIONS);
        names.addAll(List.of("file", "size-mib", "threads", "warmup", "duration", "rounds", "entries", "out", "command"));
        new P5Runner(Options.parse(args, names.toArray(String[]::new))).run();
    }

    private void run() throws Exception {
        Machine machine = Machine.describe();
        Files.createDirectories(out);
        RandomFile.ensure(file, sizeMib << 20);
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
            if (fio.enabled()) {
                Map<String, Object> f = fio.run(file, warmup, duration);
                if (f != null) {
                    samples.computeIfAbsent("fio", k -> new ArrayList<>()).add(f);
                    System.out.printf("  round %d %-12s %,10.0f reads/s  p50 %8.1f  p99 %8.1f us  (device reference: fio io_uring,"
                            + " queue depth %d)%n", round, "fio", d(f, "reads_per_s"), d(f, "p50_us"), d(f, "p99_us"),
                            fio.depth());
                }
            }
        }
        report(machine, fs);
    }

    private static String fileSystem(Path file) {
        try {
            return Files.getFileStore(file).type() + " on " + Files.getFileStore(file).name();
        } catch (IOException e) {
            return "unknown file system";
        }
    }

    private Map<String, Object> runChild(String mode) throws Exception {
        List<String> args = new ArrayList<>(List.of("--mode", mode, "--file", file.toString(), "--threads",
                Integer.toString(threads), "--warmup", Double.toString(warmup), "--duration", Double.toString(duration)));
        if (entries > 0) {
            args.addAll(List.of("--entries", Integer.toString(entries)));
        }
        return children.run(List.of(), VirtualThreadReads.class, args, warmup + duration, mode);
    }

    private static double d(Map<String, Object> m, String key) {
        return Json.numberOrNaN(m, key);
    }

    private double median(String mode, String metric) {
        return Stats.median(samples.get(mode).stream().mapToDouble(m -> d(m, metric)).toArray());
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
            t.row("fio io_uring, depth " + fio.depth() + " (device reference)", Table.num(median("fio", "reads_per_s")),
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
                String.join(" ", children.jvmArgs));
        StringBuilder md = new StringBuilder();
        md.append(t.markdown()).append('\n');
        md.append(ratios.markdown()).append('\n');
        if (haveFio) {
            md.append(String.format("Against fio (one job, io_uring, depth %d, same file): lio-uring %.0f %%, FileChannel"
                            + " %.0f %% of its rate. A device that FileChannel's carriers (up to 256 reads in flight)"
                            + " already nearly saturate leaves no room for 3×.%n%n", fio.depth(),
                    100 * median("lio", "reads_per_s") / median("fio", "reads_per_s"),
                    100 * median("filechannel", "reads_per_s") / median("fio", "reads_per_s")));
        }
        md.append(String.format("Goal (≥ 3× throughput with ≤ 4 OS threads doing the I/O): throughput %.2f× (%s),"
                + " peak I/O threads %.0f (%s).%n", thr, thr >= 3 ? "met" : "missed", ioThreads, ioThreads <= 4 ? "met" : "missed"));
        new Report("P5 — virtual threads, O_DIRECT random reads", machine, command, settings)
                .markdown(md.toString())
                .json("medians", medians)
                .json("throughput_ratio", thr)
                .json("p99_ratio", p99)
                .json("cpu_per_read_ratio", cpu)
                .json("rounds", samples)
                .write(out, "p5");
    }
}
