package io.liouring.cli;

/**
 * Which of standard input and output were closed when lio was started ({@code <&-}, {@code >&-}). The JVM opens
 * files of its own at start-up and takes the lowest free descriptors, so fd 0 or fd 1 then refers to one of
 * them; only the launcher, before the JVM starts, can tell. It passes {@code -Dlio.closed-streams} with the
 * closed descriptors' numbers ({@code "01"}: both), and lio treats those as closed (EBADF), as the C tools find them.
 */
final class ClosedStreams {
    /** The errno of a read or write on a closed descriptor. */
    static final int EBADF = 9;

    private static final String PROPERTY = "lio.closed-streams";

    private ClosedStreams() {
    }

    /** Whether standard input was closed at start-up. */
    static boolean stdin() {
        return System.getProperty(PROPERTY, "").contains("0");
    }

    /** Whether standard output was closed at start-up. */
    static boolean stdout() {
        return System.getProperty(PROPERTY, "").contains("1");
    }
}
