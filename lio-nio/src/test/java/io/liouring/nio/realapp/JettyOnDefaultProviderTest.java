package io.liouring.nio.realapp;

import io.liouring.nio.file.LioFileSystemProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real application that serves files, unchanged: Eclipse Jetty's {@code ResourceHandler} serving a directory (cached
 * and mapped, and uncached) and a jar (through the zip file system, which reads the jar through the default
 * provider's channels) to 32 keep-alive connections at once, with ranges, HEAD, conditional requests, listings, names
 * outside ASCII, uploads and files that change between requests ({@link JettyWorkload}), on platform threads and on
 * virtual threads, in a JVM whose default file system provider is lio-nio's, and in one on the JDK's, so that a
 * failure can be told apart from one of Jetty or the test; the answers that depend on how Jetty resolves paths must
 * be the same on both.
 */
class JettyOnDefaultProviderTest {
    @Test
    void jettyServesEveryByteOfItsStaticFilesOnLioNioAsOnTheJdk(@TempDir Path dir) throws Exception {
        compare(dir, "platform");
    }

    /** Jetty's requests on virtual threads: lio-nio's file channels then read and write through the ring. */
    @Test
    void jettyOnVirtualThreadsServesEveryByteOfItsStaticFilesOnLioNioAsOnTheJdk(@TempDir Path dir) throws Exception {
        compare(dir, "virtual");
    }

    private static void compare(Path dir, String threads) throws Exception {
        ChildJvm.Outcome jdk = run(false, dir.resolve("jdk"), threads);
        ChildJvm.Outcome lio = run(true, dir.resolve("lio"), threads);
        System.out.printf("Jetty static files, %s threads: %d ms on the JDK's provider, %d ms on lio-nio's%n", threads,
                jdk.millis(), lio.millis());
        assertTrue(jdk.value("provider").startsWith("sun.nio.fs."), jdk.output());
        assertEquals(LioFileSystemProvider.class.getName(), lio.value("provider"), lio.output());
        // Jetty's paths are the provider's, and their channels the ring's, not the JDK's it falls back to without
        // io_uring
        assertEquals(LioFileSystemProvider.class.getName(), lio.value("resourceProvider"), lio.output());
        assertEquals("io.liouring.nio.file.LioFileChannel", lio.value("channel"), lio.output());
        assertEquals("io.liouring.nio.file.LioFileChannel", lio.value("fileChannel"), lio.output());
        List<String> expected = results(jdk);
        assertTrue(expected.size() >= 20, () -> "too few result lines:\n" + jdk.output());
        assertEquals(String.join("\n", expected), String.join("\n", results(lio)),
                () -> "Jetty's answers on lio-nio's provider differ from the JDK's; lio-nio's run:\n" + lio.output());
    }

    private static ChildJvm.Outcome run(boolean lio, Path dir, String threads) throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(lio, JettyWorkload.class, dir.toString(), threads);
        String which = lio ? "lio-nio's" : "the JDK's";
        assertEquals(0, outcome.exitCode(), () -> "the workload failed on " + which + " provider:\n"
                + outcome.output());
        for (String part : List.of("resources", "everyFile", "ranges", "conditionals", "features", "listing",
                "parallel", "aborted", "upload", "changing", "done")) {
            assertTrue(outcome.lines().contains("ok=" + part), () -> "no ok=" + part + " on " + which + " provider:\n"
                    + outcome.output());
        }
        assertEquals(ParallelLoad.CONNECTIONS * ParallelLoad.REQUESTS + 12,
                Integer.parseInt(outcome.value("parallel.checked")), outcome.output());
        assertTrue(outcome.value("descriptorsAfterAborts").startsWith("0 "), outcome.output());
        assertTrue(outcome.value("descriptorsAfterStop").startsWith("0 "), outcome.output());
        long onVirtual = Long.parseLong(outcome.value("handledOnVirtualThreads"));
        long onPlatform = Long.parseLong(outcome.value("handledOnPlatformThreads"));
        if (threads.equals("virtual")) {
            assertTrue(onVirtual > onPlatform, outcome.output());
        } else {
            assertEquals(0, onVirtual, outcome.output());
        }
        return outcome;
    }

    /** The lines that must be equal on both providers. */
    private static List<String> results(ChildJvm.Outcome outcome) {
        return outcome.lines().stream().filter(line -> line.contains(".result.")).toList();
    }
}
