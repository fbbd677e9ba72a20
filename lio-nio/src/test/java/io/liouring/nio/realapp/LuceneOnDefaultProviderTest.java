package io.liouring.nio.realapp;

import io.liouring.nio.file.LioFileSystemProvider;
import org.apache.lucene.store.LockStressTest;
import org.apache.lucene.store.LockVerifyServer;
import org.apache.lucene.store.NativeFSLockFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real application that lives on files, unchanged: Apache Lucene, in JVMs whose default file system provider is
 * lio-nio's, compared with the same runs on the JDK's provider.
 * <ul>
 *   <li>{@link LuceneWorkload}: indexing, commits (fsyncing files and the directory), merges, updates, deletes,
 *       near-real-time searches from several threads, the write lock against other writers, {@code CheckIndex};
 *       every answer is checked against what was indexed, and the answers on both providers must be the same;
 *   <li>Lucene's own test suites of {@code NIOFSDirectory}, {@code MMapDirectory} and {@code NativeFSLockFactory}
 *       (randomized; both providers get the same seed, printed);
 *   <li>Lucene's lock stress tool: client JVMs on both providers take and release one {@code NativeFSLockFactory}
 *       lock in turn while {@link LockVerifyServer} checks that no two ever hold it at once.
 * </ul>
 */
class LuceneOnDefaultProviderTest {
    private static final List<String> SUITES = List.of(NioFsDirectorySuite.class.getName(),
            MMapDirectorySuite.class.getName(), NativeFsLockSuite.class.getName());
    private static final Pattern JUNIT4_OK = Pattern.compile("(?m)^OK \\((\\d+) tests\\)$");
    private static final Pattern LISTENING = Pattern.compile("Listening on .*:(\\d+)\\.\\.\\.");
    private static final int LOCK_TRIES = 200;

    @Test
    void luceneIndexesSearchesLocksAndChecksItsIndexOnLioNioAsOnTheJdk(@TempDir Path dir) throws Exception {
        ChildJvm.Outcome jdk = runWorkload(false, dir.resolve("jdk"));
        ChildJvm.Outcome lio = runWorkload(true, dir.resolve("lio"));
        System.out.printf("Lucene workload: %d ms on the JDK's provider, %d ms on lio-nio's%n",
                jdk.millis(), lio.millis());
        assertTrue(jdk.value("provider").startsWith("sun.nio.fs."), jdk.output());
        assertEquals(LioFileSystemProvider.class.getName(), lio.value("provider"), lio.output());
        List<String> expected = results(jdk);
        assertTrue(expected.size() >= 12, () -> "too few result lines:\n" + jdk.output());
        assertEquals(String.join("\n", expected), String.join("\n", results(lio)),
                () -> "the answers on lio-nio's provider differ from the JDK's; lio-nio's run:\n" + lio.output());
    }

    @Test
    void lucenesOwnDirectoryAndLockSuitesPassOnLioNioAsOnTheJdk() throws Exception {
        String seed = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).toUpperCase();
        List<String> options = List.of("-Dtests.seed=" + seed);
        String[] suites = SUITES.toArray(String[]::new);
        ChildJvm.Outcome jdk = ChildJvm.run(false, options, "org.junit.runner.JUnitCore", suites);
        ChildJvm.Outcome lio = ChildJvm.run(true, options, "org.junit.runner.JUnitCore", suites);
        System.out.printf("Lucene's directory suites, seed %s: %d ms on the JDK's provider, %d ms on lio-nio's%n",
                seed, jdk.millis(), lio.millis());
        String passed = testsPassed(jdk, "the JDK's", seed);
        assertEquals(passed, testsPassed(lio, "lio-nio's", seed));
    }

    @Test
    void nativeFsLocksKeepJvmsOnBothProvidersOutOfEachOthersWay(@TempDir Path dir) throws Exception {
        boolean[] clientOnLio = {true, false, true, false};
        Process server = ChildJvm.start(false, List.of(), LockVerifyServer.class.getName(), "127.0.0.1",
                Integer.toString(clientOnLio.length));
        BufferedReader serverOutput = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> serverLines = new ArrayList<>();
        String port = null;
        for (String line; port == null && (line = serverOutput.readLine()) != null; ) {
            serverLines.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                port = m.group(1);
            }
        }
        assertNotNull(port, () -> "the lock verify server did not say where it listens:\n" + serverLines);
        List<Future<ChildJvm.Outcome>> clients = new ArrayList<>();
        // every client at once: the server fires its starting gun only when all are connected
        try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int id = 0; id < clientOnLio.length; id++) {
                boolean lio = clientOnLio[id];
                String[] args = {Integer.toString(id), "127.0.0.1", port, NativeFSLockFactory.class.getName(),
                        dir.toString(), "1", Integer.toString(LOCK_TRIES)};
                clients.add(starter.submit(() -> ChildJvm.run(lio, List.of(), LockStressTest.class.getName(), args)));
            }
        }
        for (int id = 0; id < clientOnLio.length; id++) {
            ChildJvm.Outcome client = clients.get(id).get();
            String which = clientOnLio[id] ? "lio-nio's" : "the JDK's";
            assertEquals(0, client.exitCode(), "lock stress client " + id + " on " + which + " provider:\n"
                    + client.output());
            assertTrue(client.output().contains("Finished " + LOCK_TRIES + " tries."), client.output());
        }
        serverOutput.lines().forEach(serverLines::add);
        int exit = ChildJvm.finish(server);
        String serverText = serverLines.stream().collect(Collectors.joining("\n"));
        assertEquals(0, exit, serverText);
        assertTrue(serverText.contains("Server terminated."), serverText);
        // a client that got the lock while another held it ends the server's thread with an exception
        assertFalse(serverText.contains("Exception"), serverText);
    }

    private static ChildJvm.Outcome runWorkload(boolean lio, Path dir) throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(lio, LuceneWorkload.class, dir.toString());
        String which = lio ? "lio-nio's" : "the JDK's";
        assertEquals(0, outcome.exitCode(), () -> "the workload failed on " + which + " provider:\n" + outcome.output());
        assertEquals("done", outcome.value("ok"), outcome.output());
        for (String kind : List.of("niofs", "mmap")) {
            assertEquals("0", outcome.value(kind + ".descriptorsAfterClose"), outcome.output());
        }
        return outcome;
    }

    /** The lines that must be equal on both providers. */
    private static List<String> results(ChildJvm.Outcome outcome) {
        return outcome.lines().stream().filter(line -> line.contains(".result.")).toList();
    }

    /** How many tests JUnit 4 reported passed, all of them; fails showing the output otherwise. */
    private static String testsPassed(ChildJvm.Outcome outcome, String which, String seed) {
        Matcher ok = JUNIT4_OK.matcher(outcome.output());
        assertTrue(outcome.exitCode() == 0 && ok.find(),
                () -> "Lucene's suites failed on " + which + " provider (seed " + seed + "):\n" + outcome.output());
        return ok.group(1);
    }
}
