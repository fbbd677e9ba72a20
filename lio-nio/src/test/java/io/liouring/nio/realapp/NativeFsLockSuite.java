package io.liouring.nio.realapp;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.tests.store.BaseLockFactoryTestCase;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lucene's own test suite of a {@code LockFactory} (JUnit 4, randomizedtesting), on {@link NativeFSLockFactory}
 * ({@code FileChannel.tryLock}): run by {@link LuceneOnDefaultProviderTest} in a child JVM on each provider, never by
 * Surefire itself.
 */
public class NativeFsLockSuite extends BaseLockFactoryTestCase {
    @Override
    protected Directory getDirectory(Path path) throws IOException {
        return newFSDirectory(path, NativeFSLockFactory.INSTANCE);
    }
}
