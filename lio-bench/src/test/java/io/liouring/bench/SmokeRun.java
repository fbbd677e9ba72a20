package io.liouring.bench;

import io.liouring.bench.harness.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A benchmark runner's {@code main} run by a smoke test with tiny settings, writing into {@code target/smoke-NAME};
 * what it wrote ({@code NAME.json}, {@code NAME.md}, or the report name the runner uses) is read back for the
 * assertions.
 */
public final class SmokeRun {
    /** A runner's {@code main}. */
    @FunctionalInterface
    public interface Main {
        void run(String[] args) throws Exception;
    }

    private final Path out;
    private final String report;

    private SmokeRun(String name, String report) {
        this.report = report;
        this.out = Path.of("target", "smoke-" + name);
    }

    /** Runs {@code main} with {@code args} and {@code --out target/smoke-NAME}; its report is {@code NAME.json}. */
    public static SmokeRun of(String name, Main main, String... args) throws Exception {
        return of(name, name, main, args);
    }

    /**
     * Runs {@code main} with {@code args} and {@code --out target/smoke-NAME}, for a runner whose report is
     * {@code REPORT.json} (a second smoke run of one runner, in a directory of its own).
     */
    public static SmokeRun of(String name, String report, Main main, String... args) throws Exception {
        SmokeRun run = new SmokeRun(name, report);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", run.out.toString()));
        main.run(all.toArray(String[]::new));
        return run;
    }

    /** Where the runner wrote, for inputs that belong beside its results (a data file). */
    public static Path dir(String name) {
        return new SmokeRun(name, name).out;
    }

    public Map<String, Object> json() throws IOException {
        return Json.object(Json.parse(Files.readString(out.resolve(report + ".json"))));
    }

    public String markdown() throws IOException {
        return Files.readString(out.resolve(report + ".md"));
    }
}
