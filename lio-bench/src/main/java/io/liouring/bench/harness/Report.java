package io.liouring.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark's results, twice: a Markdown section for BENCHMARKS.md and a JSON document, both opening with the
 * title, the machine, the command line and the settings. {@link #write} saves them as {@code <name>.md} and
 * {@code <name>.json}.
 */
public final class Report {
    private final StringBuilder markdown = new StringBuilder();
    private final Map<String, Object> json = new LinkedHashMap<>();

    /**
     * @param title    e.g. "P4 — TCP echo over loopback"
     * @param command  the command line that ran it
     * @param settings one paragraph: what ran, how long, how it was measured
     */
    public Report(String title, Machine machine, String command, String settings) {
        markdown.append("### ").append(title).append("\n\n")
                .append(machine.markdown()).append("\n\n")
                .append("Command: `").append(command).append("`\n\n")
                .append(settings).append("\n\n");
        json.put("benchmark", title);
        json.put("machine", machine.toJson());
        json.put("command", command);
        json.put("settings", settings);
    }

    /** Appends Markdown text (a table, a paragraph...) to the section. */
    public Report markdown(String text) {
        markdown.append(text);
        return this;
    }

    /** Adds a field to the JSON document: a number, string, boolean, or a tree of maps and lists of them. */
    public Report json(String key, Object value) {
        json.put(key, value);
        return this;
    }

    /** Prints the Markdown section, writes {@code <name>.md} and {@code <name>.json} into {@code dir}, and says so. */
    public void write(Path dir, String name) throws IOException {
        System.out.println();
        System.out.print(markdown);
        Files.createDirectories(dir);
        Path md = dir.resolve(name + ".md");
        Path js = dir.resolve(name + ".json");
        Files.writeString(md, markdown);
        Files.writeString(js, Json.write(json));
        System.out.println("wrote " + js + " and " + md);
    }
}
