package io.liouring.bench.storage;

import io.liouring.bench.harness.Commands;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.RandomFile;
import io.liouring.bench.harness.Stats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs benchmarks P2 and P3 and reports them.
 *
 * <p><b>P2, storage-bound random reads</b>: {@code --block}-byte reads with O_DIRECT at uniformly random offsets of
 * a test file on the disk. lio-uring (one ring on one thread, {@code ReadFixed} on a registered buffer and a
 * registered file) at each of {@code --depths}, fio's io_uring engine with the same settings at the same depths,
 * {@code FileChannel} ({@code ExtendedOpenOption.DIRECT}) on each of {@code --channel-threads} threads, and
 * {@code AsynchronousFileChannel} at each of {@code --async-depths}. With {@code --ceiling} (default), also fio with 2
 * jobs at the largest depth, batched: what the device gives two submitters, to tell a device limit from ours.
 *
 * <p><b>P3, cached random reads</b>: the same reads without O_DIRECT, the file warm in the page cache:
 * {@code --p3-threads} rings (one per thread) vs as many fio jobs vs as many {@code FileChannel} threads.
 *
 * <p>All contenders run in this process's CPU affinity (fio inherits it), one after the other, in one run; with
 * several {@code --rounds} the order is reversed every other round and the figures are means over the rounds.
 * Prints the tables and writes {@code p2p3.json} and {@code p2p3.md} (a section for BENCHMARKS.md) to {@code --out}.
 * Started by {@code lio-bench/run-p2p3.sh}.
 */
public final class RandomReadBench {
    private static final String LIO = "lio-uring";
    private static final String FIO = "fio io_uring";
    private static final String CHANNEL = "FileChannel";
    private static final String ASYNC_CHANNEL = "AsynchronousFileChannel";

    private static final String[] OPTIONS = {"file", "file-mib", "block", "warmup", "duration", "rounds", "benchmarks",
            "depths", "channel-threads", "async-depths", "p3-threads", "p3-depth", "batched", "ceiling", "fio", "out",
            "command"};

    /** One contender of one benchmark, with the results of its rounds. */
    private record Series(String contender, int threads, int depth, int batch, Supplier<ReadResult> run,
                          List<ReadResult> rounds) {
        Series(String contender, int threads, int depth, int batch, Supplier<ReadResult> run) {
            this(contender, threads, depth, batch, run, new ArrayList<>());
        }

        boolean ours() {
            return contender.equals(LIO);
        }

        double iops() {
            return Stats.mean(each(ReadResult::iops));
        }

        double iopsRelStdevPercent() {
            return Stats.relStdevPercent(each(ReadResult::iops));
        }

        double p50Micros() {
            return Stats.mean(each(r -> r.p50Nanos() / 1e3));
        }

        double p99Micros() {
            return Stats.mean(each(r -> r.p99Nanos() / 1e3));
        }

        double cpuMicrosPerRead() {
            return Stats.mean(each(ReadResult::cpuMicrosPerRead));
        }

        private double[] each(java.util.function.ToDoubleFunction<ReadResult> figure) {
            return rounds.stream().mapToDouble(figure).toArray();
        }

        String threadsLabel() {
            return threads == 0 ? "pool" : Integer.toString(threads);
        }

        String name() {
            String batched = batch > 1 ? ", batch " + batch : "";
            return switch (contender) {
                case LIO -> (threads == 1 ? "lio-uring" : "lio-uring, " + threads + " rings") + ", depth " + depth + batched;
                case FIO -> (threads == 1 ? "fio" : "fio, " + threads + " jobs") + ", depth " + depth + batched;
                case CHANNEL -> "FileChannel, " + threads + (threads == 1 ? " thread" : " threads");
                case ASYNC_CHANNEL -> "AsynchronousFileChannel, depth " + depth;
                default -> contender;
            };
        }
    }

    /** A goal of the issue and whether this run met it. */
    private record Goal(String benchmark, String text, double ratio, double target) {
        boolean met() {
            return ratio >= target;
        }
    }

    private final Path file;
    private final long fileSize;
    private final int blockSize;
    private final Duration warmup;
    private final Duration duration;
    private final int rounds;
    private final List<String> benchmarks;
    private final int[] depths;
    private final int[] channelThreads;
    private final int[] asyncDepths;
    private final int p3Threads;
    private final int p3Depth;
    private final boolean batched;
    private final boolean ceiling;
    private final String fio;
    private final Path out;
    private final String command;
    private String fioVersion = "";
    private String pageCacheBeforeP3 = "";
    private String loadAtEnd = "";

