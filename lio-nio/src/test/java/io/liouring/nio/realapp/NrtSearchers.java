package io.liouring.nio.realapp;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads that search an index while it is being written: each opens a near-real-time reader on the writer
 * ({@link DirectoryReader#open(IndexWriter)}), reopens it ({@code openIfChanged}) between searches, and checks
 * every reader with {@link LuceneChecks#verifySample}, and a reader opened while the index was append-only with
 * {@link LuceneChecks.Prefixes#verify}, until {@link #stop()}.
 */
final class NrtSearchers implements AutoCloseable {
    private final IndexWriter writer;
    private final LuceneChecks.Prefixes prefixes;
    private final int documents;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicInteger prefixChecks = new AtomicInteger();
    private volatile boolean appendOnly = true;
    private volatile boolean stopped;

    /** Starts {@code count} searching threads on {@code writer}'s index of up to {@code documents} numbers. */
    NrtSearchers(IndexWriter writer, int count, LuceneChecks.Prefixes prefixes, int documents) {
        this.writer = writer;
        this.prefixes = prefixes;
        this.documents = documents;
        for (int i = 0; i < count; i++) {
            long seed = 17 + i;
            Thread thread = new Thread(() -> search(seed), "nrt-searcher-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    /** From now on the writer may delete and update, so a reader holds no longer a prefix of the documents. */
    void endOfAppendOnly() {
        appendOnly = false;
    }

    private void search(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DirectoryReader reader = null;
        try {
            boolean prefix = appendOnly;
            reader = DirectoryReader.open(writer);
            prefix &= appendOnly;
            while (!stopped) {
                readers.incrementAndGet();
                LuceneChecks.verifySample(reader, random, documents);
                if (prefix) {
                    prefixes.verify(reader, random);
                    prefixChecks.incrementAndGet();
                }
                Thread.sleep(2);
                boolean stillPrefix = appendOnly;
                DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
                if (newer != null) {
                    reader.close();
                    reader = newer;
                    prefix = stillPrefix && appendOnly;
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        }
    }

    /** The searches checked so far: readers checked, and those of them checked as an exact prefix. */
    String counts() {
        return readers.get() + " searches, " + prefixChecks.get() + " exact prefix checks";
    }

    /** Stops the threads, waits for them, and rethrows the first failure of any. */
    void stop() throws Exception {
        stopped = true;
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("a near-real-time searcher failed", t);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
