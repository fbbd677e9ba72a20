package io.liouring.nio.file;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * File channels leave no thread behind in the application: on the JDK's provider they start none; on lio-nio's, the
 * threads they start on first use (the rings' loops, the reaper, the copiers) belong to the JVM's root thread group
 * and have the system class loader as context class loader, whatever thread opened the first file
 * ({@link LibraryThreads}). The Javadoc says nothing of threads; this pins what the JDK does, which test runners
 * rely on: Lucene's randomizedtesting fails a suite that leaves a live thread in its thread group, and failed the
 * first suite that opened a file on lio-nio's provider. Each run is a fresh JVM ({@link FirstOpenThreadsChild}),
 * since the threads are started once per JVM.
 */
class LibraryThreadsForkedTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdk", "lio"})
    void theFirstFileIoOfAJvmLeavesNoThreadInTheCallersGroupNorWithItsClassLoader(String provider, @TempDir Path dir)
            throws Exception {
        List<String> options = provider.equals("lio") ? List.of(ForkedJvm.DEFAULT_PROVIDER) : List.of();
        ForkedJvm.Result child = ForkedJvm.run(FirstOpenThreadsChild.class, options, dir.toString());
        assertEquals(0, child.exitCode(), child.output());
        assertEquals(provider.equals("lio") ? LioFileSystemProvider.class.getName() : "sun.nio.fs.LinuxFileSystemProvider",
                child.value("provider"), child.output());
        assertEquals("[]", child.value("inAppGroup"), child.output());
        assertEquals("[]", child.value("withAppLoader"), child.output());
    }
}