    private RandomReadBench(Options o) {
        file = o.path("file", "bench-results/p2p3-data/random-1g.bin");
        fileSize = o.positiveLong("file-mib", 1024) << 20;
        blockSize = o.positiveInt("block", 4096);
        warmup = Duration.ofMillis(Math.round(o.nonNegativeDouble("warmup", 2) * 1000));
        duration = Duration.ofMillis(Math.round(o.positiveDouble("duration", 10) * 1000));
        rounds = o.positiveInt("rounds", 1);
        benchmarks = List.of(o.string("benchmarks", "p2,p3").split(","));
        for (String b : benchmarks) {
            if (!b.equals("p2") && !b.equals("p3")) {
                throw new IllegalArgumentException("--benchmarks takes p2 and/or p3: " + b);
            }
        }
        depths = ints(o, "depths", "1,32,128");
        channelThreads = ints(o, "channel-threads", "1,2,32");
        asyncDepths = ints(o, "async-depths", "32,128");
        p3Threads = o.positiveInt("p3-threads", 2);
        p3Depth = o.positiveInt("p3-depth", 32);
        batched = o.bool("batched", true);
        ceiling = o.bool("ceiling", true);
        fio = o.string("fio", "fio");
        out = o.path("out", "bench-results");
        command = o.string("command", "java " + RandomReadBench.class.getName());
    }

    private static int[] ints(Options o, String name, String fallback) {
        return o.positiveInts(name, fallback).stream().mapToInt(Integer::intValue).toArray();
    }

    public static void main(String[] args) throws IOException {
        new RandomReadBench(Options.parse(args, OPTIONS)).run();
    }

    private void run() throws IOException {
        ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        boolean withFio = !fio.equals("none");
        if (withFio) {
            fioVersion = FioReads.version(fio);
            if (fioVersion.isEmpty()) {
                throw new IllegalStateException("cannot run '" + fio + " --version'; install fio or pass --fio none");
            }
        }
        RandomFile.ensure(file, fileSize);
        Machine machine = Machine.describe(file);
        System.out.println(machine.markdown().replace("  \n", "\n"));

        warmUpJit();

        Map<String, List<Series>> results = new LinkedHashMap<>();
        if (benchmarks.contains("p2")) {
            ReadSpec spec = new ReadSpec(file, fileSize, blockSize, true, warmup, duration);
            List<Series> p2 = new ArrayList<>();
            for (int d : depths) {
                addRingAndFio(p2, spec, 1, d, withFio);
            }
            if (withFio && ceiling && depths.length > 0) {
                int d = Arrays.stream(depths).max().getAsInt();
                int b = batchFor(d);
                p2.add(new Series(FIO, 2, d, b, () -> FioReads.measure(fio, spec, 2, d, b)));
            }
            for (int t : channelThreads) {
                p2.add(new Series(CHANNEL, t, 1, 1, () -> ChannelReads.measure(spec, t)));
            }
            for (int d : asyncDepths) {
                p2.add(new Series(ASYNC_CHANNEL, 0, d, 1, () -> AsyncChannelReads.measure(spec, d)));
            }
            measureRounds("P2", p2);
            results.put("p2", p2);
        }
        if (benchmarks.contains("p3")) {
            ReadSpec spec = new ReadSpec(file, fileSize, blockSize, false, warmup, duration);
            pageCacheBeforeP3 = warmPageCache(file);
            System.out.println("P3: " + pageCacheBeforeP3);
            List<Series> p3 = new ArrayList<>();
            addRingAndFio(p3, spec, p3Threads, p3Depth, withFio);
            p3.add(new Series(CHANNEL, p3Threads, 1, 1, () -> ChannelReads.measure(spec, p3Threads)));
            measureRounds("P3", p3);
            results.put("p3", p3);
        }

        loadAtEnd = Machine.currentLoadAverage();
        StringBuilder md = new StringBuilder();
        List<Goal> goals = new ArrayList<>();
        for (var e : results.entrySet()) {
            md.append(section(e.getKey(), e.getValue(), machine, started, goals)).append('\n');
        }
        System.out.println();
        System.out.println(md);
        Files.createDirectories(out);
        Path json = out.resolve("p2p3.json");
        Path markdown = out.resolve("p2p3.md");
        Files.writeString(json, json(started, machine, results, goals));
        Files.writeString(markdown, md.toString());
        System.out.println("wrote " + json + " and " + markdown);
    }

