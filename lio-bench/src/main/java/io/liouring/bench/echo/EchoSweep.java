package io.liouring.bench.echo;

import io.liouring.bench.harness.Options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the echo benchmarks' runners (P4's {@link EchoRunner}, P9's {@link P9Runner}) share: the server JVMs (java,
 * class path, options, pinned CPU), the C load client ({@link EchoLoadClient}) and its CPU, and the sweep of every
 * (connections, message size) cell against a started server, each with its warm-up and measured window.
 */
final class EchoSweep {
    private static final String[] OPTIONS = {"client", "java", "classpath", "connections", "sizes", "warmup",
            "duration", "server-warmup", "rounds", "server-cpu", "client-cpu", "client-threads", "out", "command",
            "server-jvm-arg", "perf", "server-warmup-cpu"};

    /** What a runner does with one cell's result. */
    @FunctionalInterface
    interface CellResult {
        /**
         * @param result the load client's result ({@link EchoLoadClient#run}), or null when the client failed or hung
         */
        void accept(int connections, int size, Map<String, Object> result) throws Exception;
    }

    final String javaBin;
    final String classpath;
    final List<Integer> connections;
    final List<Integer> sizes;
    final double warmup;
    final double duration;
    /** Unmeasured load before a server's first cell, so that the JIT has compiled its paths (seconds per size). */
    final double serverWarmup;
    /**
     * Server CPU-seconds of that warm-up load per size, at least: on a loaded machine a server gets a small share of
     * its CPU, and a warm-up counted in wall seconds leaves the JIT compiling inside the measured cells (its compiler
     * threads' CPU is the server's). 0: wall seconds only.
     */
    final double serverWarmupCpu;
    final int rounds;
    final String serverCpu;
    final String clientCpu;
    final int clientThreads;
    final Path out;
    final String command;
    final List<String> serverJvmArgs;
    private final EchoLoadClient loadClient;

    /** Reads the shared options; {@code --rounds} defaults to {@code defaultRounds}. */
    EchoSweep(Options o, int defaultRounds) {
        String client = o.required("client");
        javaBin = o.string("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        classpath = o.string("classpath", System.getProperty("java.class.path"));
        connections = o.positiveInts("connections", "1,100,500");
        sizes = o.positiveInts("sizes", "64,4096");
        warmup = o.nonNegativeDouble("warmup", 5);
        duration = o.positiveDouble("duration", 10);
        serverWarmup = o.nonNegativeDouble("server-warmup", 5);
        serverWarmupCpu = o.nonNegativeDouble("server-warmup-cpu", 0);
        rounds = o.positiveInt("rounds", defaultRounds);
        serverCpu = o.string("server-cpu", "0");
        clientCpu = o.string("client-cpu", "1");
        clientThreads = o.positiveInt("client-threads", 1);
        out = o.path("out", "bench-results");
        command = o.string("command", "");
        serverJvmArgs = o.all("server-jvm-arg");
        loadClient = new EchoLoadClient(client, clientCpu, clientThreads, o.bool("perf", true));
    }

    /** The shared option names followed by a runner's own, for {@link Options#parse}. */
    static String[] options(String... own) {
        return Stream.concat(Arrays.stream(OPTIONS), Arrays.stream(own)).toArray(String[]::new);
    }

    /**
     * A server JVM's command line: pinned to {@link #serverCpu}, {@link #serverJvmArgs}, then {@code jvmArgs}, the
     * class path, {@code mainClass} and its {@code args}.
     */
    List<String> serverCommand(List<String> jvmArgs, Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", serverCpu, javaBin));
        cmd.addAll(serverJvmArgs);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classpath, mainClass.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Unmeasured load on {@code server} with 100 connections of {@code size} bytes: {@link #serverWarmup} seconds, repeated
     * until the server process has used {@link #serverWarmupCpu} CPU-seconds since, or for at most 20 times that in wall
     * seconds (plus one minute) on a machine too busy to give it that much.
     */
    private void warmUp(EchoServerProcess server, int size) throws Exception {
        double before = cpuSeconds(server.pid());
        long deadline = System.nanoTime() + (long) ((60 + 20 * serverWarmupCpu) * 1e9);
        do {
            loadClient.run(server.pid(), server.port(), 100, size, serverWarmup, 0.1);
        } while (cpuSeconds(server.pid()) - before < serverWarmupCpu && System.nanoTime() < deadline);
    }

    /** The CPU time process {@code pid} has used, in seconds (NaN if the system does not say). */
    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9)
                .orElse(Double.NaN);
    }

    /**
     * Warms {@code server} up ({@link #serverWarmup} seconds of unmeasured load per message size, 100 connections),
     * then measures every cell in turn, connections in the outer loop, handing each result to {@code result}.
     */
    void measure(EchoServerProcess server, CellResult result) throws Exception {
        if (serverWarmup > 0) {
            for (int size : sizes) {
                warmUp(server, size);
            }
        }
        for (int conns : connections) {
            for (int size : sizes) {
                result.accept(conns, size, loadClient.run(server.pid(), server.port(), conns, size, warmup, duration));
            }
        }
    }
}
