package io.liouring.bench.echo;

import io.liouring.bench.harness.Goal;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.ProviderSide;
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
 * Runs benchmark P9, an unchanged NIO.2 echo server: {@link Nio2EchoServerMain} in a JVM of its own pinned to one
 * CPU, once on the JDK's {@code AsynchronousChannelProvider} and once on lio-nio's (only
 * {@code -Djava.nio.channels.spi.AsynchronousChannelProvider} differs), driven by P4's C load client
 * ({@link EchoLoadClient}) pinned to another CPU, for every (connections, message size) cell. Each round starts each
 * side's server once (rounds interleave the sides); each cell is the median of the rounds with min and max. Prints
 * the tables and the ratios lio ÷ JDK and writes {@code p9.json} and {@code p9.md}. A side whose provider class is
 * not on the class path is reported as not run, never estimated.
 *
 * <p>Options: {@code --client PATH} (required), {@code --java PATH}, {@code --classpath CP} (of the server JVMs; this
 * JVM's by default), {@code --sides jdk,lio}, {@code --lio-provider CLASS}, {@code --connections 1,100,500},
 * {@code --sizes 64,4096}, {@code --group-threads N}, {@code --warmup S}, {@code --duration S},
 * {@code --server-warmup S}, {@code --rounds N}, {@code --server-cpu CPUS}, {@code --client-cpu CPUS},
 * {@code --client-threads N}, {@code --out DIR}, {@code --command TEXT}, {@code --server-jvm-arg ARG} (repeatable),
 * {@code --perf true|false}, {@code --server-warmup-cpu S} (server CPU-seconds of warm-up load per size, at least).
 */
public final class P9Runner {
    private static final double GOAL = 1.3;
    /** A process at or above this share of its CPU is taken as saturated. */
    private static final double SATURATED_PCT = 90;

    private final EchoSweep sweep;
    private final List<ProviderSide> sides = new ArrayList<>();
    private final int groupThreads;
    /** side -> "connections/size" -> one result per round. */
    private final Map<String, Map<String, List<Map<String, Object>>>> samples = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    private P9Runner(Options o) {
        sweep = new EchoSweep(o, 3);
        String lioProvider = o.string("lio-provider", "io.liouring.nio.channels.LioChannelProvider");
        for (String s : o.string("sides", "jdk,lio").split(",")) {
            sides.add(switch (s) {
                case "jdk" -> ProviderSide.jdk();
                case "lio" -> ProviderSide.lio(Nio2EchoServerMain.PROPERTY, lioProvider, sweep.classpath);
                default -> throw new IllegalArgumentException("--sides takes jdk, lio: " + s);
            });
        }
        groupThreads = o.positiveInt("group-threads", 1);
    }

    public static void main(String[] args) throws Exception {
        new P9Runner(Options.parse(args, EchoSweep.options("sides", "lio-provider", "group-threads"))).run();
    }

    private void run() throws Exception {
        Machine machine = Machine.describe();
        Files.createDirectories(sweep.out.resolve("p9-logs"));
        System.out.printf("P9 NIO.2 echo: server (group of %d thread(s)) on CPU %s, client (%d thread(s)) on CPU %s;"
                        + " %s connections x %s B; warm-up %.0f s, measured %.0f s per cell; %d round(s)%n", groupThreads,
                sweep.serverCpu, sweep.clientThreads, sweep.clientCpu, sweep.connections, sweep.sizes, sweep.warmup,
                sweep.duration, sweep.rounds);
        for (ProviderSide side : sides) {
            side.missing().ifPresent(why -> System.out.println("  " + side.name() + ": " + why));
        }
        for (int round = 1; round <= sweep.rounds; round++) {
            for (ProviderSide side : sides) {
                if (side.runnable()) {
                    runServer(side, round);
                }
            }
        }
        report(machine);
    }

    private void runServer(ProviderSide side, int round) throws Exception {
        List<String> cmd = sweep.serverCommand(side.jvmArgs(), Nio2EchoServerMain.class, "0",
                Integer.toString(groupThreads));
        Path log = sweep.out.resolve("p9-logs").resolve(side.name() + "-round" + round + ".log");
        try (EchoServerProcess server = EchoServerProcess.start(cmd, "P9 server on the " + side.label(), log)) {
            sweep.measure(server, (conns, size, r) -> {
                String cell = conns + "/" + size;
                if (r == null || Json.numberOrNaN(r, "mismatches") != 0) {
                    failures.add(side.name() + " " + cell + " round " + round + (r == null ? "" : ": wrong echo"));
                    return;
                }
                samples.computeIfAbsent(side.name(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(cell, k -> new ArrayList<>()).add(r);
                System.out.printf("  round %d %-3s %4d conn %5d B: %,9.0f req/s  p99 %8.1f us  %,9.0f req per server"
                                + " CPU-s  server CPU %5.1f %%  client CPU %5.1f %%  %5.2f syscalls/req%n", round,
                        side.name(), conns, size, d(r, "rps"), d(r, "p99_us"), metric(r, "requests_per_server_cpu_s"),
                        metric(r, "server_cpu_pct"), metric(r, "client_cpu_pct"), d(r, "syscalls_per_req"));
            });
        }
    }

    private static double d(Map<String, Object> m, String key) {
        return Json.numberOrNaN(m, key);
    }

    private static double metric(Map<String, Object> m, String metric) {
        return switch (metric) {
            case "requests_per_server_cpu_s" -> d(m, "requests") / d(m, "server_cpu_s");
            case "server_cpu_us_per_req" -> d(m, "server_cpu_s") / d(m, "requests") * 1e6;
            case "client_cpu_us_per_req" -> d(m, "client_cpu_s") / d(m, "requests") * 1e6;
            case "server_cpu_pct" -> 100 * d(m, "server_cpu_s") / d(m, "seconds");
            case "client_cpu_pct" -> 100 * d(m, "client_cpu_s") / d(m, "seconds");
            default -> d(m, metric);
        };
    }

    private double[] values(String side, String cell, String metric) {
        return samples.getOrDefault(side, Map.of()).getOrDefault(cell, List.of()).stream()
                .mapToDouble(m -> metric(m, metric)).toArray();
    }

    private double median(String side, String cell, String metric) {
        return Stats.median(values(side, cell, metric));
    }

    private static final String[] METRICS = {"rps", "p50_us", "p99_us", "p999_us", "requests_per_server_cpu_s",
            "server_cpu_us_per_req", "server_cpu_pct", "client_cpu_pct", "client_cpu_us_per_req", "syscalls_per_req",
            "io_uring_enter_per_req", "context_switches_per_req"};

    /**
     * Which process had its CPU full in a cell: server, client, both, or neither (each connection waits for its one
     * request in flight, or other work on the machine took the CPU).
     */
    private String boundBy(String side, String cell) {
        boolean server = median(side, cell, "server_cpu_pct") >= SATURATED_PCT;
        boolean client = median(side, cell, "client_cpu_pct") >= SATURATED_PCT;
        return server && client ? "both" : server ? "server" : client ? "client" : "neither (waiting)";
    }

    private void report(Machine machine) throws IOException {
        Table absolute = new Table("connections", "size B", "provider", "req/s", "p99 µs", "req per server CPU-s",
                "server CPU %", "client CPU %", "client CPU µs/req", "syscalls/req", "saturated CPU");
        Table ratios = new Table("connections", "size B", "req per server CPU-s lio ÷ JDK", "req/s lio ÷ JDK",
                "p99 lio ÷ JDK");
        List<Object> jsonCells = new ArrayList<>();
        List<Object> jsonRatios = new ArrayList<>();
        List<Object> goals = new ArrayList<>();
        StringBuilder goalText = new StringBuilder();
        for (int conns : sweep.connections) {
            for (int size : sweep.sizes) {
                String cell = conns + "/" + size;
                for (ProviderSide side : sides) {
                    String s = side.name();
                    if (!side.runnable()) {
                        absolute.row(conns, size, side.label(), "not run", "not run", "not run", "", "", "", "", "");
                        continue;
                    }
                    if (values(s, cell, "rps").length == 0) {
                        continue;
                    }
                    absolute.row(conns, size, side.label(), Table.spread(values(s, cell, "rps")),
                            Table.spread(values(s, cell, "p99_us")), Table.spread(values(s, cell, "requests_per_server_cpu_s")),
                            Table.num(median(s, cell, "server_cpu_pct")), Table.num(median(s, cell, "client_cpu_pct")),
                            Table.num(median(s, cell, "client_cpu_us_per_req")), Table.num(median(s, cell, "syscalls_per_req")),
                            boundBy(s, cell));
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("side", s);
                    j.put("connections", conns);
                    j.put("size", size);
                    Map<String, Object> med = new LinkedHashMap<>();
                    for (String metric : METRICS) {
                        double[] v = values(s, cell, metric);
                        med.put(metric, Stats.median(v));
                        med.put(metric + "_min", Arrays.stream(v).min().orElse(Double.NaN));
                        med.put(metric + "_max", Arrays.stream(v).max().orElse(Double.NaN));
                    }
                    j.put("median", med);
                    j.put("saturated", boundBy(s, cell));
                    j.put("rounds", samples.get(s).get(cell));
                    jsonCells.add(j);
                }
                double perCpu = median("lio", cell, "requests_per_server_cpu_s") / median("jdk", cell, "requests_per_server_cpu_s");
                double rps = median("lio", cell, "rps") / median("jdk", cell, "rps");
                double p99 = median("lio", cell, "p99_us") / median("jdk", cell, "p99_us");
                ratios.row(conns, size, Table.ratio(perCpu), Table.ratio(rps), Table.ratio(p99));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("connections", conns);
                r.put("size", size);
                r.put("requests_per_cpu_second_ratio", perCpu);
                r.put("throughput_ratio", rps);
                r.put("p99_ratio", p99);
                jsonRatios.add(r);
                goals.add(Goal.json(String.format("P9 NIO.2 echo %d conn %d B: requests per server CPU-second lio ÷ JDK",
                        conns, size), perCpu, GOAL));
                goalText.append(String.format("- %d connections × %d B: %s requests per server CPU-second (goal ≥ %.1f×:"
                                + " %s); req/s %s, p99 %s.%n", conns, size, Table.ratio(perCpu), GOAL,
                        Goal.verdict(perCpu >= GOAL, perCpu), Table.ratio(rps),
                        Table.ratio(p99)));
            }
        }
        String settings = String.format("The same NIO.2 echo server (AsynchronousServerSocketChannel, a fixed-pool"
                        + " AsynchronousChannelGroup of %d thread(s), completion handlers, a 64 KiB direct buffer per"
                        + " connection; no lio-uring API) in a JVM of its own pinned to CPU %s, on the JDK's provider and"
                        + " on lio-nio's (-D%s=%s added, nothing else). Load: P4's C client (epoll, %d thread(s), one request in flight per"
                        + " connection, every echo compared with what was sent) pinned to CPU %s. Warm-up %.0f s and measured %.0f s per cell,"
                        + " after %.0f s of unmeasured load per message size when a server starts (repeated until the server has used"
                        + " %.1f CPU-seconds); %d round(s) interleaving the"
                        + " providers; each cell: median (min–max). Server CPU: utime + stime of the server process over the"
                        + " measured window (/proc/PID/stat, read by the client). The client is not the bottleneck where its"
                        + " CPU is below %.0f %% (column \"saturated CPU\"; \"neither\": each connection waits for its one"
                        + " request in flight, or other work on the machine took the CPU); requests per server CPU-second"
                        + " compare the servers whichever side is saturated. Server JVM options: %s.", groupThreads,
                sweep.serverCpu, Nio2EchoServerMain.PROPERTY, sides.stream().filter(s -> !s.provider().isEmpty())
                        .map(ProviderSide::provider).findFirst().orElse("-"), sweep.clientThreads, sweep.clientCpu,
                sweep.warmup, sweep.duration, sweep.serverWarmup, sweep.serverWarmupCpu, sweep.rounds, SATURATED_PCT,
                String.join(" ", sweep.serverJvmArgs));
        StringBuilder md = new StringBuilder();
        md.append(absolute.markdown()).append('\n');
        md.append(ratios.markdown()).append('\n');
        md.append("Goal (≥ 1.3× requests per server CPU-second, lio-nio's provider against the JDK's):\n\n").append(goalText);
        for (ProviderSide side : sides) {
            side.missing().ifPresent(why -> md.append("\nNot measured: ").append(why).append(".\n"));
        }
        if (!failures.isEmpty()) {
            md.append("\nFailed cells: ").append(String.join("; ", failures)).append('\n');
        }
        new Report("P9 — unchanged NIO.2 echo server", machine, sweep.command, settings)
                .markdown(md.toString())
                .json("sides", sides.stream().map(ProviderSide::toJson).toList())
                .json("cells", jsonCells)
                .json("ratios", jsonRatios)
                .json("goals", goals)
                .json("failures", failures)
                .write(sweep.out, "p9");
    }
}
