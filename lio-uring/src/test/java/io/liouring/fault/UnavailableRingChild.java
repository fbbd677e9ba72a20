package io.liouring.fault;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.UringException;
import io.liouring.testing.SeccompNative;

/**
 * Run in a child JVM by {@link IoUringUnavailableTest}: installs a seccomp filter that makes {@code io_uring_setup}
 * fail with the errno named by {@code args[0]}, then creates a ring and prints what the caller saw as
 * {@code key=value} lines.
 */
public final class UnavailableRingChild {
    private static final long SYS_IO_URING_SETUP = 425;

    private UnavailableRingChild() {
    }

    public static void main(String[] args) {
        SeccompNative.refuse(SYS_IO_URING_SETUP, Errno.valueOf(args[0]).number());
        try (LioUring ring = new LioUring(8)) {
            System.out.println("created=" + ring);
        } catch (UringException e) {
            System.out.println("exception=" + e.getClass().getSimpleName());
            System.out.println("errno=" + e.errno());
            System.out.println("message=" + e.getMessage());
        }
        System.out.flush();
    }
}
