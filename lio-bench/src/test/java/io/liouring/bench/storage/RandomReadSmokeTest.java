package io.liouring.bench.storage;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.RandomFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the P2/P3 harness working: every in-JVM contender runs for a moment on a small file and reports reads, and
 * a whole tiny run (without fio) writes its JSON and Markdown. Sizes are tiny and nothing about speed is asserted.
 * The file lives under {@code target/}, on the disk of the build, because O_DIRECT needs a real file system.
 */
class RandomReadSmokeTest {
    private static final Path DIR = Path.of("target", "smoke-p2p3");
    private static final Path FILE = DIR.resolve("random-1m.bin");
    private static final long SIZE = 1 << 20;

    @BeforeAll
    static void createFile() throws IOException {
        RandomFile.ensure(FILE, SIZE);
    }

    private static ReadSpec spec(boolean direct) {
        return new ReadSpec(FILE, SIZE, 4096, direct, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static void assertSane(ReadResult r) {
        assertTrue(r.reads() > 0, r.toString());
        assertTrue(r.p50Nanos() > 0 && r.p50Nanos() <= r.p99Nanos(), r.toString());
        assertEquals(0.2, r.seconds(), 1e-9);
    }

    @Test
    void testFileHasTheRequestedSizeAndIsReusedAsIs() throws IOException {
        assertEquals(SIZE, Files.size(FILE));
        var modified = Files.getLastModifiedTime(FILE);
        RandomFile.ensure(FILE, SIZE);
        assertEquals(modified, Files.getLastModifiedTime(FILE));
    }

    @Test
    void ringReadsWithODirect() {
        assertSane(RingReads.measure(spec(true), 1, 8, 1));
    }

    @Test
    void ringReadsWaitingForBatchesOnTwoRings() {
        ReadResult r = RingReads.measure(spec(false), 2, 8, 4);
        assertSane(r);
        assertEquals(2, r.threads());
    }

    @Test
    void fileChannelReadsWithODirectOnTwoThreads() {
        assertSane(ChannelReads.measure(spec(true), 2));
    }

    @Test
    void asynchronousFileChannelReadsWithODirect() {
        assertSane(AsyncChannelReads.measure(spec(true), 4));
    }

    @Test
    void aTinyRunWithoutFioWritesJsonAndMarkdown() throws IOException {
        Path out = DIR.resolve("out");
        RandomReadBench.main(new String[] {"--file", FILE.toString(), "--file-mib", "1", "--warmup", "0.05",
                "--duration", "0.1", "--depths", "1,8", "--channel-threads", "1,2", "--async-depths", "4",
                "--p3-threads", "2", "--p3-depth", "8", "--fio", "none", "--out", out.toString()});
        Map<String, Object> json = Json.object(Json.parse(Files.readString(out.resolve("p2p3.json"))));
        // depth 1, depth 8, depth 8 batch 2; FileChannel 1 and 2 threads; AsynchronousFileChannel depth 4
        assertEquals(6, Json.array(json.get("p2")).size());
        assertEquals(3, Json.array(json.get("p3")).size()); // 2 rings, 2 rings batch 2, FileChannel 2 threads
        List<Object> goals = Json.array(json.get("goals"));
        assertEquals(2, goals.size()); // no fio, no 32 threads: lio-uring vs FileChannel on 1 thread (P2) and 2 (P3)
        String md = Files.readString(out.resolve("p2p3.md"));
        assertTrue(md.contains("### P2") && md.contains("### P3") && md.contains("| lio-uring | 1 | 8 |"), md);
    }
}