    /**
     * lio-uring and fio at one depth, each waiting for any completion (fio: its defaults, one {@code io_uring_enter}
     * per read); with {@code --batched}, also both waiting for {@link #batchFor(int) a batch} of completions (fio
     * submitting that many per enter), side by side.
     */
    private void addRingAndFio(List<Series> list, ReadSpec spec, int threads, int depth, boolean withFio) {
        list.add(new Series(LIO, threads, depth, 1, () -> RingReads.measure(spec, threads, depth, 1)));
        if (withFio) {
            list.add(new Series(FIO, threads, depth, 1, () -> FioReads.measure(fio, spec, threads, depth, 1)));
        }
        int batch = batchFor(depth);
        if (batched && batch > 1) {
            list.add(new Series(LIO, threads, depth, batch, () -> RingReads.measure(spec, threads, depth, batch)));
            if (withFio) {
                list.add(new Series(FIO, threads, depth, batch, () -> FioReads.measure(fio, spec, threads, depth, batch)));
            }
        }
    }

    /** A quarter of the depth: the ratio of fio's own peak-IOPS tool, t/io_uring (depth 128, batches of 32). */
    static int batchFor(int depth) {
        return Math.max(1, depth / 4);
    }

    private void measureRounds(String name, List<Series> series) {
        for (int round = 1; round <= rounds; round++) {
            List<Series> order = new ArrayList<>(series);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (Series s : order) {
                ReadResult r = s.run().get();
                s.rounds().add(r);
                System.out.printf(Locale.ROOT, "%s round %d/%d  %-44s %10.0f IOPS  p50 %9.1f us  p99 %9.1f us  CPU %6.2f us/read%n",
                        name, round, rounds, s.name(), r.iops(), r.p50Nanos() / 1e3, r.p99Nanos() / 1e3,
                        r.cpuMicrosPerRead());
            }
        }
    }

    /**
     * Runs every in-JVM contender's loop for a moment on cached reads, unmeasured, so that the JIT has compiled them
     * before the first measured run (fio is native code and needs no such thing). Without it, the first contender
     * (at queue depth 1, with few loop turns per second) would be measured partly interpreted, with the compiler
     * threads' CPU time in its window.
     */
    private void warmUpJit() throws IOException {
        System.out.println("warming up the JIT on cached reads");
        Duration moment = Duration.ofMillis(700);
        ReadSpec cached = new ReadSpec(file, fileSize, blockSize, false, Duration.ZERO, moment);
        for (int depth : new int[] {1, 32}) {
            RingReads.measure(cached, 1, depth, 1);
        }
        ChannelReads.measure(cached, 1);
        AsyncChannelReads.measure(cached, 4);
    }

    /** Reads the whole file through the page cache; says how much of it is resident afterwards (fincore), if known. */
    static String warmPageCache(Path file) throws IOException {
        long start = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            int n;
            while ((n = ch.read(buffer.clear(), position)) > 0) {
                position += n;
            }
        }
        String warmed = String.format(Locale.ROOT, "file read once through the page cache (%.1f s)",
                (System.nanoTime() - start) / 1e9);
        String resident = Commands.output("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString());
        if (resident.matches("\\d+")) {
            warmed += String.format(Locale.ROOT, "; %d of %d bytes resident afterwards (fincore)",
                    Long.parseLong(resident), Files.size(file));
        }
        return warmed;
    }

    // ---------------------------------------------------------------- reporting

