package io.liouring.bench.storage;

import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.RandomFile;
import io.liouring.bench.harness.Stats;
import io.liouring.nio.file.LioFileSystemProvider;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code FileChannel.transferTo} from one file channel to another, on the JDK's file system provider and on lio-nio's
 * (wrapping the JDK's, as the conformance suite makes it), in one JVM: a file of random bytes on the disk under
 * {@code --out}, in the page cache, copied to a new file beside it by {@code transferTo(position, size - position,
 * target)} in a loop until all of it has moved, on a platform thread and on a virtual thread. After one untimed copy
 * per contender, {@code --rounds} rounds of one copy per contender, the order rotating by round. Each copy is timed
 * (wall clock; CPU time of the whole process: the copier threads' too) and then, outside the timing, checked byte for
 * byte, deleted and synced. Prints each copy, the load average before and after, and a Markdown table of medians
 * and minima with the ratios JDK / lio (above 1 favours lio). With {@code --target socket}, the file goes instead
 * into a loopback JDK socket read by a thread of the same process ({@link TransferToSocket}; its CPU counts on both
 * sides alike), checked by its checksum. Started by {@code lio-bench/run-transfer.sh}.
 */
public final class TransferBench {
    private record Contender(String provider, FileSystem fileSystem, boolean virtual) {
        String name() {
            return provider + (virtual ? " virtual" : " platform");
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, "size-mib", "rounds", "out", "threads", "target");
        long sizeMib = o.positiveLong("size-mib", 1024);
        int rounds = o.positiveInt("rounds", 5);
        Path out = o.path("out", "bench-results");
        List<String> threads = List.of(o.string("threads", "platform,virtual").split(","));
        String into = o.string("target", "file");
        if (!into.equals("file") && !into.equals("socket")) {
            throw new IllegalArgumentException("--target takes file or socket: " + into);
        }
        Path file = out.resolve("transfer-data").resolve("random-" + sizeMib + "m.bin").toAbsolutePath();
        RandomFile.ensure(file, sizeMib << 20);
        Path target = file.resolveSibling("transfer-copy.bin");
        Files.deleteIfExists(target);

        FileSystem jdk = FileSystems.getDefault();
        FileSystem lio = new LioFileSystemProvider(jdk.provider()).getFileSystem(URI.create("file:///"));
        List<Contender> contenders = new ArrayList<>();
        for (String kind : threads) {
            if (!kind.equals("platform") && !kind.equals("virtual")) {
                throw new IllegalArgumentException("--threads takes platform and/or virtual: " + kind);
            }
            contenders.add(new Contender("jdk", jdk, kind.equals("virtual")));
            contenders.add(new Contender("lio", lio, kind.equals("virtual")));
        }
        String loadBefore = Machine.currentLoadAverage();
        System.out.printf(Locale.ROOT, "transferTo of %s (%d MiB) into a %s, %d round(s); load average before: %s%n",
                file, sizeMib, into, rounds, loadBefore);
        System.out.println(RandomReadBench.warmPageCache(file));
        long checksum = into.equals("socket") ? TransferToSocket.checksum(file) : 0;
        Copy copy = into.equals("socket") ? c -> sentChecked(c, file, checksum) : c -> copyChecked(c, file, target);
        for (Contender c : contenders) {
            copy.timed(c); // warm-up: class loading, the JIT, the rings, the copier threads
        }
        Map<String, List<CopyTiming>> timings = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int k = 0; k < contenders.size(); k++) {
                Contender c = contenders.get((round - 1 + k) % contenders.size());
                CopyTiming t = copy.timed(c);
                timings.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(t);
                System.out.printf(Locale.ROOT, "  round %d %-13s %7.3f s  %7.0f MB/s  CPU %6.3f s  (load %s)%n", round,
                        c.name(), t.wallNanos() / 1e9, (sizeMib << 20) / (t.wallNanos() / 1e9) / 1e6,
                        t.cpuNanos() / 1e9, Machine.currentLoadAverage());
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n%n", Machine.currentLoadAverage());
        System.out.println("| thread | JDK wall s, median (min–max) | lio wall s | ratio wall (JDK / lio) "
                + "| JDK CPU s, median (min) | lio CPU s | ratio CPU | ratio of the minima, wall / CPU |");
        System.out.println("|:--|--:|--:|--:|--:|--:|--:|--:|");
        for (String kind : threads) {
            List<CopyTiming> j = timings.get("jdk " + kind);
            List<CopyTiming> l = timings.get("lio " + kind);
            double jw = median(j, true);
            double lw = median(l, true);
            double jc = median(j, false);
            double lc = median(l, false);
            System.out.printf(Locale.ROOT, "| %s | %.3f (%s) | %.3f (%s) | %.2f× | %.3f (%.3f) | %.3f (%.3f) | %.2f× "
                    + "| %.2f× / %.2f× |%n", kind, jw, range(j), lw, range(l), jw / lw, jc, min(j, false), lc,
                    min(l, false), jc / lc, min(j, true) / min(l, true), min(j, false) / min(l, false));
        }
    }

    /** One timed transfer of a contender. */
    @FunctionalInterface
    private interface Copy {
        CopyTiming timed(Contender c) throws Exception;
    }

    /** The file sent into a socket on a thread of the contender's kind, timed; the peer's checksum compared. */
    private static CopyTiming sentChecked(Contender c, Path file, long checksum) throws Exception {
        Path source = c.fileSystem().getPath(file.toString());
        long[] received = new long[1];
        CopyTiming timing = timedOn(c, () -> received[0] = TransferToSocket.sendAll(source));
        if (received[0] != checksum) {
            throw new IllegalStateException(c.name() + ": the peer did not receive the file's bytes");
        }
        return timing;
    }

    /** One copy on a thread of the contender's kind, timed; then checked, deleted and synced, untimed. */
    private static CopyTiming copyChecked(Contender c, Path file, Path target) throws Exception {
        Path source = c.fileSystem().getPath(file.toString());
        Path copy = c.fileSystem().getPath(target.toString());
        CopyTiming timing = timedOn(c, () -> TransferToCopier.transferAll(source, copy));
        SameContent.check(file, target);
        Files.delete(target);
        PageCache.sync();
        return timing;
    }

    /** {@code action} timed on a new thread of the contender's kind; its failure rethrown here, naming the contender. */
    private static CopyTiming timedOn(Contender c, CopyTiming.Action action) throws Exception {
        AtomicReference<CopyTiming> timing = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = (c.virtual() ? Thread.ofVirtual() : Thread.ofPlatform()).unstarted(() -> {
            try {
                timing.set(CopyTiming.inProcess(action));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException(c.name() + " failed", failure.get());
        }
        return timing.get();
    }

    private static double median(List<CopyTiming> ts, boolean wall) {
        return Stats.median(ts.stream().mapToDouble(t -> (wall ? t.wallNanos() : t.cpuNanos()) / 1e9).toArray());
    }

    private static double min(List<CopyTiming> ts, boolean wall) {
        return ts.stream().mapToDouble(t -> (wall ? t.wallNanos() : t.cpuNanos()) / 1e9).min().orElse(0);
    }

    private static String range(List<CopyTiming> ts) {
        double max = ts.stream().mapToDouble(t -> t.wallNanos() / 1e9).max().orElse(0);
        return String.format(Locale.ROOT, "%.3f–%.3f", min(ts, true), max);
    }
}
