package io.liouring.nio.realapp;

import io.liouring.nio.file.LioFileSystemProvider;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NIOFSDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apache Lucene, unchanged, on whatever default file system provider this JVM was started with (run by
 * {@link LuceneOnDefaultProviderTest} once on lio-nio's and once on the JDK's). For each of {@link NIOFSDirectory}
 * (positional {@code FileChannel} reads) and {@link MMapDirectory} ({@code FileChannel.map}), in a directory of its
 * own:
 * <ol>
 *   <li>indexes {@value #DOCUMENTS} documents of {@link LuceneCorpus} in number order, committing every
 *       {@value #BATCH} (each commit fsyncs the new files and the directory), while {@value #SEARCHERS}
 *       {@link NrtSearchers} search near-real-time readers of the writer and check each exactly;
 *   <li>for {@code NIOFSDirectory}, after the first commit: a second {@code IndexWriter} in this JVM, and one in
 *       another JVM on lio-nio's provider and one on the JDK's ({@link LuceneLockProbe}), must each fail with
 *       {@link LockObtainFailedException}; once the writer is closed, both other JVMs must get the lock;
 *   <li>updates every 7th document, deletes every 11th and then every one whose body has {@code w13}, commits,
 *       merges down to one segment ({@code forceMerge(1)}) and checks the writer's reader;
 *   <li>closes the writer, opens the index from disk and checks every document and query ({@link LuceneChecks});
 *       counts the descriptors open on the index directory while that reader is open;
 *   <li>reopens a writer ({@code APPEND}), adds {@value #LATER} more documents, updates some, commits, closes,
 *       and checks again; {@link CheckIndex} must find the index clean;
 *   <li>with everything closed, no descriptor of this JVM may point into the directory.
 * </ol>
 * Prints {@code key=value} lines; those whose key contains {@code .result.} must be the same on both providers.
 * A check that fails throws, and the JVM exits with status 1.
 */
public final class LuceneWorkload {
    static final int DOCUMENTS = 3_000;
    static final int BATCH = 500;
    static final int LATER = 500;
    static final int SEARCHERS = 3;

    private LuceneWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String provider = FileSystems.getDefault().provider().getClass().getName();
        System.out.println("provider=" + provider);
        boolean lio = provider.equals(LioFileSystemProvider.class.getName());
        Path root = Path.of(args[0]);
        for (String kind : List.of("niofs", "mmap")) {
            long start = System.nanoTime();
            run(kind, root.resolve(kind), lio);
            System.out.println(kind + ".millis=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        System.out.println("ok=done");
    }

    private static Directory open(String kind, Path path) throws IOException {
        return kind.equals("niofs") ? new NIOFSDirectory(path) : new MMapDirectory(path);
    }

    private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        // small flushes: many segments, so that the writer merges in the background while it indexes
        return new IndexWriterConfig(new StandardAnalyzer()).setOpenMode(mode).setMaxBufferedDocs(100);
    }

    private static void run(String kind, Path path, boolean lio) throws Exception {
        LuceneModel model = new LuceneModel();
        try (Directory dir = open(kind, path)) {
            IndexWriter writer = new IndexWriter(dir, config(IndexWriterConfig.OpenMode.CREATE));
            try (NrtSearchers searchers = new NrtSearchers(writer, SEARCHERS, new LuceneChecks.Prefixes(DOCUMENTS),
                    DOCUMENTS + LATER)) {
                for (int n = 0; n < DOCUMENTS; n++) {
                    writer.addDocument(LuceneCorpus.document(n, 1));
                    model.put(n, 1);
                    if ((n + 1) % BATCH == 0) {
                        writer.commit();
                        if (n + 1 == BATCH && kind.equals("niofs")) {
                            checkLockedOut(kind, path, lio);
                        }
                    }
                }
                searchers.endOfAppendOnly();
                for (int n = 0; n < DOCUMENTS; n += 7) {
                    writer.updateDocument(new Term("id", LuceneCorpus.id(n)), LuceneCorpus.document(n, 2));
                    model.put(n, 2);
                }
                for (int n = 0; n < DOCUMENTS; n += 11) {
                    writer.deleteDocuments(new Term("id", LuceneCorpus.id(n)));
                    model.remove(n);
                }
                writer.commit();
                writer.deleteDocuments(new TermQuery(new Term("body", "w13")));
                model.removeIf((n, v) -> LuceneCorpus.words(n, v).contains("w13"));
                writer.commit();
                writer.forceMerge(1);
                writer.commit();
                try (DirectoryReader nrt = DirectoryReader.open(writer)) {
                    LuceneChecks.expect(1, nrt.leaves().size(), "segments after forceMerge(1)");
                    System.out.println(kind + ".result.merged=" + LuceneChecks.verifyAll(nrt, model));
                }
                searchers.stop();
                System.out.println(kind + ".searchers=" + searchers.counts());
            } finally {
                writer.close();
            }
            if (kind.equals("niofs")) {
                checkLockFree(path, lio);
            }

            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                LuceneChecks.expect(model.size(), reader.maxDoc(), "maxDoc after forceMerge(1)");
                System.out.println(kind + ".result.reopened=" + LuceneChecks.verifyAll(reader, model));
                System.out.println(kind + ".result.descriptorsWhileReaderOpen=" + openFilesUnder(path));
            }

            writer = new IndexWriter(dir, config(IndexWriterConfig.OpenMode.APPEND));
            try {
                for (int n = DOCUMENTS; n < DOCUMENTS + LATER; n++) {
                    writer.addDocument(LuceneCorpus.document(n, 1));
                    model.put(n, 1);
                }
                for (int n = DOCUMENTS; n < DOCUMENTS + LATER; n += 5) {
                    writer.updateDocument(new Term("id", LuceneCorpus.id(n)), LuceneCorpus.document(n, 3));
                    model.put(n, 3);
                }
                writer.commit();
            } finally {
                writer.close();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                System.out.println(kind + ".result.appended=" + LuceneChecks.verifyAll(reader, model));
            }
            String segments = SegmentInfos.getLastCommitSegmentsFileName(dir);
            try (IndexInput in = dir.openInput(segments, IOContext.DEFAULT)) {
                System.out.println(kind + ".result.input=" + in.getClass().getName());
            }
            checkIndex(kind, dir);
        }
        int open = openFilesUnder(path);
        System.out.println(kind + ".descriptorsAfterClose=" + open);
        LuceneChecks.expect(0, open, "descriptors open on " + path + " after everything was closed");
    }

    /** A second writer, in this JVM and in one other JVM on each provider, is refused the write lock. */
    private static void checkLockedOut(String kind, Path path, boolean lio) throws Exception {
        try (Directory second = open(kind, path)) {
            IndexWriter intruder = new IndexWriter(second, config(IndexWriterConfig.OpenMode.APPEND));
            intruder.rollback();
            throw new AssertionError("a second IndexWriter in this JVM got the write lock");
        } catch (LockObtainFailedException expected) {
            System.out.println("locks.result.sameJvm=" + expected.getClass().getSimpleName());
        }
        String[] outcomes = probeOtherJvms(path);
        for (int i = 0; i < 2; i++) {
            String outcome = outcomes[i];
            if (!outcome.startsWith("LockObtainFailedException: Lock held by another program")) {
                throw new AssertionError("another JVM on the " + providerName(i) + " provider, while this " + (lio ? "lio"
                        : "jdk") + " JVM holds the write lock: " + outcome);
            }
            System.out.println("locks.result.otherJvm." + providerName(i) + "WhileHeld=LockObtainFailedException");
        }
    }

    /** Once the writer is closed, another JVM on each provider gets the write lock. */
    private static void checkLockFree(Path path, boolean lio) {
        String[] outcomes = probeOtherJvms(path);
        for (int i = 0; i < 2; i++) {
            LuceneChecks.expect("obtained", outcomes[i], "write lock in another " + providerName(i)
                    + " JVM after this " + (lio ? "lio" : "jdk") + " JVM closed its writer");
            System.out.println("locks.result.otherJvm." + providerName(i) + "AfterClose=" + outcomes[i]);
        }
    }

    private static String providerName(int i) {
        return i == 0 ? "lio" : "jdk";
    }

    /**
     * What {@link LuceneLockProbe} prints as {@code lock=}, in a JVM on lio-nio's provider and then in one on the
     * JDK's (one after the other: two probes at once would take the free lock from each other).
     */
    private static String[] probeOtherJvms(Path path) {
        return new String[] {probe(true, path), probe(false, path)};
    }

    private static String probe(boolean lio, Path path) {
        try {
            ChildJvm.Outcome outcome = ChildJvm.run(lio, LuceneLockProbe.class, path.toString());
            if (outcome.exitCode() != 0) {
                throw new AssertionError("the lock probe failed:\n" + outcome.output());
            }
            return outcome.value("lock");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the lock probe could not run", e);
        }
    }

    /** {@link CheckIndex} with slow checks must find the index clean. */
    private static void checkIndex(String kind, Directory dir) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (CheckIndex checker = new CheckIndex(dir)) {
            checker.setDoSlowChecks(true);
            checker.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            CheckIndex.Status status = checker.checkIndex();
            if (!status.clean) {
                throw new AssertionError("CheckIndex found problems:\n" + log.toString(StandardCharsets.UTF_8));
            }
            System.out.println(kind + ".result.checkIndex=clean");
        }
    }

    /** How many of this JVM's descriptors point into {@code dir} (files deleted since included). */
    static int openFilesUnder(Path dir) throws IOException {
        Path real = dir.toRealPath();
        int count = 0;
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    if (Files.readSymbolicLink(descriptor).startsWith(real)) {
                        count++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between the listing and the look-up
                }
            }
        }
        return count;
    }
}
