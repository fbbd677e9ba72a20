package io.liouring.nio.file.conformance;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call running on its own thread (platform or virtual) that the test expects to block: it can wait until the
 * thread is inside the call, then interrupt it or let it finish, and collect how it ended.
 */
final class Blocked<T> implements AutoCloseable {
    /** How long a test waits for something that must happen: generous, for a loaded 2-core machine. */
    static final long PATIENCE_SECONDS = 60;

    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private final CompletableFuture<Boolean> interruptedAtEnd = new CompletableFuture<>();
    private final Thread thread;

    private Blocked(Thread.Builder builder, Callable<T> call) {
        thread = builder.unstarted(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            } finally {
                interruptedAtEnd.complete(Thread.currentThread().isInterrupted());
            }
        });
    }

    static <T> Blocked<T> start(boolean virtual, Callable<T> call) {
        var blocked = new Blocked<>(virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon(), call);
        blocked.thread.start();
        return blocked;
    }

    /**
     * Waits until the thread is inside a method named {@code method} outside this test package (as its stack
     * shows), then a little longer so that it has reached the point where it blocks.
     * Being inside the method is all that can be observed portably; the extra pause only makes the test more
     * likely to exercise "blocked" rather than "about to block", and the outcome is the same either way.
     */
    Blocked<T> awaitInside(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!inside(method)) {
            if (outcome.isDone()) throw new AssertionError("the call ended instead of blocking: " + describe());
            if (System.nanoTime() > deadline) throw new AssertionError("the thread never entered " + method);
            Thread.sleep(10);
        }
        Thread.sleep(200);
        return this;
    }

    private boolean inside(String method) {
        for (var frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals(method)
                    && !frame.getClassName().startsWith(Blocked.class.getPackageName() + ".")) {
                return true;
            }
        }
        return false;
    }

    void interrupt() {
        thread.interrupt();
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /** What the call threw (failing the test if it returned instead), waiting for it to end. */
    Throwable failure() throws InterruptedException, TimeoutException {
        try {
            T value = outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected the call to fail, it returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** What the call returned, waiting for it to end. */
    T result() throws InterruptedException, TimeoutException, ExecutionException {
        return outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the thread's interrupt status was set when the call ended. */
    boolean interruptStatusAtEnd() throws InterruptedException, ExecutionException, TimeoutException {
        return interruptedAtEnd.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    private String describe() {
        return outcome.handle((v, t) -> t != null ? t.toString() : String.valueOf(v)).getNow("?");
    }

    /** Interrupts the thread if the call is still running and waits (with patience) for it to end. */
    @Override
    public void close() {
        if (!outcome.isDone()) thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
