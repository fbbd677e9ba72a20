package io.liouring.nio.realapp;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.tests.store.BaseDirectoryTestCase;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lucene's own test suite of a {@code Directory} (JUnit 4, randomizedtesting), on {@link NIOFSDirectory}: run by
 * {@link LuceneOnDefaultProviderTest} in a child JVM on each provider, never by Surefire itself.
 */
public class NioFsDirectorySuite extends BaseDirectoryTestCase {
    @Override
    protected Directory getDirectory(Path path) throws IOException {
        return new NIOFSDirectory(path);
    }
}