    private String section(String benchmark, List<Series> series, Machine machine, ZonedDateTime started,
                           List<Goal> goals) {
        boolean p2 = benchmark.equals("p2");
        StringBuilder sb = new StringBuilder();
        sb.append(p2 ? String.format(Locale.ROOT, "### P2 — storage-bound random reads (%d B, O_DIRECT)%n%n", blockSize)
                : String.format(Locale.ROOT, "### P3 — cached random reads (%d B, page cache, %d threads)%n%n", blockSize, p3Threads));
        sb.append(machine.markdown()).append("  \n");
        if (!fioVersion.isEmpty()) {
            sb.append("fio: ").append(fioVersion).append("  \n");
        }
        sb.append("Date: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("  \n");
        sb.append("Command: `").append(command).append("`  \n");
        sb.append("Load average (1, 5, 15 min) at the end: ").append(loadAtEnd)
                .append(" (other processes' load; it moves IOPS more than CPU µs/read)  \n");
        sb.append(String.format(Locale.ROOT, "Test file: %s, %d MiB of random bytes. Per contender: %s warm-up, then %s"
                        + " measured; %d round(s), order reversed every other round; figures are means over the rounds"
                        + " (± = relative standard deviation of IOPS between rounds).%n",
                file, fileSize >> 20, human(warmup), human(duration), rounds));
        sb.append("Method: lio-uring = one ring per thread, ReadFixed on a registered buffer and a registered file, set up"
                + " as fio sets up its ring (CQSIZE, COOP_TASKRUN, SINGLE_ISSUER, DEFER_TASKRUN; plus NO_SQARRAY, a lio-uring"
                + " default); each io_uring_enter"
                + " submits the refills and waits for 1 completion (\"waits for 1\"; fio's default instead enters the"
                + " kernel once per read) or for a batch of depth/4 (fio: --iodepth_batch_submit and"
                + " --iodepth_batch_complete_min = depth/4). fio runs its jobs as threads (--thread) so that they share the"
                + " scheduler's autogroup with the JVM. FileChannel = one channel and one blocking thread per reader."
                + " Latency = submission to completion as seen by the caller. CPU µs/read = CPU time of the whole"
                + " process (JVM: every thread, incl. JIT and GC; fio: usr + sys of its jobs) in the measured window,"
                + " per read.\n");
        if (!p2) {
            sb.append("Page cache: ").append(pageCacheBeforeP3).append(".\n");
        }
        sb.append('\n');
        sb.append("| contender | threads | depth | waits for | IOPS | p50 µs | p99 µs | CPU µs/read |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Series s : series) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s%s | %.1f | %.1f | %.2f |%n", s.contender(),
                    s.threadsLabel(), s.depth(), waitsFor(s), count(s.iops()),
                    rounds > 1 ? String.format(Locale.ROOT, " ± %.0f%%", s.iopsRelStdevPercent()) : "",
                    s.p50Micros(), s.p99Micros(), s.cpuMicrosPerRead()));
        }
        sb.append('\n');
        List<Series> ours = series.stream().filter(Series::ours).toList();
        List<Series> peers = series.stream().filter(s -> !s.ours()).toList();
        ratioTable(sb, "Ratios, lio-uring IOPS / peer IOPS (bold: fio with the same depth and batch):", ours, peers,
                (o, p) -> o.iops() / p.iops());
        ratioTable(sb, "CPU per read, peer / lio-uring (above 1: lio-uring spends less CPU per read; unlike IOPS, this"
                + " hardly depends on how much CPU other processes leave):", ours, peers,
                (o, p) -> p.cpuMicrosPerRead() / o.cpuMicrosPerRead());
        peers.stream().filter(p -> p.contender().equals(FIO)).reduce((a, b) -> b.batch() > 1 ? b : a).ifPresent(f ->
                sb.append("fio command (").append(f.name()).append("; the other fio rows differ only in depth, jobs and"
                        + " batch): `").append(String.join(" ", fioCommand(benchmark, f))).append("`\n\n"));

