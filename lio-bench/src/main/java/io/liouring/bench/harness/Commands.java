package io.liouring.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Short external commands whose output a report quotes ({@code fio --version}, {@code findmnt}, {@code fincore}...). */
public final class Commands {
    private Commands() {
    }

    /** The trimmed output (stdout and stderr) of a command, or "" if it cannot be run or fails. */
    public static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
