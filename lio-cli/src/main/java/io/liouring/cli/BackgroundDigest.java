package io.liouring.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A {@link MessageDigest} looked up ({@link MessageDigest#getInstance(String)}) on a short-lived daemon thread of its
 * own, so that the JDK's provider lookup, the first in the process (the security properties file, the providers and
 * their service tables: about a hundred classes initialised), runs on a second CPU while the caller starts its event
 * loop, whose ring and first downcall stub take about as long. {@code lio hash FILE} starts with both.
 */
final class BackgroundDigest {
    private final FutureTask<MessageDigest> lookup;

    /** Starts looking up {@code algorithm}. */
    BackgroundDigest(String algorithm) {
        this.lookup = new FutureTask<>(() -> MessageDigest.getInstance(algorithm));
        Thread.ofPlatform().name("lio-digest").daemon().start(lookup);
    }

    /**
     * The digest, once looked up (an interrupt while waiting is kept for the caller).
     *
     * @throws NoSuchAlgorithmException as {@link MessageDigest#getInstance(String)} throws it
     */
    MessageDigest get() throws NoSuchAlgorithmException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return lookup.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static NoSuchAlgorithmException rethrown(Throwable cause) {
        if (cause instanceof NoSuchAlgorithmException e) {
            return e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("MessageDigest.getInstance failed", cause);
    }
}
