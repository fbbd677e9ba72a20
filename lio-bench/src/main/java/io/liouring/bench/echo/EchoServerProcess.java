package io.liouring.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An echo server in a JVM of its own (P4, P9): started from a command line, ready once it prints
 * {@code READY <port>} on stdout, its stderr in a log file; stopped by closing its stdin.
 */
final class EchoServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private EchoServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code command} and waits (up to a minute) for its READY line; fails with the log if it never comes. */
    static EchoServerProcess start(List<String> command, String label, Path log) throws Exception {
        Process server = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            return new EchoServerProcess(server, awaitReady(server, label, log));
        } catch (Exception | Error e) {
            server.destroyForcibly().waitFor();
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    private static int awaitReady(Process server, String label, Path log) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String l;
                while ((l = stdout.readLine()) != null) {
                    if (l.startsWith("READY ")) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String ready = line.get(60, TimeUnit.SECONDS);
        if (ready == null) {
            throw new IllegalStateException(label + " did not start; see " + log + ":\n" + Files.readString(log));
        }
        // Keep draining stdout so the server never blocks on it.
        Thread.ofPlatform().daemon().start(() -> {
            try {
                stdout.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the server ended
            }
        });
        return Integer.parseInt(ready.substring(6).trim());
    }

    /** Closes the server's stdin (it stops serving and exits); kills it if it has not exited within 15 s. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
