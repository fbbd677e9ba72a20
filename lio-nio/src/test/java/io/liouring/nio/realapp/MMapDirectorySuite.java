package io.liouring.nio.realapp;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.tests.store.BaseChunkedDirectoryTestCase;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lucene's own test suite of a chunked {@code Directory} (JUnit 4, randomizedtesting), on {@link MMapDirectory} with
 * small chunks (many {@code FileChannel.map} calls per file): run by {@link LuceneOnDefaultProviderTest} in a child
 * JVM on each provider, never by Surefire itself.
 */
public class MMapDirectorySuite extends BaseChunkedDirectoryTestCase {
    @Override
    protected Directory getDirectory(Path path, int maxChunkSize) throws IOException {
        return new MMapDirectory(path, (long) maxChunkSize);
    }
}
