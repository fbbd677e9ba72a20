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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark P5 on one target: creates the data file if it is missing (random bytes, so no file system or device
 * can shortcut the reads; a block device is read as it is), then runs {@link VirtualThreadReads} once per side and
 * round, the sides interleaved, each in a fresh JVM (so one side's extra carriers cannot linger into the other's
 * count), prints the table (medians with the rounds' range) with the ratio lio ÷ FileChannel, and writes
 * {@code NAME.json} and {@code NAME.md}. Options: {@code --java PATH} and {@code --classpath CP} (of the child JVMs;
 * this JVM's by default), {@code --file PATH} (a file or a block device), {@code --size-mib N}, {@code --direct
 * BOOL} (O_DIRECT, default true; false reads through the page cache), {@code --variant NAME} (names the target in
 * the report; default {@code disk}), {@code --target TEXT} (describes it), {@code --name NAME} (of the output files,
 * default {@code p5}), {@code --threads N}, {@code --warmup S}, {@code --duration S}, {@code --rounds N},
 * {@code --loops N} (lio-uring's event loops, default 1), {@code --entries N} (ring size; 0: the EventLoop's
 * default), {@code --max-requests N} (each loop's bound on outstanding requests; 0: its default), {@code --out DIR}, {@code --command TEXT},
 * {@code --child-jvm-arg ARG} (repeatable), {@code --fio PATH} ({@code none} to skip the reference), {@code --fio-depth N}.
 */
public final class P5Runner {
    private static final List<String> MODES = List.of("lio", "filechannel");

    private final ChildJvm children;
    private final Path file;
    private final long sizeMib;
    private final boolean direct;
    private final String variant;
    private final String target;
    private final String name;
    private final int threads;
    private final double warmup;
    private final double duration;
    private final int rounds;
    private final int entries;
    private final int maxRequests;
    private final int loops;
    private final Path out;
    private final String command;
    /** fio, as a reference for what the device gives. */
    private final FioReference fio;
    private final Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();

    private P5Runner(Options o) {
        children = new ChildJvm(o);
        file = o.path("file", "bench-results/p5-random-1g.bin");
        sizeMib = o.positiveLong("size-mib", 1024);
        direct = o.bool("direct", true);
        variant = o.string("variant", "disk");
        target = o.string("target", "");
        name = o.string("name", "p5");
        threads = o.positiveInt("threads", 10_000);
        warmup = o.nonNegativeDouble("warmup", 3);
        duration = o.positiveDouble("duration", 10);
        rounds = o.positiveInt("rounds", 1);
        entries = o.nonNegativeInt("entries", 0);
        maxRequests = o.nonNegativeInt("max-requests", 0);
        loops = o.positiveInt("loops", 1);
        out = o.path("out", "bench-results");
        command = o.string("command", "");
        fio = new FioReference(o);
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>(ChildJvm.OPTIONS);
        names.addAll(FioReference.OPTIONS);
        names.addAll(List.of("file", "size-mib", "direct", "variant", "target", "name", "threads", "warmup", "duration", "rounds", "entries", "max-requests", "loops", "out",
                "command"));
        new P5Runner(Options.parse(args, names.toArray(String[]::new))).run();
    }

    private void run() throws Exception {
        Machine machine = Machine.describe();
        Files.createDirectories(out);
        if (!ReadSpan.isBlockDevice(file)) {
            RandomFile.ensure(file, sizeMib << 20);
        }
        String fs = target.isEmpty() ? fileSystem(file) : target;
        System.out.printf("P5 virtual threads (%s): %d virtual threads, %s 4 KiB random reads of %s (%d MiB, %s);"
                + " warm-up %.0f s, measured %.0f s; %d round(s)%n", variant, threads, access(), file,
                ReadSpan.of(file) >> 20, fs, warmup, duration, rounds);
        for (int round = 1; round <= rounds; round++) {
            for (String mode : MODES) {
                Map<String, Object> r = runChild(mode);
                samples.computeIfAbsent(mode, k -> new ArrayList<>()).add(r);
                System.out.printf("  round %d %-12s %,10.0f reads/s  p50 %8.1f  p99 %8.1f us  CPU %6.2f us/read (I/O threads %5.2f)"
                                + "  peak OS threads %4.0f (I/O %4.0f: carriers %.0f, loops %.0f, io-wq %.0f)  errors %.0f%n",
                        round, mode, d(r, "reads_per_s"), d(r, "p50_us"), d(r, "p99_us"), d(r, "cpu_us_per_read"),
                        d(r, "io_cpu_us_per_read"), d(r, "peak_os_threads"), d(r, "peak_io_threads"), d(r, "peak_carrier"), d(r, "peak_loop"),
                        d(r, "peak_io_wq"), d(r, "errors"));
            }
            if (fio.enabled()) {
                Map<String, Object> f = fio.run(file, direct, warmup, duration);
                if (f != null) {
                    samples.computeIfAbsent("fio", k -> new ArrayList<>()).add(f);
                    System.out.printf("  round %d %-12s %,10.0f reads/s  p50 %8.1f  p99 %8.1f us  (device reference: %s)%n",
                            round, "fio", d(f, "reads_per_s"), d(f, "p50_us"), d(f, "p99_us"), fio.label());
                }
            }
        }
        report(machine, fs);
    }

    private String access() {
        return direct ? "O_DIRECT" : "buffered (page cache)";
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
                Integer.toString(threads), "--warmup", Double.toString(warmup), "--duration", Double.toString(duration), "--direct", Boolean.toString(direct)));
        if (entries > 0) {
            args.addAll(List.of("--entries", Integer.toString(entries)));
        }
        if (maxRequests > 0) {
            args.addAll(List.of("--max-requests", Integer.toString(maxRequests)));
        }
        args.addAll(List.of("--loops", Integer.toString(loops)));
        return children.run(List.of(), VirtualThreadReads.class, args, warmup + duration, mode);
    }

    private static double d(Map<String, Object> m, String key) {
        return Json.numberOrNaN(m, key);
    }

    private double[] values(String mode, String metric) {
        return samples.get(mode).stream().mapToDouble(m -> d(m, metric)).toArray();
    }

    private double median(String mode, String metric) {
        return Stats.median(values(mode, metric));
    }

    /** lio's value ÷ FileChannel's, round by round. */
    private double[] roundRatios(String metric) {
        double[] lio = values("lio", metric);
        double[] fc = values("filechannel", metric);
        double[] r = new double[Math.min(lio.length, fc.length)];
        for (int i = 0; i < r.length; i++) {
            r[i] = lio[i] / fc[i];
        }
        return r;
    }

    private static final String[] METRICS = {"reads_per_s", "mib_per_s", "p50_us", "p99_us", "p999_us",
            "cpu_us_per_read", "io_cpu_us_per_read", "cpu_s_carrier", "cpu_s_loop", "cpu_s_io_wq", "cpu_s_other",
            "peak_os_threads", "peak_io_threads", "peak_carrier", "peak_loop", "peak_io_wq",
            "peak_sqpoll", "peak_other", "threads_before", "errors"};

    private void report(Machine machine, String fs) throws IOException {
        Table t = new Table("side", "reads/s (min–max)", "MiB/s", "p50 µs", "p99 µs", "p99.9 µs",
                "CPU µs/read (min–max)", "I/O-thread CPU µs/read (min–max)", "peak OS threads", "peak I/O threads", "carriers", "loop threads",
                "io-wq workers", "errors");
        String[] labels = {"lio-uring AsyncFile.read", direct ? "FileChannel.read (DIRECT)" : "FileChannel.read"};
        Map<String, Object> medians = new LinkedHashMap<>();
        for (int i = 0; i < MODES.size(); i++) {
            String m = MODES.get(i);
            t.row(labels[i], Table.spread(values(m, "reads_per_s")), Table.num(median(m, "mib_per_s")),
                    Table.num(median(m, "p50_us")), Table.num(median(m, "p99_us")), Table.num(median(m, "p999_us")),
                    Table.spread(values(m, "cpu_us_per_read")), Table.spread(values(m, "io_cpu_us_per_read")),
                    Table.num(median(m, "peak_os_threads")),
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
            t.row(fio.label() + " (reference)", Table.spread(values("fio", "reads_per_s")),
                    Table.num(median("fio", "reads_per_s") * 4096 / (1 << 20)), Table.num(median("fio", "p50_us")),
                    Table.num(median("fio", "p99_us")), Table.num(median("fio", "p999_us")), n, n, n, n, n, n, n, n);
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("reads_per_s", median("fio", "reads_per_s"));
            fm.put("p50_us", median("fio", "p50_us"));
            fm.put("p99_us", median("fio", "p99_us"));
            medians.put("fio", fm);
        }
        double[] thrRounds = roundRatios("reads_per_s");
        double thr = Stats.median(thrRounds);
        double p99 = median("lio", "p99_us") / median("filechannel", "p99_us");
        double[] cpuRounds = roundRatios("cpu_us_per_read");
        double cpu = Stats.median(cpuRounds);
        double[] ioCpuRounds = roundRatios("io_cpu_us_per_read");
        double ioThreads = median("lio", "peak_io_threads");
        Table ratios = new Table("lio-uring ÷ FileChannel", "reads/s, per round (min–max)", "p99",
                "CPU/read, per round (min–max)", "I/O-thread CPU/read, per round (min–max)", "peak OS threads");
        ratios.row("ratio", spreadOfRatios(thrRounds), Table.ratio(p99), spreadOfRatios(cpuRounds),
                spreadOfRatios(ioCpuRounds),
                Table.ratio(median("lio", "peak_os_threads") / median("filechannel", "peak_os_threads")));

        String settings = String.format("Variant %s. %d virtual threads, each one 4 KiB %s read at a time at random"
                        + " 4 KiB-aligned offsets of %s (%d MiB of random bytes; %s); warm-up %.0f s, measured %.0f s;"
                        + " each side in its own JVM (not pinned), the sides interleaved round by round; %d round(s),"
                        + " medians shown with the rounds' range. lio-uring: %d EventLoop(s) (ring of %s entries),"
                        + " blocking AsyncFile.read. FileChannel: %s. OS threads are counted in /proc/self/task every"
                        + " 50 ms (io_uring's io-wq workers live there too; the census's own CPU is left out of CPU/read;"
                        + " kernel threads outside the process, such as a loop device's workers, are in neither side's"
                        + " CPU); I/O threads = carriers + loop threads + io-wq + SQPOLL threads, and I/O-thread CPU is"
                        + " theirs alone (from /proc/self/task/*/schedstat; without JIT, GC and the census). Each lio-uring"
                        + " loop's bound on outstanding requests: %s. Child JVM options: %s.",
                variant, threads, access(), file, ReadSpan.of(file) >> 20, fs, warmup, duration, rounds, loops,
                entries > 0 ? entries : "256 (default)",
                direct ? "ExtendedOpenOption.DIRECT" : "no DIRECT (page cache)",
                maxRequests > 0 ? maxRequests : "65536 (default)", String.join(" ", children.jvmArgs));
        StringBuilder md = new StringBuilder();
        md.append(t.markdown()).append('\n');
        md.append(ratios.markdown()).append('\n');
        if (haveFio) {
            md.append(String.format("Against fio (%s, %s, same target): lio-uring %.0f %%,"
                            + " FileChannel %.0f %% of its rate.%n%n", fio.label(), access(),
                    100 * median("lio", "reads_per_s") / median("fio", "reads_per_s"),
                    100 * median("filechannel", "reads_per_s") / median("fio", "reads_per_s")));
        }
        md.append(String.format("Goal (≥ 3× throughput with ≤ 4 OS threads doing the I/O), %s: throughput %.2f× (%s),"
                        + " peak I/O threads %.0f (%s).%n", variant, thr, thr >= 3 ? "met" : "missed", ioThreads,
                ioThreads <= 4 ? "met" : "missed"));
        new Report("P5 — virtual threads, " + access() + " random reads, " + variant, machine, command, settings)
                .markdown(md.toString())
                .json("variant", variant)
                .json("direct", direct)
                .json("target", fs)
                .json("medians", medians)
                .json("throughput_ratio", thr)
                .json("throughput_ratio_rounds", Arrays.stream(thrRounds).boxed().toList())
                .json("p99_ratio", p99)
                .json("cpu_per_read_ratio", cpu)
                .json("cpu_per_read_ratio_rounds", Arrays.stream(cpuRounds).boxed().toList())
                .json("io_cpu_per_read_ratio_rounds", Arrays.stream(ioCpuRounds).boxed().toList())
                .json("rounds", samples)
                .write(out, name);
    }

    private static String spreadOfRatios(double[] r) {
        if (r.length == 0) {
            return "n/a";
        }
        return Table.ratio(Stats.median(r)) + " (" + Table.ratio(Arrays.stream(r).min().orElseThrow()) + "–"
                + Table.ratio(Arrays.stream(r).max().orElseThrow()) + ")";
    }
}
