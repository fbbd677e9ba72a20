package io.liouring.nio.realapp;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Another program that opens an {@link IndexWriter} on an index (started by {@link LuceneWorkload} through
 * {@link ChildJvm}): prints {@code lock=obtained} (then gives the write lock back without writing anything) or
 * {@code lock=LockObtainFailedException: message}. {@code NativeFSLockFactory} takes the write lock with
 * {@code FileChannel.tryLock}, which is held for the whole process: only another process sees whether it keeps
 * other programs out.
 */
public final class LuceneLockProbe {
    private LuceneLockProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                .setCommitOnClose(false);
        try (Directory dir = FSDirectory.open(Path.of(args[0]))) {
            IndexWriter writer = new IndexWriter(dir, config);
            writer.rollback();
            System.out.println("lock=obtained");
        } catch (LockObtainFailedException e) {
            System.out.println("lock=LockObtainFailedException: " + e.getMessage());
        }
    }
}
