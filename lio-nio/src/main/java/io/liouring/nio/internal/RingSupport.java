package io.liouring.nio.internal;

import io.liouring.LioUring;
import io.liouring.RingAvailability;
import io.liouring.UringException;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether this process can use io_uring, found out once, on first use, by setting up a small ring
 * ({@code io_uring_setup(2)}) and closing it. lio-nio's providers ask before opening a channel and fall back to the
 * JDK's own when the answer is no; the first to find that out logs the reason once, at
 * {@link System.Logger.Level#WARNING WARNING} through the {@link System#getLogger System.Logger} named
 * {@code io.liouring.nio}, in the words {@code lio probe} uses.
 *
 * <p>Thread-safe: concurrent first callers wait for one probe. The probe itself may come back here on its own thread
 * (the core reads {@code /proc} through {@code java.nio.file} to explain a refusal, which reaches lio-nio's file
 * provider when it is the default); that nested call is answered "not available", so those reads use the JDK's
 * channels instead of probing again.
 */
public final class RingSupport {
    /** The logger the fallback warning goes to. */
    public static final String LOGGER_NAME = "io.liouring.nio";

    private static final String UNUSABLE = "io_uring is not usable here: ";
    private static final String FALLBACK = "\nlio-nio falls back to the JDK's own channels.";
    private static final Verdict WHILE_PROBING = new Verdict(false, "io_uring is being probed on this thread");
    private static final ReentrantLock PROBE = new ReentrantLock();
    private static volatile Verdict verdict;

    private record Verdict(boolean available, String reason) {
    }

    private RingSupport() {
    }

    /** {@return whether io_uring rings can be set up in this process; probed on the first call, then remembered} */
    public static boolean available() {
        return verdict().available();
    }

    /**
     * {@return why io_uring is not usable (what {@code lio probe} would say: the errno, its cause and what to do), or
     * {@code null} if it is}
     */
    public static String unavailableReason() {
        return verdict().reason();
    }

    private static Verdict verdict() {
        Verdict known = verdict;
        if (known != null) {
            return known;
        }
        if (PROBE.isHeldByCurrentThread()) {
            return WHILE_PROBING;
        }
        Verdict decided;
        PROBE.lock();
        try {
            if (verdict != null) {
                return verdict;
            }
            decided = probe();
            verdict = decided;
        } finally {
            PROBE.unlock();
        }
        if (!decided.available()) {
            // after publishing: logging may open files, which must find the verdict instead of probing again
            System.getLogger(LOGGER_NAME).log(System.Logger.Level.WARNING, decided.reason() + FALLBACK);
        }
        return decided;
    }

    private static Verdict probe() {
        try {
            new LioUring(2).close();
            return new Verdict(true, null);
        } catch (UringException e) {
            boolean setup = e.call().startsWith("io_uring_setup");
            return new Verdict(false, UNUSABLE + (setup ? RingAvailability.explain(e) : e.getMessage()));
        } catch (RuntimeException | LinkageError e) {
            // native access denied (IllegalCallerException), no libc symbol, a core class that failed to initialise
            return new Verdict(false, UNUSABLE + explain(e));
        }
    }

    /**
     * What went wrong, from the root of {@code failure}'s causes (a core class that failed to initialise is an
     * {@link ExceptionInInitializerError} without a message of its own); for native access that the JVM refuses, what
     * to start it with.
     */
    static String explain(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == failure ? failure.toString() : failure + " caused by " + root;
        if (root instanceof IllegalCallerException) {
            return text + ". Native access is not enabled for lio-uring: start the JVM with"
                    + " --enable-native-access=ALL-UNNAMED on the class path, or"
                    + " --enable-native-access=io.liouring,io.liouring.nio on the module path";
        }
        return text;
    }
}
