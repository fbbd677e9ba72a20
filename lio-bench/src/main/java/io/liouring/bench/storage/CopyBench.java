package io.liouring.bench.storage;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.RandomFile;
import io.liouring.bench.harness.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs benchmark P7, file copy: a file of random bytes on the disk under {@code --out} copied to a new file next to
 * it by lio-uring ({@link RingCopier}: {@code AsyncFile.copy}), by {@code FileChannel.transferTo}
 * ({@link TransferToCopier}) and by coreutils {@code cp} ({@link CpCopier}), in one run.
 *
 * <p>After {@code --warmup} untimed copies each, every mode ({@code warm}: the source in the page cache; {@code cold}: the
 * page cache dropped before each copy, when this process may) runs {@code --repeats} rounds of one copy per copier,
 * the order rotating by round. Each copy is timed (wall clock and CPU time of whoever copied) and then, outside the
 * timing, checked byte for byte against the source ({@link SameContent}), deleted, and the disk synced. At the end,
 * strace counts the system calls of one more copy per copier ({@link SyscallCensus}), to show how each copies. Prints
 * the tables and writes {@code p7.json} and {@code p7.md} (a section for BENCHMARKS.md) to {@code --out}. Started
 * by {@code lio-bench/run-p7.sh}.
 */
public final class CopyBench {
    static final String WARM = "warm";
    static final String COLD = "cold";

    /** One timed copy. */
    private record Sample(String mode, String copier, int round, CopyTiming timing, long residentBefore) {
    }

