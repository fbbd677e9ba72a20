package io.liouring.property;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.OpenFlags;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.file.AsyncFile;
import io.liouring.file.TransferFuture;
import io.liouring.net.Connection;
import io.liouring.testing.PipeNative;
import io.liouring.testing.SocketNative;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The {@link Step.HandleRace} part of a random sequence: a call on a handle of an event loop (an {@link AsyncFile} on
 * a file or a pipe end, a {@link Connection} on one end of an AF_UNIX socketpair), raced by a close or a cancel issued
 * by the test thread, another platform thread, a virtual thread or the loop thread. What each may end with:
 * <ul>
 * <li>normally — only if the call could finish on its own (anything on a file, a single write to a pipe or a socket
 *     with room);
 * <li>{@link AsynchronousCloseException} — a close raced it;
 * <li>{@link ClosedChannelException} — a close came before a blocking call, started on its own thread, began;
 * <li>{@link CancellationException} — the future was cancelled; {@link InterruptedIOException} — the blocking call's
 *     thread was interrupted (the cancel of a blocking call).
 * </ul>
 * Afterwards every request is released (a cancelled read of an empty pipe or socket moved no byte), the handle's
 * descriptor is closed (a socket's other end sees end of stream, even when the close ran on the loop thread), and
 * what reached the file, the pipe or the other socket is a prefix of what the call wrote (all of it, or exactly what
 * a single write reported, if the call ended normally).
 *
 * <p>The handles live on one event loop shared by every sequence in the JVM ({@link #loop()}), opened before the
 * first sequence counts descriptors, so each sequence's own leak check still holds; after each race the loop must
 * have no request left in flight.
 */
final class HandleSteps {
    private static final int FILE_BYTES = 256 * 1024;
    /** More than an AF_UNIX socket (about 208 KiB) or a pipe (64 KiB) holds. */
    private static final int STREAM_BYTES = 512 * 1024;
    private static final int READ_BYTES = 64 * 1024;
    private static final int PRESENT = 1000;
    /** What the writes write (and a file holds for the reads): one random block, the same for every race. */
    private static final byte[] DATA = ByteModel.seeded(20250612, STREAM_BYTES);
    private static EventLoop shared;

    private final Requests requests;
    private final Path directory;
    private int races;
    /** The buffers of this sequence's races, made at the first; reused, since each race waits for its release. */
    private Arena arena;
    private MemorySegment buffer;
    private MemorySegment into;
    /** A race failed: the kernel may still hold requests naming the buffers, so they are never freed. */
    private boolean poisoned;

    HandleSteps(Requests requests, Path directory) {
        this.requests = requests;
        this.directory = directory;
    }

    /** The event loop of every sequence's handles, opened once (a daemon thread, so the JVM can exit with it). */
    static synchronized EventLoop loop() {
        if (shared == null || shared.isClosed()) {
            shared = EventLoop.builder().name("lio-property-handles").build();
        }
        return shared;
    }

    /** Closes the shared loop, if it was opened (the next {@link #loop()} opens another). */
    static synchronized void closeLoop() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** How many races this sequence ran. */
    int races() {
        return races;
    }

    // ---------------------------------------------------------------- one race

    /** What a raced call ended with. */
    private enum Outcome {
        NORMAL, ASYNC_CLOSE, CLOSED, CANCELLED, INTERRUPTED
    }

    /** The handle under race: a file or pipe end, or a socket. */
    private interface Target {
        void close() throws IOException;

        CompletableFuture<Void> closeAsync();
    }

    /** A started call: its result (or failure), and for an asynchronous one what says the kernel is done with it. */
    private record Started(CompletableFuture<Object> result, Future<?> future, Supplier<CompletableFuture<?>> released,
                           Thread thread, boolean canFinish) {
    }

    /** Frees the races' buffers, unless a race failed (then the kernel may still hold requests naming them). */
    void close() {
        if (arena != null && !poisoned) {
            arena.close();
        }
    }

    void apply(Step.HandleRace s) {
        poisoned = true; // until the race has ended cleanly
        races++;
        requests.fault();
        EventLoop loop = loop();
        String what = "handle race " + s;
        if (arena == null) {
            arena = Arena.ofShared();
            buffer = arena.allocate(STREAM_BYTES, 64);
            MemorySegment.copy(DATA, 0, buffer, JAVA_BYTE, 0, STREAM_BYTES);
            into = arena.allocate(FILE_BYTES, 64);
        }
        byte[] data = s.handle() == Step.Handle.FILE ? Arrays.copyOf(DATA, FILE_BYTES) : DATA;
        MemorySegment buffer = this.buffer.asSlice(0, data.length);
        MemorySegment into = this.into;
        into.fill((byte) 0);
        boolean reads = s.call() == Step.Call.READ || s.call() == Step.Call.READ_FULLY;
        Path file = directory.resolve("handle-" + races);
        int peer = -1;
        Target target;
        AsyncFile asyncFile = null;
        Connection connection = null;
        try {
            switch (s.handle()) {
                case FILE -> {
                    asyncFile = AsyncFile.open(loop, file, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
                    if (reads) {
                        asyncFile.writeFully(buffer, 0);
                    }
                }
                case PIPE -> {
                    PipeNative.Ends ends = PipeNative.pipe();
                    asyncFile = AsyncFile.of(loop, reads ? ends.readFd() : ends.writeFd());
                    peer = reads ? ends.writeFd() : ends.readFd();
                    if (s.call() == Step.Call.READ_FULLY) {
                        PipeNative.writeFully(peer, Arrays.copyOf(data, PRESENT)); // a first step finds these
                    }
                }
                case SOCKET -> {
                    int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
                    connection = Connection.of(loop, pair[0]);
                    peer = pair[1];
                    if (s.call() == Step.Call.READ_FULLY) {
                        SocketNative.write(peer, Arrays.copyOf(data, PRESENT));
                    }
                }
            }
        } catch (IOException e) {
            throw requests.failure(what + ": setting up failed: " + e);
        }
        AsyncFile f = asyncFile;
        Connection c = connection;
        target = f != null ? new Target() {
            public void close() throws IOException {
                f.close();
            }

            public CompletableFuture<Void> closeAsync() {
                return f.closeAsync();
            }
        } : new Target() {
            public void close() throws IOException {
                c.close();
            }

            public CompletableFuture<Void> closeAsync() {
                return c.closeAsync();
            }
        };
        try {
            Started started = start(s, f, c, buffer, into);
            CompletableFuture<Object> acted = act(s, loop, target, started);
            Object value = null;
            Outcome outcome;
            try {
                value = started.result().get(Requests.GUARD.toMillis(), TimeUnit.MILLISECONDS);
                outcome = Outcome.NORMAL;
            } catch (TimeoutException e) {
                throw requests.failure(what + ": the call did not end within " + Requests.GUARD);
            } catch (ExecutionException e) {
                outcome = classify(what, e.getCause());
            }
            try {
                acted.get(Requests.GUARD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw requests.failure(what + ": the " + s.actor() + "'s " + s.action() + " did not end within "
                        + Requests.GUARD);
            } catch (ExecutionException e) {
                AssertionError error = requests.failure(what + ": the " + s.actor() + "'s " + s.action() + " threw "
                        + e.getCause());
                error.initCause(e.getCause());
                throw error;
            }
            if (started.thread() != null) {
                join(started.thread(), what);
            }
            requireAllowed(what, s, started, outcome);
            Completion kernel = null;
            if (started.released() != null) {
                Object last = released(started.released().get(), what);
                kernel = last instanceof Completion k ? k : null; // an IoFuture's last completion (a transfer has none)
            }
            if (s.handle() != Step.Handle.FILE && s.call() == Step.Call.READ && kernel != null && kernel.result() > 0) {
                throw requests.failure(what + ": a read of an empty " + s.handle() + " moved " + kernel.result()
                        + " bytes");
            }
            target.close();
            released(target.closeAsync(), what + ", its descriptor's close");
            checkEffects(what, s, data, outcome, value, peer, file, into);
        } catch (IOException e) {
            throw requests.failure(what + ": closing the handle after the race threw " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw requests.failure(what + ": interrupted");
        } finally {
            target.closeAsync();
            if (peer >= 0) {
                try {
                    Fd.close(peer);
                } catch (RuntimeException ignored) {
                    // cleanup after a failure: the failure is what the test reports
                }
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        requireNothingInFlight(loop, what);
        poisoned = false;
    }

    /** Starts the call: a future submitted here, or a blocking call on a virtual thread of its own. */
    private Started start(Step.HandleRace s, AsyncFile f, Connection c, MemorySegment buffer, MemorySegment into) {
        boolean file = s.handle() == Step.Handle.FILE;
        MemorySegment readInto = file ? into : into.asSlice(0, READ_BYTES);
        boolean blocking = s.blocking() || c != null && (s.call() == Step.Call.READ_FULLY || s.call() == Step.Call.WRITE_FULLY);
        boolean canFinish = file || s.call() == Step.Call.WRITE;
        switch (s.call()) {
            case READ, WRITE -> {
                boolean read = s.call() == Step.Call.READ;
                IoFuture<Integer> future = f != null
                        ? (read ? f.readAsync(into, 0) : f.writeAsync(buffer, 0))
                        : (read ? c.readAsync(into) : c.writeAsync(buffer));
                return new Started(result(future), future, () -> future.released(), null, canFinish);
            }
            default -> {
                boolean read = s.call() == Step.Call.READ_FULLY;
                if (!blocking) {
                    TransferFuture t = read ? f.readFullyAsync(readInto, 0) : f.writeFullyAsync(buffer, 0);
                    return new Started(result(t), t, t::released, null, canFinish);
                }
                CompletableFuture<Object> result = new CompletableFuture<>();
                Thread thread = Thread.ofVirtual().start(() -> {
                    try {
                        Object v;
                        if (f != null) {
                            v = read ? f.readFully(readInto, 0) : runWrite(() -> f.writeFully(buffer, 0));
                        } else {
                            v = read ? c.readFully(readInto) : runWrite(() -> c.writeFully(buffer));
                        }
                        result.complete(v);
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
                return new Started(result, null, null, thread, canFinish);
            }
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static Object runWrite(Write w) throws IOException {
        w.run();
        return "written";
    }

    /** The outcome of {@code future}, a cancellation included, as a future whose {@code get} throws it wrapped. */
    private static CompletableFuture<Object> result(CompletableFuture<?> future) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(new java.util.concurrent.CompletionException(failure));
            }
        });
        return result;
    }

    /** Issues the race's close or cancel from its actor, after its delay; the future completes when it has run. */
    private CompletableFuture<Object> act(Step.HandleRace s, EventLoop loop, Target target, Started started) {
        Runnable cancel = () -> {
            if (started.future() != null) {
                started.future().cancel(false);
            } else {
                started.thread().interrupt(); // the cancel of a blocking call
            }
        };
        Runnable close = () -> {
            try {
                if (s.action() == Step.Action.CLOSE_ASYNC) {
                    target.closeAsync();
                } else {
                    target.close(); // on the loop thread this only starts the close
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Runnable action = switch (s.action()) {
            case CLOSE, CLOSE_ASYNC -> close;
            case CANCEL, CANCEL_AND_CLOSE -> cancel;
        };
        long delay = s.delayMicros() * 1000L;
        CompletableFuture<Object> acted = new CompletableFuture<>();
        Runnable delayed = () -> {
            try {
                LockSupport.parkNanos(delay);
                action.run();
                acted.complete(null);
            } catch (Throwable t) {
                acted.completeExceptionally(t);
            }
        };
        switch (s.actor()) {
            case TEST_THREAD -> delayed.run();
            case PLATFORM_THREAD -> Thread.ofPlatform().start(delayed);
            case VIRTUAL_THREAD -> Thread.ofVirtual().start(delayed);
            case LOOP_THREAD -> {
                LockSupport.parkNanos(delay);
                loop.runOnLoop(ring -> {
                    action.run();
                    return null;
                }).whenComplete((v, t) -> {
                    if (t == null) {
                        acted.complete(null);
                    } else {
                        acted.completeExceptionally(t);
                    }
                });
            }
        }
        if (s.action() == Step.Action.CANCEL_AND_CLOSE) {
            try {
                target.close(); // the close, from the test thread, racing the actor's cancel
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return acted;
    }

    private void join(Thread thread, String what) throws InterruptedException {
        if (thread != null && !thread.join(Requests.GUARD)) {
            throw requests.failure(what + ": " + thread + " did not end within " + Requests.GUARD);
        }
    }

    private Outcome classify(String what, Throwable failure) {
        Throwable f = failure;
        while ((f instanceof ExecutionException || f instanceof java.util.concurrent.CompletionException)
                && f.getCause() != null) {
            f = f.getCause();
        }
        if (f.getClass() == AsynchronousCloseException.class) {
            return Outcome.ASYNC_CLOSE;
        }
        if (f.getClass() == ClosedChannelException.class) {
            return Outcome.CLOSED;
        }
        if (f instanceof CancellationException) {
            return Outcome.CANCELLED;
        }
        if (f.getClass() == InterruptedIOException.class) {
            return Outcome.INTERRUPTED;
        }
        AssertionError e = requests.failure(what + ": the call failed with " + f + ", not a documented outcome");
        e.initCause(f);
        throw e;
    }

    private void requireAllowed(String what, Step.HandleRace s, Started started, Outcome outcome) {
        Set<Outcome> allowed = EnumSet.noneOf(Outcome.class);
        if (started.canFinish()) {
            allowed.add(Outcome.NORMAL);
        }
        boolean closes = s.action() != Step.Action.CANCEL;
        boolean cancels = s.action() == Step.Action.CANCEL || s.action() == Step.Action.CANCEL_AND_CLOSE;
        if (closes) {
            allowed.add(Outcome.ASYNC_CLOSE);
            if (started.thread() != null) {
                allowed.add(Outcome.CLOSED); // its thread may begin after the close
            }
        }
        if (cancels) {
            allowed.add(started.future() != null ? Outcome.CANCELLED : Outcome.INTERRUPTED);
        }
        if (!allowed.contains(outcome)) {
            throw requests.failure(what + ": the call ended " + outcome + "; documented here: " + allowed);
        }
    }

    private <T> T released(CompletableFuture<T> released, String what) throws InterruptedException {
        try {
            return released.get(Requests.GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw requests.failure(what + ": not released within " + Requests.GUARD);
        } catch (ExecutionException e) {
            throw requests.failure(what + ": released() failed with " + e.getCause());
        }
    }

    /** What reached the file or the other end: a prefix of what was written; a closed socket's peer sees the end. */
    private void checkEffects(String what, Step.HandleRace s, byte[] data, Outcome outcome, Object value, int peer,
                              Path file, MemorySegment into) throws IOException {
        boolean writes = s.call() == Step.Call.WRITE || s.call() == Step.Call.WRITE_FULLY;
        if (s.handle() == Step.Handle.FILE) {
            if (writes) {
                byte[] onDisk = Files.readAllBytes(file);
                requirePrefix(what, data, onDisk, "the file");
                if (outcome == Outcome.NORMAL) {
                    long expected = s.call() == Step.Call.WRITE ? ((Number) value).longValue() : data.length;
                    if (onDisk.length != expected) {
                        throw requests.failure(what + ": the write ended normally, but the file holds " + onDisk.length
                                + " bytes, not " + expected);
                    }
                }
            } else if (outcome == Outcome.NORMAL) {
                long n = ((Number) value).longValue();
                if (s.call() == Step.Call.READ_FULLY && n != data.length) {
                    throw requests.failure(what + ": readFully of the whole file ended normally with " + n + " bytes");
                }
                requirePrefix(what, data, into.asSlice(0, n).toArray(JAVA_BYTE), "the bytes read");
            }
            return;
        }
        if (writes) {
            byte[] arrived = drain(what, peer);
            requirePrefix(what, data, arrived, "what the other end received");
            if (outcome == Outcome.NORMAL && s.call() == Step.Call.WRITE
                    && arrived.length != ((Number) value).intValue()) {
                throw requests.failure(what + ": a write reported " + value + " bytes, the other end received "
                        + arrived.length);
            }
        } else if (s.handle() == Step.Handle.SOCKET) {
            byte[] arrived = drain(what, peer); // the handle's socket is closed: end of stream, nothing else
            if (arrived.length != 0) {
                throw requests.failure(what + ": the other end received " + arrived.length + " bytes nobody sent");
            }
        }
    }

    /** Everything the other end receives until end of stream (which must come: the handle is closed). */
    private byte[] drain(String what, int peer) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            byte[] some;
            try {
                some = SocketNative.readSome(peer, 256 * 1024, Requests.GUARD);
            } catch (IllegalStateException e) {
                throw requests.failure(what + ": the other end saw no end of stream within " + Requests.GUARD
                        + " after the handle was closed (" + all.size() + " bytes received)");
            } catch (io.liouring.UringException e) {
                if (e.errno() == Errno.ECONNRESET) {
                    return all.toByteArray();
                }
                throw e;
            }
            if (some.length == 0) {
                return all.toByteArray();
            }
            all.writeBytes(some);
        }
    }

    private void requirePrefix(String what, byte[] data, byte[] got, String where) {
        if (got.length > data.length || !Arrays.equals(data, 0, got.length, got, 0, got.length)) {
            throw requests.failure(what + ": " + where + " (" + got.length + " bytes) is not a prefix of the "
                    + data.length + " bytes written");
        }
    }

    private void requireNothingInFlight(EventLoop loop, String what) {
        long deadline = System.nanoTime() + Requests.GUARD.toNanos();
        while (loop.inFlight() != 0) {
            if (System.nanoTime() > deadline) {
                throw requests.failure(what + ": " + loop + " still has requests in flight after the race");
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
