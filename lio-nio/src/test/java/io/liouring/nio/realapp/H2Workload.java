package io.liouring.nio.realapp;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.tools.Restore;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The H2 database, unchanged and embedded, on whatever default file system provider this JVM was started with
 * (started by {@link H2OnDefaultProviderTest}). For each of H2's file-system prefixes in {@link #PREFIXES} it writes
 * {@link ChecksummedTable} from {@value ChecksummedTable#WRITERS} threads in transactions, takes an online
 * {@code BACKUP TO} zip, shows that the open database is locked against another process ({@link H2LockProbe}) and
 * against a second store in this JVM, closes it (which releases the lock for the other process), reopens and
 * verifies every byte, compacts it ({@code SHUTDOWN COMPACT}, which rewrites the file and moves it into place) and
 * verifies again, round-trips it through {@code SCRIPT TO} and {@code RUNSCRIPT FROM}, restores the backup zip with
 * H2's {@link Restore} and verifies both copies. In the end no descriptor of a file under the directory may be open.
 *
 * <p>Prints {@code provider=}, the classes of the channels {@code FileChannel.open} and
 * {@code AsynchronousFileChannel.open} give, one {@code ok=PREFIX:STEP} line per step that passed, the digest every
 * verification read ({@code digest=}) and each step's time ({@code ms.PREFIX:STEP=}). Any failure ends the JVM with
 * a non-zero exit code and the stack trace.
 */
public final class H2Workload {
    /**
     * H2 2.x's prefixes for its disk files, by the name the output uses. {@code file} (the default, as no prefix) and
     * {@code nio} are the same file system in H2 2.x, {@code FileChannel.open} on {@code Paths.get}: both reach the
     * default provider's {@code newFileChannel}. {@code async} opens an {@code AsynchronousFileChannel} the same way.
     * {@code nioMapped} opens a {@code FileChannel} and maps the whole file, remapping it as the file grows.
     * {@code retry} wraps the {@code FileChannel} of {@code file} and opens it again (and locks it again) whenever a
     * call fails with {@code ClosedChannelException}, as an interrupt makes it: one of its writers, and its reader
     * after the reopen, are interrupted every millisecond ({@link Interrupter}), and must lose and misread nothing.
     */
    static final Map<String, String> PREFIXES = prefixes();
    /** The steps each prefix passes, in order. */
    static final List<String> STEPS = List.of("written", "backup", "lockedInJvm", "readOnly", "reopened", "compacted",
            "runscript", "restored");
    /**
     * A small cache, so that verifying reads the file rather than H2's page cache; few result rows in memory, so
     * that a sorted query spills its result into a temporary file.
     */
    private static final String SETTINGS = ";CACHE_SIZE=2048;MAX_MEMORY_ROWS=200";
    /** Streams results instead of keeping them, in memory or in a temporary file. */
    private static final String LAZY = ";LAZY_QUERY_EXECUTION=TRUE";
    /** Opens the database read-only: H2 opens the file with mode {@code "r"} and locks it shared. */
    private static final String READ_ONLY = ";ACCESS_MODE_DATA=r";

    private H2Workload() {
    }

    private static Map<String, String> prefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("file", "");
        prefixes.put("nio", "nio:");
        prefixes.put("async", "async:");
        prefixes.put("nioMapped", "nioMapped:");
        prefixes.put("retry", "retry:");
        return prefixes;
    }

    /** {@code args[0]}: an empty directory to work in; {@code java.io.tmpdir} must name a directory under it. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        // H2 puts the temporary files of large results there (started with -Djava.io.tmpdir=DIR/tmp)
        Path temp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        if (!temp.startsWith(dir)) {
            throw new IllegalArgumentException("java.io.tmpdir must lie under " + dir + ", not " + temp);
        }
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        printChannelClasses(dir);

        Map<String, Connection> held = new LinkedHashMap<>();
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            String name = prefix.getKey();
            String url = url(prefix.getValue(), dir, name);
            held.put(name, timed(name, "written", () -> {
                Connection connection = DriverManager.getConnection(url);
                populate(connection, url, name.equals("retry"));
                verified(name, "written", connection);
                return connection;
            }));
            timed(name, "backup", () -> {
                try (Statement s = held.get(name).createStatement()) {
                    // everything written first, so that H2's background writer has no chunk to add while the
                    // backup copies the file: once, on a loaded machine (load 7.8), a backup of the nioMapped
                    // database on the JDK's own provider restored to "Chunk 4 not found" without this
                    s.execute("CHECKPOINT SYNC");
                    s.execute("BACKUP TO '" + dir.resolve(name + "-backup.zip") + "'");
                }
                return null;
            });
        }

        List<String> urls = PREFIXES.entrySet().stream().map(p -> url(p.getValue(), dir, p.getKey())).toList();
        H2LockProbe.expect(urls, List.of());
        System.out.println("ok=lockedForAnotherProcess");
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            String name = prefix.getKey();
            timed(name, "lockedInJvm", () -> {
                expectLockedInJvm(prefix.getValue() + dir.resolve(name).resolve("db.mv.db"));
                return null;
            });
        }
        for (Connection connection : held.values()) {
            connection.close();
        }
        held.clear();

        // read-only, H2 opens the file for reading only and takes a shared lock: another process may share it
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            String name = prefix.getKey();
            held.put(name, timed(name, "readOnly", () -> {
                Connection connection = DriverManager.getConnection(url(prefix.getValue(), dir, name) + READ_ONLY);
                verified(name, "readOnly", connection);
                return connection;
            }));
        }
        H2LockProbe.expect(urls, urls.stream().map(url -> url + READ_ONLY).toList());
        System.out.println("ok=sharedWithAnotherProcess");
        for (Connection connection : held.values()) {
            connection.close();
        }

        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            reopenCompactAndRestore(dir, prefix.getKey(), prefix.getValue());
        }

        List<String> open = OpenDescriptors.under(dir);
        if (!open.isEmpty()) {
            throw new IllegalStateException("descriptors still open on files under " + dir + ": " + open);
        }
        System.out.println("ok=noDescriptorLeft");
        try (Stream<Path> left = Files.list(temp)) {
            List<Path> files = left.toList();
            if (!files.isEmpty()) {
                throw new IllegalStateException("H2's temporary files are left: " + files);
            }
        }
        System.out.println("ok=noTemporaryFileLeft");
    }

    /** The JDBC URL of the database of prefix {@code name}. */
    static String url(String prefix, Path dir, String name) {
        return "jdbc:h2:" + prefix + dir.resolve(name).resolve("db") + SETTINGS;
    }

    /** Which channel classes H2's {@code FileChannel.open} and {@code AsynchronousFileChannel.open} calls get here. */
    private static void printChannelClasses(Path dir) throws IOException {
        Path probe = dir.resolve("channel-probe");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            System.out.println("channel=" + channel.getClass().getName());
        }
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(probe, StandardOpenOption.READ)) {
            System.out.println("asyncChannel=" + channel.getClass().getName());
        }
        Files.delete(probe);
    }

    /** Creates the tables and fills them from {@link ChecksummedTable#WRITERS} threads, each on its own connection. */
    private static void populate(Connection connection, String url, boolean interrupted) throws Exception {
        ChecksummedTable.create(connection);
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(ChecksummedTable.WRITERS);
             Interrupter interrupter = new Interrupter()) {
            for (int w = 0; w < ChecksummedTable.WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    try (Connection own = DriverManager.getConnection(url)) {
                        if (interrupted && writer == 0) {
                            interrupter.join();
                        }
                        try {
                            ChecksummedTable.write(own, writer);
                        } finally {
                            interrupter.leave();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            if (interrupted) {
                System.out.println("interrupts=" + interrupter.stop());
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    /**
     * A second store on the database file while the database holds it open: H2's {@code tryLock} on its channel
     * meets the lock this JVM holds, and the open must fail with {@link DataUtils#ERROR_FILE_LOCKED}.
     */
    private static void expectLockedInJvm(String storeFile) {
        try {
            MVStore store = new MVStore.Builder().fileName(storeFile).open();
            store.closeImmediately();
            throw new IllegalStateException("a second store opened " + storeFile + " while the database held it");
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException("a second store on " + storeFile + " failed otherwise", e);
            }
        }
    }

    /** Reopen and verify, compact and verify, SCRIPT/RUNSCRIPT and verify, Restore of the backup zip and verify. */
    private static void reopenCompactAndRestore(Path dir, String name, String prefix) throws Exception {
        String url = url(prefix, dir, name);
        Path script = dir.resolve(name + ".sql");
        timed(name, "reopened", () -> {
            try (Connection connection = DriverManager.getConnection(url + ";IFEXISTS=TRUE")) {
                verifiedInParallel(name, "reopened", url, name.equals("retry"));
                ChecksummedTable.verifySortedByCrc(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                }
            }
            return null;
        });
        timed(name, "compacted", () -> {
            try (Connection connection = DriverManager.getConnection(url + ";IFEXISTS=TRUE")) {
                verified(name, "compacted", connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("SCRIPT TO '" + script + "'");
                }
            }
            return null;
        });
        timed(name, "runscript", () -> {
            try (Connection connection = DriverManager.getConnection(url(prefix, dir, name + "-script"))) {
                try (Statement s = connection.createStatement()) {
                    s.execute("RUNSCRIPT FROM '" + script + "'");
                }
                verified(name, "runscript", connection);
            }
            return null;
        });
        timed(name, "restored", () -> {
            Path restored = dir.resolve(name + "-restored");
            Files.createDirectory(restored);
            Restore.execute(dir.resolve(name + "-backup.zip").toString(), restored.toString(), "db");
            try (Connection connection = DriverManager.getConnection(url(prefix, dir, name + "-restored")
                    + ";IFEXISTS=TRUE")) {
                verified(name, "restored", connection);
            }
            return null;
        });
    }

    /** Verifies the content seen through {@code connection} and prints its digest. */
    private static void verified(String name, String step, Connection connection) throws Exception {
        System.out.println("digest=" + name + ":" + step + ":" + ChecksummedTable.verify(connection));
    }

    /**
     * Verifies the content through {@link ChecksummedTable#WRITERS} connections at once, so that their reads of the
     * file run concurrently, and prints the digest they agree on; if {@code interrupted}, through one connection
     * whose thread is interrupted all the while (with more, H2's reopening races itself: a thread that finds the
     * shared channel closed before the interrupt's close has released the lock gets
     * {@code OverlappingFileLockException}, on the JDK's provider as on lio-nio's).
     */
    private static void verifiedInParallel(String name, String step, String url, boolean interrupted)
            throws Exception {
        List<Future<String>> readers = new ArrayList<>();
        int count = interrupted ? 1 : ChecksummedTable.WRITERS;
        try (ExecutorService threads = Executors.newFixedThreadPool(count);
             Interrupter interrupter = new Interrupter()) {
            for (int r = 0; r < count; r++) {
                readers.add(threads.submit(() -> {
                    // lazy: a result larger than MAX_MEMORY_ROWS would go to a temporary file, which H2 opens without
                    // the retry: prefix, so an interrupt would fail the query
                    try (Connection own = DriverManager.getConnection(url + (interrupted ? LAZY : ""))) {
                        if (interrupted) {
                            interrupter.join();
                        }
                        try {
                            return ChecksummedTable.verify(own);
                        } finally {
                            interrupter.leave();
                        }
                    }
                }));
            }
            String first = readers.getFirst().get();
            for (Future<String> reader : readers) {
                if (!reader.get().equals(first)) {
                    throw new IllegalStateException("concurrent readers read different content");
                }
            }
            if (interrupted) {
                System.out.println("interrupts=" + interrupter.stop());
            }
            System.out.println("digest=" + name + ":" + step + ":" + first);
        }
    }

    /** A step that returns something (or null). */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    /** Runs {@code step}, prints its time and {@code ok=name:what} once it has passed. */
    private static <T> T timed(String name, String what, Step<T> step) throws Exception {
        long start = System.nanoTime();
        T result = step.run();
        System.out.println("ms." + name + ":" + what + "=" + (System.nanoTime() - start) / 1_000_000);
        System.out.println("ok=" + name + ":" + what);
        return result;
    }
}
