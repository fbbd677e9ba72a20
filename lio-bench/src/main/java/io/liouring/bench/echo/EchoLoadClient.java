package io.liouring.bench.echo;

import io.liouring.bench.harness.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The C load client of the echo benchmarks (P4, P9: {@code src/main/c/echo_client.c}, epoll, one request in flight
 * per connection), pinned with {@code taskset}, and {@code perf stat} counting the server's system calls and context
 * switches over the client's measured window (kernel tracepoints: exact counts, whatever else the machine runs).
 */
final class EchoLoadClient {
    private final String client;
    private final String cpus;
    private final int threads;
    /** Whether {@code perf} can count the server's system calls; turned off at the first failure. */
    private volatile boolean perf;

    /**
     * @param client  the echo_client binary
     * @param cpus    its taskset CPU list
     * @param threads its threads (each with its own epoll instance)
     * @param perf    whether to count the server's system calls with perf stat
     */
    EchoLoadClient(String client, String cpus, int threads, boolean perf) {
        this.client = client;
        this.cpus = cpus;
        this.threads = threads;
        this.perf = perf;
    }

    /**
     * Runs one cell against the server process {@code serverPid} listening on {@code port}: the client's JSON (rps,
     * latencies, requests, server_cpu_s, client_cpu_s, mismatches...) plus the server's system calls, io_uring_enter
     * calls and context switches per request; null when the client failed or hung.
     */
    Map<String, Object> run(long serverPid, int port, int connections, int size, double warmup, double duration)
            throws Exception {
        List<String> cmd = List.of("taskset", "-c", cpus, client, "--threads", Integer.toString(threads),
                "--port", Integer.toString(port), "--connections", Integer.toString(connections), "--size",
                Integer.toString(size), "--warmup", Double.toString(warmup), "--duration", Double.toString(duration),
                "--server-pid", Long.toString(serverPid));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Map<String, Double>> counts = perf
                ? CompletableFuture.supplyAsync(() -> countServer(serverPid, warmup, duration))
                : CompletableFuture.completedFuture(Map.of());
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(Math.round(warmup + duration) + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0 || output.isEmpty()) {
            System.out.println("  client failed (exit " + p.exitValue() + "): " + output);
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>(Json.object(Json.parse(output)));
        Map<String, Double> c = counts.get(30, TimeUnit.SECONDS);
        double requestsInPerfWindow = Json.numberOrNaN(result, "rps") * c.getOrDefault("seconds", Double.NaN);
        result.put("syscalls_per_req", c.getOrDefault("raw_syscalls:sys_enter", Double.NaN) / requestsInPerfWindow);
        result.put("io_uring_enter_per_req", c.getOrDefault("syscalls:sys_enter_io_uring_enter", Double.NaN)
                / requestsInPerfWindow);
        result.put("context_switches_per_req", c.getOrDefault("context-switches", Double.NaN) / requestsInPerfWindow);
        return result;
    }

    /** The server's counts over the client's measured window with {@code perf stat}; empty if perf is missing. */
    private Map<String, Double> countServer(long pid, double warmup, double duration) {
        Map<String, Double> counts = new LinkedHashMap<>();
        try {
            Thread.sleep(Math.round(warmup * 1000) + 100);
            double seconds = Math.max(0.1, duration - 0.2);
            Process p = new ProcessBuilder("perf", "stat", "-x,", "-e",
                    "raw_syscalls:sys_enter,syscalls:sys_enter_io_uring_enter,context-switches", "-p", Long.toString(pid),
                    "--", "sleep", Double.toString(seconds))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                perf = false;
                System.out.println("  perf stat failed, counting no system calls: " + out.trim());
                return counts;
            }
            for (String line : out.split("\n")) {
                String[] f = line.split(",");
                if (f.length > 2 && !f[0].isEmpty() && Character.isDigit(f[0].charAt(0))) {
                    counts.put(f[2], Double.parseDouble(f[0]));
                }
            }
            counts.put("seconds", seconds);
        } catch (IOException e) {
            perf = false;
            System.out.println("  perf not found, counting no system calls (install linux-perf for them)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }
}
