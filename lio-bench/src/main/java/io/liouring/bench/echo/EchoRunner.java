package io.liouring.bench.echo;

import io.liouring.bench.echo.EchoServerMain.Kind;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
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
 * Runs benchmark P4: every server of {@link Kind} in its own JVM pinned to one CPU, the C load client
 * ({@code echo_client}) pinned to another, for every (connections, message size) cell; then prints the table of
 * absolute figures and the ratios of each lio-uring server against each peer, and writes {@code p4.json} and
 * {@code p4.md} into the output directory.
 *
 * <p>Per round, each server is started once and serves all cells in turn; each cell has its own warm-up
 * (not measured) and measured window. With several rounds, each figure is the median over the rounds.
 * Server CPU is the server process's utime + stime over the measured window, read by the client from
 * {@code /proc/PID/stat}.
 *
 * <p>Options: {@code --client PATH} (required), {@code --java PATH} and {@code --classpath CP} (of the server JVMs;
 * this JVM's by default), {@code --servers lio-loop,...}, {@code --connections 1,100,500}, {@code --sizes 64,4096},
 * {@code --warmup S}, {@code --duration S}, {@code --server-warmup S}, {@code --rounds N}, {@code --server-cpu CPUS},
 * {@code --client-cpu CPUS}, {@code --client-threads N}, {@code --out DIR}, {@code --command TEXT},
 * {@code --server-jvm-arg ARG} (repeatable), {@code --perf true|false}, {@code --server-warmup-cpu S} (server
 * CPU-seconds of warm-up load per size, at least).
 */
public final class EchoRunner {
    private static final List<Kind> LIO = List.of(Kind.LIO_LOOP, Kind.LIO_VT);
    private static final List<Kind> PEERS = List.of(Kind.NETTY_IO_URING, Kind.NETTY_EPOLL, Kind.NIO);

    /** A goal of issue 15: requests per server CPU-second at least {@code perCpuSecond} times the peer's. */
    private record Goal(Kind peer, double perCpuSecond) {
    }

    /** lio-loop ≥ 1.2× Netty io_uring, lio-vt ≥ 1.0× Netty epoll, counted per server CPU-second. */
    private static final Map<Kind, Goal> GOALS = Map.of(Kind.LIO_LOOP, new Goal(Kind.NETTY_IO_URING, 1.2),
            Kind.LIO_VT, new Goal(Kind.NETTY_EPOLL, 1.0));

    private final EchoSweep sweep;
    private final List<Kind> servers;

    /** Measured samples per cell: server -> "connections/size" -> samples. */
    private final Map<Kind, Map<String, List<Map<String, Object>>>> samples = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    private EchoRunner(Options o) {
        sweep = new EchoSweep(o, 1);
        servers = Arrays.stream(o.string("servers", String.join(",", Arrays.stream(Kind.values())
                .filter(k -> k != Kind.NIO2).map(Kind::label).toList())).split(",")).map(Kind::of).toList();
    }

    public static void main(String[] args) throws Exception {
        new EchoRunner(Options.parse(args, EchoSweep.options("servers"))).run();
    }

    private void run() throws Exception {
        Machine machine = Machine.describe();
        Files.createDirectories(sweep.out.resolve("p4-logs"));
        System.out.printf("P4 TCP echo: servers %s on CPU %s, client (%d thread(s)) on CPU %s; %s connections x %s B;"
                        + " warm-up %.0f s, measured %.0f s per cell; %d round(s)%n", servers.stream().map(Kind::label).toList(),
                sweep.serverCpu, sweep.clientThreads, sweep.clientCpu, sweep.connections, sweep.sizes, sweep.warmup,
                sweep.duration, sweep.rounds);
        for (int round = 1; round <= sweep.rounds; round++) {
            for (Kind server : servers) {
                runServer(server, round);
            }
        }
        report(machine);
    }

    private void runServer(Kind kind, int round) throws Exception {
        List<String> cmd = sweep.serverCommand(List.of(), EchoServerMain.class, kind.label(), "0");
        Path log = sweep.out.resolve("p4-logs").resolve(kind.label() + "-round" + round + ".log");
        try (EchoServerProcess server = EchoServerProcess.start(cmd, kind.label(), log)) {
            sweep.measure(server, (conns, size, result) -> {
                String cell = conns + "/" + size;
                if (result == null) {
                    failures.add(kind.label() + " " + cell + " round " + round);
                    return;
                }
                result.put("round", round);
                samples.computeIfAbsent(kind, k -> new LinkedHashMap<>()).computeIfAbsent(cell, k -> new ArrayList<>())
                        .add(result);
                System.out.printf("  round %d %-15s %4d conn %5d B: %,9.0f req/s  p50 %7.1f  p99 %8.1f  p99.9 %8.1f us"
                                + "  server CPU %5.1f %% %6.1f us/req %5.2f syscalls/req  client CPU %5.1f %%%n", round,
                        kind.label(), conns, size, d(result, "rps"), d(result, "p50_us"), d(result, "p99_us"),
                        d(result, "p999_us"), metric(result, "server_cpu_pct"), metric(result, "cpu_us_per_req"),
                        d(result, "syscalls_per_req"), metric(result, "client_cpu_pct"));
            });
        }
    }

    private static double d(Map<String, Object> m, String key) {
        return Json.numberOrNaN(m, key);
    }

    /** The median of one metric over a cell's rounds. */
    private double median(Kind kind, String cell, String metric) {
        List<Map<String, Object>> list = samples.getOrDefault(kind, Map.of()).get(cell);
        if (list == null || list.isEmpty()) {
            return Double.NaN;
        }
        return Stats.median(list.stream().mapToDouble(m -> metric(m, metric)).toArray());
    }

    /**
     * One goal's verdict for a cell: the median over the rounds of the per-round ratio of requests per server
     * CPU-second (the rounds are interleaved, so each pairs runs close in time), with its min and max; met when the
     * median reaches the goal.
     */
    private String goalLine(Kind l, Kind peer, double goal, String cell, int conns, int size, double p99, double thr) {
        List<Double> perRound = new ArrayList<>();
        for (Map<String, Object> mine : samples.get(l).get(cell)) {
            for (Map<String, Object> theirs : samples.getOrDefault(peer, Map.of()).getOrDefault(cell, List.of())) {
                if (Json.numberOrNaN(mine, "round") == Json.numberOrNaN(theirs, "round")) {
                    perRound.add(metric(theirs, "cpu_us_per_req") / metric(mine, "cpu_us_per_req"));
                }
            }
        }
        double[] r = perRound.stream().mapToDouble(Double::doubleValue).toArray();
        double median = r.length == 0 ? Double.NaN : Stats.median(r);
        double min = Arrays.stream(r).min().orElse(Double.NaN);
        double max = Arrays.stream(r).max().orElse(Double.NaN);
        return String.format("%s %d conn %d B: requests per server CPU-second %.2f× %s (min %.2f, max %.2f over %d"
                        + " round(s); goal ≥ %.2f×: %s); p99 %.2f×; raw req/s %.2f× with the servers at %.0f %% and %.0f %%"
                        + " CPU, the client at %.0f %% and %.0f %%", l.label(), conns, size, median, peer.label(), min, max,
                r.length, goal, median >= goal ? "met" : "missed", p99, thr, median(l, cell, "server_cpu_pct"),
                median(peer, cell, "server_cpu_pct"), median(l, cell, "client_cpu_pct"),
                median(peer, cell, "client_cpu_pct"));
    }

    private static double metric(Map<String, Object> m, String metric) {
        return switch (metric) {
            case "cpu_us_per_req" -> d(m, "server_cpu_s") / d(m, "requests") * 1e6;
            case "server_cpu_pct" -> 100 * d(m, "server_cpu_s") / d(m, "seconds");
            case "client_cpu_pct" -> 100 * d(m, "client_cpu_s") / d(m, "seconds");
            default -> d(m, metric);
        };
    }

    private static final String[] METRICS = {"rps", "p50_us", "p99_us", "p999_us", "max_us", "mean_us", "server_cpu_pct",
            "cpu_us_per_req", "client_cpu_pct", "syscalls_per_req", "io_uring_enter_per_req", "context_switches_per_req"};

    private void report(Machine machine) throws IOException {
        Table absolute = new Table("connections", "size B", "server", "req/s", "p50 µs", "p99 µs", "p99.9 µs",
                "server CPU %", "server CPU µs/req", "syscalls/req", "ctx switches/req", "client CPU %");
        List<Object> jsonCells = new ArrayList<>();
        for (int conns : sweep.connections) {
            for (int size : sweep.sizes) {
                String cell = conns + "/" + size;
                for (Kind kind : servers) {
                    if (!samples.getOrDefault(kind, Map.of()).containsKey(cell)) {
                        continue;
                    }
                    absolute.row(conns, size, kind.label(), Table.num(median(kind, cell, "rps")),
                            Table.num(median(kind, cell, "p50_us")), Table.num(median(kind, cell, "p99_us")),
                            Table.num(median(kind, cell, "p999_us")), Table.num(median(kind, cell, "server_cpu_pct")),
                            Table.num(median(kind, cell, "cpu_us_per_req")), Table.num(median(kind, cell, "syscalls_per_req")),
                            Table.num(median(kind, cell, "context_switches_per_req")),
                            Table.num(median(kind, cell, "client_cpu_pct")));
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("server", kind.label());
                    j.put("connections", conns);
                    j.put("size", size);
                    Map<String, Object> med = new LinkedHashMap<>();
                    for (String metric : METRICS) {
                        med.put(metric, median(kind, cell, metric));
                    }
                    j.put("median", med);
                    j.put("rounds", samples.get(kind).get(cell));
                    jsonCells.add(j);
                }
            }
        }

        List<Kind> lio = LIO.stream().filter(servers::contains).toList();
        List<Kind> peers = PEERS.stream().filter(servers::contains).toList();
        List<String> header = new ArrayList<>(List.of("connections", "size B", "lio-uring server"));
        for (Kind peer : peers) {
            header.add("req/s vs " + peer.label());
            header.add("p99 vs " + peer.label());
            header.add("CPU/req vs " + peer.label());
        }
        Table ratios = new Table(header.toArray(String[]::new));
        List<Object> jsonRatios = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        for (int conns : sweep.connections) {
            for (int size : sweep.sizes) {
                String cell = conns + "/" + size;
                for (Kind l : lio) {
                    List<Object> row = new ArrayList<>(List.of(conns, size, l.label()));
                    for (Kind peer : peers) {
                        double thr = median(l, cell, "rps") / median(peer, cell, "rps");
                        double p99 = median(l, cell, "p99_us") / median(peer, cell, "p99_us");
                        double cpu = median(l, cell, "cpu_us_per_req") / median(peer, cell, "cpu_us_per_req");
                        row.add(Table.ratio(thr));
                        row.add(Table.ratio(p99));
                        row.add(Table.ratio(cpu));
                        Map<String, Object> j = new LinkedHashMap<>();
                        j.put("server", l.label());
                        j.put("peer", peer.label());
                        j.put("connections", conns);
                        j.put("size", size);
                        j.put("throughput_ratio", thr);
                        j.put("p99_ratio", p99);
                        j.put("cpu_per_request_ratio", cpu);
                        j.put("requests_per_cpu_second_ratio", 1 / cpu);
                        jsonRatios.add(j);
                        if (GOALS.containsKey(l) && GOALS.get(l).peer() == peer && !Double.isNaN(thr)) {
                            goals.add(goalLine(l, peer, GOALS.get(l).perCpuSecond(), cell, conns, size, p99, thr));
                        }
                    }
                    ratios.row(row.toArray());
                }
            }
        }

        String settings = String.format("Server pinned to CPU %s (one JVM per server, one I/O thread each; a JVM pinned to"
                        + " one CPU sees one processor, so Serial GC and one virtual-thread carrier), client"
                        + " (C, epoll, %d thread(s), one request in flight per connection) pinned to CPU %s; warm-up %.0f s and"
                        + " measured %.0f s per cell, after %.0f s of unmeasured load per message size when a server starts (repeated until"
                        + " the server has used %.1f CPU-seconds); %d round(s), interleaved,"
                        + " medians shown. Server JVM options: %s. When the client's"
                        + " CPU is near 100 %%, the client is the bottleneck: compare server CPU µs per request. System calls and context"
                        + " switches of the server process per request are counted with perf stat (kernel tracepoints) over"
                        + " the measured window: exact whatever else runs on the machine.", sweep.serverCpu,
                sweep.clientThreads, sweep.clientCpu, sweep.warmup, sweep.duration, sweep.serverWarmup, sweep.serverWarmupCpu,
                sweep.rounds,
                String.join(" ", sweep.serverJvmArgs));
        StringBuilder md = new StringBuilder();
        md.append(absolute.markdown()).append('\n');
        md.append("Ratios: lio-uring ÷ peer (req/s: higher is better; p99 and CPU µs per request: lower is better).\n\n");
        md.append(ratios.markdown()).append('\n');
        md.append("Goals (issue 15), counted per server CPU-second: lio-loop ≥ 1.2× Netty io_uring, lio-vt ≥ 1.0× Netty"
                + " epoll, in every cell; each the median of the per-round ratios, with their min and max. Raw req/s only"
                + " compare when both servers had their CPU to themselves (CPU near 100 %, client not saturated).\n\n");
        for (String g : goals) {
            md.append("- ").append(g).append('\n');
        }
        if (!failures.isEmpty()) {
            md.append("\nFailed cells: ").append(String.join("; ", failures)).append('\n');
        }
        new Report("P4 — TCP echo over loopback", machine, sweep.command, settings)
                .markdown(md.toString())
                .json("cells", jsonCells)
                .json("ratios", jsonRatios)
                .json("failures", failures)
                .write(sweep.out, "p4");
    }
}
