package io.liouring.nio.file;

import java.nio.channels.AsynchronousSocketChannel;

/**
 * Run in a forked JVM by {@link RefusedChannelProviderForkedTest} with lio-nio's channel provider named by
 * {@code -Djava.nio.channels.spi.AsynchronousChannelProvider}: makes {@code io_uring_setup} fail with {@code EPERM}
 * ({@link SeccompFilter}), then opens an {@code AsynchronousSocketChannel} twice and prints, for each, what was
 * thrown and its causes as {@code key=value} lines.
 */
final class RefusedChannelProviderChild {
    private static final int EPERM = 1;

    private RefusedChannelProviderChild() {
    }

    /** Runs the checks. */
    public static void main(String[] args) throws Throwable {
        SeccompFilter.refuse(SeccompFilter.IO_URING_SETUP, EPERM);
        for (String key : new String[] {"first", "second"}) {
            try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                System.out.println(key + "=opened " + channel.getClass().getName());
            } catch (Throwable t) {
                System.out.println(key + "=" + t.getClass().getName());
                Throwable cause = t.getCause();
                System.out.println(key + "Cause=" + (cause == null ? null : cause.getClass().getName()));
                System.out.println(key + "CauseMessage=" + (cause == null ? null : cause.getMessage()));
            }
        }
    }
}
