package io.liouring.nio.file;

import java.util.concurrent.ThreadFactory;

/**
 * The threads that the file channels start on their own, once per JVM and for every caller: the file rings' event
 * loops ({@link FileRings}), the reaper of unreachable channels ({@link UnreachableChannels}) and the copier pool
 * ({@link KernelCopy}). A JDK file channel starts no thread, so these must not belong to the application thread that
 * happens to open the first file: each is a daemon in the JVM's root thread group, with the system class loader as
 * its context class loader and no inheritable thread-local values, as the JDK makes its own service threads.
 * Otherwise they would join that thread's group (a test runner that looks for threads left in its suite's group,
 * such as Lucene's randomizedtesting, then blames the suite that opened the first file) and keep its class loader
 * and inherited values alive for the life of the JVM.
 */
final class LibraryThreads {
    /** The group without a parent, the JDK's {@code system} group. */
    private static final ThreadGroup ROOT = root();

    /** Not instantiable. */
    private LibraryThreads() {
    }

    /** A factory of one library thread named {@code name}. */
    static ThreadFactory named(String name) {
        return withSystemLoader(platform().name(name).factory());
    }

    /** A factory of library threads named {@code prefix} followed by 1, 2, ... */
    static ThreadFactory numbered(String prefix) {
        return withSystemLoader(platform().name(prefix, 1).factory());
    }

    private static Thread.Builder.OfPlatform platform() {
        return Thread.ofPlatform().group(ROOT).daemon().inheritInheritableThreadLocals(false);
    }

    private static ThreadFactory withSystemLoader(ThreadFactory threads) {
        return body -> {
            Thread thread = threads.newThread(body);
            thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
            return thread;
        };
    }

    private static ThreadGroup root() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
