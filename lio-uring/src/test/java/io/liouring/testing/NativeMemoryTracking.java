package io.liouring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: the Native Memory Tracking summary of this JVM, read with {@code jcmd <self> VM.native_memory
 * summary}; the JVM must run with {@code -XX:NativeMemoryTracking=summary} (a child JVM, see {@link ChildJvm}).
 * Every {@code Arena} allocation (confined, shared, global or automatic) is a malloc under NMT's "Other" tag, so
 * that tag counts exactly the native memory Java code holds through the FFM API.
 *
 * <p>The first call starts the JVM's attach listener, which keeps a socket open: call it once before counting
 * descriptors.
 */
public final class NativeMemoryTracking {
    private static final Pattern TOTAL_MALLOC = Pattern.compile("Total: .*?\\n\\s*malloc: (\\d+)KB", Pattern.DOTALL);
    private static final Pattern OTHER_MALLOC = Pattern.compile("\\(malloc=(\\d+)KB tag=Other #(\\d+)");

    /** Malloc'd memory in KB: all of it, and the "Other" tag's (FFM {@code Arena} memory) with its count. */
    public record Summary(long mallocKB, long otherKB, long otherAllocations) {
    }

    private NativeMemoryTracking() {
    }

    public static Summary read() {
        String summary = jcmdSummary();
        Matcher total = TOTAL_MALLOC.matcher(summary);
        Matcher other = OTHER_MALLOC.matcher(summary);
        if (!total.find() || !other.find()) {
            throw new IllegalStateException("no malloc totals in the NMT summary (is -XX:NativeMemoryTracking=summary"
                    + " set?):\n" + summary);
        }
        return new Summary(Long.parseLong(total.group(1)), Long.parseLong(other.group(1)), Long.parseLong(other.group(2)));
    }

    private static String jcmdSummary() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "VM.native_memory",
                    "summary").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the NMT summary", e);
        }
    }
}