    private long sizeMib = 1024;
    private Path file;
    private int repeats = 5;
    private int warmup = 3;
    private List<String> modes = List.of(WARM, COLD);
    private boolean strace = true;
    private Path out = Path.of("bench-results");
    private String command = "java " + CopyBench.class.getName();

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> syscalls = new LinkedHashMap<>();
    private final Map<String, SyscallCensus> censuses = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        CopyBench b = new CopyBench();
        Options o = Options.parse(args, "size-mib", "file", "repeats", "warmup", "modes", "strace", "out", "command");
        b.sizeMib = o.positiveLong("size-mib", b.sizeMib);
        b.repeats = o.positiveInt("repeats", b.repeats);
        b.warmup = o.nonNegativeInt("warmup", b.warmup);
        b.modes = List.of(o.string("modes", String.join(",", b.modes)).split(","));
        b.strace = o.bool("strace", b.strace);
        b.out = o.path("out", b.out.toString());
        b.command = o.string("command", b.command);
        b.file = o.string("file", null) == null ? null : Path.of(o.string("file", null));
        if (b.modes.isEmpty() || !List.of(WARM, COLD).containsAll(b.modes)) {
            throw new IllegalArgumentException("--modes takes warm and/or cold: " + b.modes);
        }
        if (b.file == null) {
            b.file = b.out.resolve("p7-data").resolve("random-" + b.sizeMib + "m.bin");
        }
        b.run();
    }

    private void run() throws IOException {
        ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        RandomFile.ensure(file, sizeMib << 20);
        Path target = file.resolveSibling("p7-copy.bin");
        Files.deleteIfExists(target);
        Machine machine = Machine.describe(file);
        System.out.println(machine.markdown().replace("  \n", "\n"));
        System.out.printf(Locale.ROOT, "P7 file copy: %s, %d round(s) per mode %s%n", file, repeats, modes);
        try (RingCopier ring = new RingCopier()) {
            List<FileCopier> copiers = List.of(ring, new TransferToCopier(), new CpCopier());
            for (int i = 0; i < warmup; i++) {
                for (FileCopier c : copiers) {
                    copyChecked(c, target); // warm-up: class loading, the JIT, io-wq workers, cp's binary
                }
            }
            for (String mode : modes) {
                if (mode.equals(COLD) && !PageCache.canDrop()) {
                    notes.add("Cold runs skipped: this process may not write /proc/sys/vm/drop_caches (it needs root).");
                    System.out.println(notes.getLast());
                    continue;
                }
                if (mode.equals(WARM)) {
                    System.out.println(RandomReadBench.warmPageCache(file));
                }
                for (int round = 1; round <= repeats; round++) {
                    for (int k = 0; k < copiers.size(); k++) {
                        measure(mode, round, copiers.get((round - 1 + k) % copiers.size()), target);
                    }
                }
            }
            countSyscalls(copiers, target);
            report(started, machine, copiers);
        }
    }

    private void measure(String mode, int round, FileCopier copier, Path target) throws IOException {
        if (mode.equals(COLD)) {
            PageCache.drop();
        }
        long resident = PageCache.residentBytes(file);
        CopyTiming t = copyChecked(copier, target);
        samples.add(new Sample(mode, copier.name(), round, t, resident));
        System.out.printf(Locale.ROOT, "  %s round %d %-24s %8.3f s  %7.0f MB/s  CPU %6.3f s  (source cached before: %s)%n",
                mode, round, copier.name(), t.wallNanos() / 1e9, mbPerSecond(t.wallNanos() / 1e9), t.cpuNanos() / 1e9,
                mib(resident));
    }

    /** One copy, then (untimed) its check against the source, its deletion and a sync. */
    private CopyTiming copyChecked(FileCopier copier, Path target) throws IOException {
        CopyTiming t = copier.copy(file, target);
        SameContent.check(file, target);
        Files.delete(target);
        PageCache.sync();
        return t;
    }

    private void countSyscalls(List<FileCopier> copiers, Path target) throws IOException {
        if (!strace || !SyscallCensus.available()) {
            notes.add(strace ? "strace is not installed: the system calls of each copier are not shown."
                    : "System calls not counted (--strace false).");
            return;
        }
        for (FileCopier c : copiers) {
            try {
                SyscallCensus census = c.syscalls(file, target);
                SameContent.check(file, target);
                censuses.put(c.name(), census);
                syscalls.put(c.name(), census.describe());
            } catch (IOException e) {
                syscalls.put(c.name(), "not counted: " + e.getMessage());
            } finally {
                Files.deleteIfExists(target);
            }
        }
    }

    // ---------------------------------------------------------------- reporting

    private double mbPerSecond(double seconds) {
        return (sizeMib << 20) / seconds / 1e6;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }

    private String size() {
        return sizeMib % 1024 == 0 ? sizeMib / 1024 + " GiB" : sizeMib + " MiB";
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The copies of one copier in one mode, in seconds and bytes. */
    private record Series(String mode, String copier, double[] wall, double[] cpu, double[] residentBefore) {
        double medianWall() {
            return median(wall);
        }

        double medianCpu() {
            return median(cpu);
        }
    }

    private Series series(String mode, String copier) {
        List<Sample> mine = samples.stream().filter(s -> s.mode().equals(mode) && s.copier().equals(copier)).toList();
        return new Series(mode, copier, mine.stream().mapToDouble(s -> s.timing().wallNanos() / 1e9).toArray(),
                mine.stream().mapToDouble(s -> s.timing().cpuNanos() / 1e9).toArray(),
                mine.stream().mapToDouble(Sample::residentBefore).toArray());
    }

    private void report(ZonedDateTime started, Machine machine, List<FileCopier> copiers) throws IOException {
        List<String> measured = modes.stream().filter(m -> samples.stream().anyMatch(s -> s.mode().equals(m))).toList();
        List<Series> all = new ArrayList<>();
        for (String mode : measured) {
            copiers.forEach(c -> all.add(series(mode, c.name())));
        }
        Table results = new Table("page cache", "copier", "wall s (median)", "wall s (min–max)", "MB/s", "CPU s (median)",
                "source cached before (median)");
        Table ratios = new Table("page cache", "lio-uring vs", "speed: peer time ÷ lio-uring time",
                "CPU: peer CPU s ÷ lio-uring CPU s");
        for (Series s : all) {
            double min = Arrays.stream(s.wall()).min().orElse(Double.NaN);
            double max = Arrays.stream(s.wall()).max().orElse(Double.NaN);
            results.row(s.mode(), s.copier(), fmt(s.medianWall()), fmt(min) + "–" + fmt(max),
                    Table.num(mbPerSecond(s.medianWall())), fmt(s.medianCpu()), mib((long) median(s.residentBefore())));
            Series lio = series(s.mode(), copiers.getFirst().name());
            if (!s.copier().equals(lio.copier())) {
                ratios.row(s.mode(), s.copier(), Table.ratio(s.medianWall() / lio.medianWall()),
                        Table.ratio(s.medianCpu() / lio.medianCpu()));
            }
        }
        Table how = new Table("copier", "how it copies", "system calls of one warm copy (strace -f -c)");
        copiers.forEach(c -> how.row(c.name(), c.method(), syscalls.getOrDefault(c.name(), "not counted")));

        String md = markdown(started, machine, results, ratios, how);
        System.out.println();
        System.out.print(md);
        Files.createDirectories(out);
        Files.writeString(out.resolve("p7.json"), json(started, machine, measured, all, copiers));
        Files.writeString(out.resolve("p7.md"), md);
        System.out.println("wrote " + out.resolve("p7.json") + " and " + out.resolve("p7.md"));
    }

    private String json(ZonedDateTime started, Machine machine, List<String> measured, List<Series> all,
                        List<FileCopier> copiers) {
        Json.Writer j = new Json.Writer();
        j.open('{');
        j.key("benchmark").string("P7 file copy");
        j.key("date").string(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        j.key("command").string(command);
        j.key("machine").value(machine.toJson());
        j.key("method").open('{');
        j.key("file").string(file.toString());
        j.key("sizeBytes").number(sizeMib << 20);
        j.key("repeats").number(repeats);
        j.key("warmupCopies").number(warmup);
        j.key("modes").strings(measured);
        j.key("notes").strings(notes);
        j.close('}');
        j.key("results").open('[');
        for (Series s : all) {
            j.open('{');
            j.key("mode").string(s.mode());
            j.key("copier").string(s.copier());
            j.key("medianWallSeconds").number(s.medianWall());
            j.key("mbPerSecond").number(mbPerSecond(s.medianWall()));
            j.key("medianCpuSeconds").number(s.medianCpu());
            j.key("medianResidentBeforeBytes").number(median(s.residentBefore()));
            j.key("verifiedCopies").number(s.wall().length);
            j.key("wallSeconds").numbers(Arrays.stream(s.wall()).boxed().toList());
            j.key("cpuSeconds").numbers(Arrays.stream(s.cpu()).boxed().toList());
            j.close('}');
        }
        j.close(']');
        j.key("ratios").open('[');
        for (Series s : all) {
            Series lio = series(s.mode(), copiers.getFirst().name());
            if (!s.copier().equals(lio.copier())) {
                j.open('{');
                j.key("mode").string(s.mode());
                j.key("peer").string(s.copier());
                j.key("speedRatio").number(s.medianWall() / lio.medianWall());
                j.key("cpuRatio").number(s.medianCpu() / lio.medianCpu());
                j.close('}');
            }
        }
        j.close(']');
        j.key("copiers").open('[');
        for (FileCopier c : copiers) {
            j.open('{');
            j.key("name").string(c.name());
            j.key("method").string(c.method());
            j.key("syscalls").string(syscalls.getOrDefault(c.name(), "not counted"));
            SyscallCensus census = censuses.get(c.name());
            if (census != null) {
                j.key("syscallCounts").open('{');
                census.counts().forEach((name, n) -> {
                    j.key(name).open('{');
                    j.key("calls").number(n.calls());
                    j.key("errors").number(n.errors());
                    j.close('}');
                });
                j.close('}');
            }
            j.close('}');
        }
        j.close(']');
        j.close('}');
        return j + "\n";
    }

    private String markdown(ZonedDateTime started, Machine machine, Table results, Table ratios, Table how) {
        StringBuilder md = new StringBuilder();
        md.append("### P7 — file copy, ").append(size()).append(" (lio-uring vs FileChannel.transferTo vs cp)\n\n");
        md.append(machine.markdown()).append("  \n");
        md.append("Date: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("  \n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append(String.format(Locale.ROOT, "A %s file of random bytes (%s) copied to a new file in the same directory."
                + " After %d untimed warm-up copies each, %d round(s) per mode of one copy per copier, the order rotating"
                + " by round; medians shown. **warm**: the source in the page cache. **cold**: `sync` and"
                + " `echo 1 > /proc/sys/vm/drop_caches` before each copy, so the source is read from the disk (the whole"
                + " page cache goes, cp's binary and the JVM's mapped files too: cold-ish, not a fresh boot). Timed: the"
                + " copy as each tool does it, without fsync (cp does not fsync either), so the copy's pages are still"
                + " dirty in the page cache when the clock stops. Outside the timing, every copy is checked against the"
                + " source (size, then every byte: both files mapped and compared), deleted, and the disk synced."
                + " lio-uring and FileChannel.transferTo copy inside this JVM (wall clock around the call; CPU ="
                + " the JVM's CPU time meanwhile, all threads, io_uring's io-wq workers included); cp runs as a child"
                + " process (wall clock and user + system CPU of cp, from bash's `time`). The kernel's writeback"
                + " threads are nobody's CPU time. Not pinned. MB/s = 10^6 bytes per second.%n%n",
                size(), file, warmup, repeats));
        notes.forEach(n -> md.append(n).append("\n\n"));
        md.append(results.markdown()).append('\n');
        md.append("Ratios, lio-uring against each peer (> 1: lio-uring is the faster, or uses less CPU):\n\n");
        md.append(ratios.markdown()).append('\n');
        md.append(how.markdown()).append('\n');
        md.append("System calls: `strace -f -c -e trace=").append(SyscallCensus.TRACED).append("`, on cp's process,"
                + " or attached to this JVM for the length of one copy. Only those calls are counted, and with them each"
                + " program's incidental ones: cp's start-up (its loader maps and reads its libraries), the JVM's"
                + " other threads meanwhile. io_uring's requests are not system calls: lio-uring shows io_uring_enter,"
                + " and the work its io-wq worker threads do in the kernel cannot be traced.\n");
        return md.toString();
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