        List<Goal> mine = goals(benchmark, ours, peers);
        goals.addAll(mine);
        if (!mine.isEmpty()) {
            sb.append("Goals:\n\n");
            for (Goal g : mine) {
                sb.append(String.format(Locale.ROOT, "- %s: %.2f× (target ≥ %.2f×) — **%s**%n", g.text(), g.ratio(),
                        g.target(), g.met() ? "met" : "missed"));
            }
        }
        return sb.toString();
    }

    private static void ratioTable(StringBuilder sb, String title, List<Series> ours, List<Series> peers,
                                   java.util.function.ToDoubleBiFunction<Series, Series> ratio) {
        sb.append(title).append("\n\n| peer |");
        ours.forEach(o -> sb.append(' ').append(o.name()).append(" |"));
        sb.append("\n|---|");
        ours.forEach(o -> sb.append("---:|"));
        sb.append('\n');
        for (Series p : peers) {
            sb.append("| ").append(p.name()).append(" |");
            for (Series o : ours) {
                boolean sameSetup = p.contender().equals(FIO) && p.depth() == o.depth() && p.batch() == o.batch();
                sb.append(String.format(Locale.ROOT, sameSetup ? " **%.2f×** |" : " %.2f× |", ratio.applyAsDouble(o, p)));
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    private static String waitsFor(Series s) {
        if (s.contender().equals(LIO) || s.contender().equals(FIO)) {
            return s.batch() > 1 ? s.batch() + " (batch)" : "1";
        }
        return "-";
    }

    private List<String> fioCommand(String benchmark, Series f) {
        ReadSpec spec = new ReadSpec(file, fileSize, blockSize, benchmark.equals("p2"), warmup, duration);
        return FioReads.command(fio, spec, f.threads(), f.depth(), f.batch());
    }

    private List<Goal> goals(String benchmark, List<Series> ours, List<Series> peers) {
        List<Goal> goals = new ArrayList<>();
        List<Series> fios = peers.stream().filter(p -> p.contender().equals(FIO)).toList();
        for (int depth : ours.stream().mapToInt(Series::depth).distinct().toArray()) {
            Series o = best(ours.stream().filter(s -> s.depth() == depth).toList());
            Series f = best(fios.stream().filter(s -> s.depth() == depth && s.threads() == o.threads()).toList());
            if (f != null) {
                goals.add(new Goal(benchmark, "best lio-uring (" + o.name() + ") vs best fio at that depth (" + f.name()
                        + ")", o.iops() / f.iops(), benchmark.equals("p2") ? 0.95 : 1.0));
            }
        }
        Series o = best(ours);
        if (o == null) {
            return goals;
        }
        if (benchmark.equals("p2")) {
            channel(peers, 1).ifPresent(c -> goals.add(new Goal("p2", "one ring thread (best: " + o.name() + ") vs "
                    + c.name(), o.iops() / c.iops(), 4.0)));
            channel(peers, 32).ifPresent(c -> goals.add(new Goal("p2", "one ring thread (best: " + o.name() + ") vs "
                    + c.name(), o.iops() / c.iops(), 1.0)));
        } else {
            channel(peers, p3Threads).ifPresent(c -> goals.add(new Goal("p3", "best lio-uring (" + o.name() + ") vs "
                    + c.name(), o.iops() / c.iops(), 1.0)));
        }
        return goals;
    }

    private static Series best(List<Series> series) {
        return series.stream().max((a, b) -> Double.compare(a.iops(), b.iops())).orElse(null);
    }

    private static java.util.Optional<Series> channel(List<Series> peers, int threads) {
        return peers.stream().filter(p -> p.contender().equals(CHANNEL) && p.threads() == threads).findFirst();
    }

    private String json(ZonedDateTime started, Machine machine, Map<String, List<Series>> results, List<Goal> goals) {
        Json.Writer j = new Json.Writer();
        j.open('{');
        j.key("benchmark").string("P2 storage-bound random reads (O_DIRECT), P3 cached random reads");
        j.key("date").string(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        j.key("command").string(command);
        j.key("loadAverageAtEnd").string(loadAtEnd);
        j.key("machine").value(machine.toJson());
        j.key("method").open('{');
        j.key("file").string(file.toAbsolutePath().toString());
        j.key("fileBytes").number(fileSize);
        j.key("blockBytes").number(blockSize);
        j.key("warmupSeconds").number(warmup.toMillis() / 1e3);
        j.key("durationSeconds").number(duration.toMillis() / 1e3);
        j.key("rounds").number(rounds);
        j.key("fio").string(fioVersion.isEmpty() ? null : fioVersion);
        j.key("ringSetup").string(RingReads.ringParams(1).toString().replace("cqEntries=1", "cqEntries=depth"));
        if (!pageCacheBeforeP3.isEmpty()) {
            j.key("p3PageCache").string(pageCacheBeforeP3);
        }
        j.close('}');
        for (var e : results.entrySet()) {
            j.key(e.getKey()).open('[');
            for (Series s : e.getValue()) {
                j.open('{');
                j.key("contender").string(s.contender());
                j.key("threads").number(s.threads());
                j.key("depth").number(s.depth());
                j.key("waitsForCompletions").number(s.batch());
                j.key("iops").number(s.iops());
                j.key("iopsRelStdevPercent").number(s.iopsRelStdevPercent());
                j.key("p50Micros").number(s.p50Micros());
                j.key("p99Micros").number(s.p99Micros());
                j.key("cpuMicrosPerRead").number(s.cpuMicrosPerRead());
                if (s.contender().equals(FIO)) {
                    j.key("commandLine").string(String.join(" ", fioCommand(e.getKey(), s)));
                }
                j.key("rounds").open('[');
                for (ReadResult r : s.rounds()) {
                    j.open('{');
                    j.key("reads").number(r.reads());
                    j.key("seconds").number(r.seconds());
                    j.key("iops").number(r.iops());
                    j.key("p50Nanos").number(r.p50Nanos());
                    j.key("p99Nanos").number(r.p99Nanos());
                    j.key("cpuSeconds").number(r.cpuSeconds());
                    j.close('}');
                }
                j.close(']');
                j.close('}');
            }
            j.close(']');
        }
        j.key("goals").open('[');
        for (Goal g : goals) {
            j.open('{');
            j.key("benchmark").string(g.benchmark());
            j.key("goal").string(g.text());
            j.key("ratio").number(g.ratio());
            j.key("target").number(g.target());
            j.key("met").bool(g.met());
            j.close('}');
        }
        j.close(']');
        j.close('}');
        return j + "\n";
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1e3);
    }
}
