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
 * that tag counts exactly the native memory Java code holds through the FFM API. HotSpot's own pool of arena chunks
 * (tag "Arena Chunk", the JIT compilers' scratch memory) has nothing to do with FFM arenas: it grows and shrinks by
 * megabytes as compilations come and go and a periodic cleaner frees it, so leak checks leave it out of the total.
 *
 * <p>The first call starts the JVM's attach listener, which keeps a socket open: call it once before counting
 * descriptors.
 */
public final class NativeMemoryTracking {
    private static final Pattern TOTAL_MALLOC = Pattern.compile("Total: .*?\\n\\s*malloc: (\\d+)KB", Pattern.DOTALL);
    private static final Pattern OTHER_MALLOC = Pattern.compile("\\(malloc=(\\d+)KB tag=Other #(\\d+)");
    private static final Pattern CHUNK_POOL_MALLOC = Pattern.compile("\\(malloc=(\\d+)KB tag=Arena Chunk\\b");

    /**
     * Malloc'd memory in KB: all of it, the "Other" tag's (FFM {@code Arena} memory) with its count, and HotSpot's
     * chunk pool ("Arena Chunk").
     */
    public record Summary(long mallocKB, long otherKB, long otherAllocations, long chunkPoolKB) {
        /** Malloc'd memory in KB outside HotSpot's chunk pool: what a leak check can hold flat. */
        public long mallocOutsideChunkPoolKB() {
            return mallocKB - chunkPoolKB;
        }
    }

    private NativeMemoryTracking() {
    }

    public static Summary read() {
        String summary = jcmdSummary();
        Matcher total = TOTAL_MALLOC.matcher(summary);
        Matcher other = OTHER_MALLOC.matcher(summary);
        Matcher chunkPool = CHUNK_POOL_MALLOC.matcher(summary);
        if (!total.find() || !other.find()) {
            throw new IllegalStateException("no malloc totals in the NMT summary (is -XX:NativeMemoryTracking=summary"
                    + " set?):\n" + summary);
        }
        return new Summary(Long.parseLong(total.group(1)), Long.parseLong(other.group(1)), Long.parseLong(other.group(2)),
                chunkPool.find() ? Long.parseLong(chunkPool.group(1)) : 0); // NMT omits a tag's malloc line at 0
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
