package io.liouring.nio.realapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What a child JVM printed (standard output and error merged), read while it runs so that it never blocks on a full pipe. */
final class ChildOutput {
    private ChildOutput() {
    }

    /**
     * Waits up to {@code seconds} for {@code process} to end and returns its output; kills it and throws
     * {@link IllegalStateException} with the output so far if it does not end in time.
     */
    static String await(Process process, long seconds) throws InterruptedException {
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (output) {
                    output.append(text);
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("reading the child's output failed: ").append(e);
                }
            }
        });
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join();
            throw new IllegalStateException("the child JVM did not end within " + seconds + " s; its output:\n"
                    + output);
        }
        reader.join();
        synchronized (output) {
            return output.toString();
        }
    }
}
