package io.liouring.misuse;

import io.liouring.Completion;
import io.liouring.Feature;
import io.liouring.IoWorkerLimits;
import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.NapiSettings;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Params;
import io.liouring.Restrictions;
import io.liouring.SqeFlags;
import io.liouring.SyncCancel;
import io.liouring.UringException;
import io.liouring.WaitClock;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Nop;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import io.liouring.operation.ReadMulti;
import io.liouring.operation.ReadSelect;
import io.liouring.operation.Splice;
import io.liouring.operation.Timeout;
import io.liouring.operation.Write;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every public entry point of the ring, and the operations, tried with bad arguments: each call fails before
 * anything reaches the kernel with its named exception (the message names the argument and the rule), and the ring
 * takes and completes a request afterwards as if nothing happened. The table is the one in the README's
 * "Failure modes" section.
 */
class MisuseTest {
    private static final Arena ARENA = Arena.ofShared();
    private static final MemorySegment NATIVE = ARENA.allocate(64, 64);
    private static final MemorySegment HEAP = MemorySegment.ofArray(new byte[64]);
    private static final MemorySegment CLOSED;
    private static LioUring ring;

    static {
        Arena closing = Arena.ofConfined();
        CLOSED = closing.allocate(64);
        closing.close();
    }

    @BeforeAll
    static void open() {
        ring = new LioUring(8);
    }

    @AfterAll
    static void close() {
        ring.close();
        ARENA.close();
    }

    private static Arguments row(String call, Class<? extends Throwable> thrown, String message, Consumer<LioUring> c) {
        return Arguments.of(call, thrown, message, c);
    }

    static Stream<Arguments> ringMisuse() {
        Nop nop = new Nop();
        return Stream.of(
                row("push(null, 1)", NullPointerException.class, "operation", r -> r.push(null, 1)),
                row("push(op, 1, null)", NullPointerException.class, "flags", r -> r.push(nop, 1, null)),
                row("push(op, 1, NONE, -1)", IllegalArgumentException.class, "personality must be an id",
                        r -> r.push(nop, 1, SqeFlags.NONE, -1)),
                row("push(op, 1, NONE, 65536)", IllegalArgumentException.class, "personality must be an id",
                        r -> r.push(nop, 1, SqeFlags.NONE, 65536)),
                row("tryPush(null, 1)", NullPointerException.class, "operation", r -> r.tryPush(null, 1)),
                row("tryPush(op, 1, null)", NullPointerException.class, "flags", r -> r.tryPush(nop, 1, null)),
                row("push(op whose buffer's arena closed)", IllegalStateException.class, "arena that was closed",
                        r -> r.push(readOf(ARENA), 1)),
                row("submitAndWait(-1)", IllegalArgumentException.class, "minComplete must not be negative",
                        r -> r.submitAndWait(-1)),
                row("waitCompletion(null)", NullPointerException.class, "timeout", r -> r.waitCompletion(null)),
                row("waitCompletion(-1 ms)", IllegalArgumentException.class, "timeout must not be negative",
                        r -> r.waitCompletion(Duration.ofMillis(-1))),
                row("waitCompletion(0, 1 ms, 1 ms)", IllegalArgumentException.class, "count must be at least 1",
                        r -> r.waitCompletion(0, Duration.ofMillis(1), Duration.ofMillis(1))),
                row("waitCompletion(1, null, 1 ms)", NullPointerException.class, "minWait",
                        r -> r.waitCompletion(1, null, Duration.ofMillis(1))),
                row("waitCompletion(1, 2 h, 1 s)", IllegalArgumentException.class, "minWait must be below 2^32",
                        r -> r.waitCompletion(1, Duration.ofHours(2), Duration.ofSeconds(1))),
                row("forEachCompletion(null)", NullPointerException.class, "handler", r -> r.forEachCompletion(null)),
                row("registerBuffers(heap segment)", IllegalArgumentException.class, "heap segment",
                        r -> r.registerBuffers(HEAP)),
                row("registerBuffers(closed arena's segment)", IllegalStateException.class, "already closed",
                        r -> r.registerBuffers(CLOSED)),
                row("registerBuffers((MemorySegment[]) null)", NullPointerException.class, "buffers",
                        r -> r.registerBuffers((MemorySegment[]) null)),
                row("registerBuffers(2 buffers, 1 tag)", IllegalArgumentException.class, "tags has 1 entries",
                        r -> r.registerBuffers(new MemorySegment[] {NATIVE, NATIVE}, new long[] {1})),
                row("registerBuffersSparse(-1)", IllegalArgumentException.class, "must be positive",
                        r -> r.registerBuffersSparse(-1)),
                row("registeredBuffer(3) with none registered", IllegalArgumentException.class, "3",
                        r -> r.registeredBuffer(3)),
                row("registerFiles((int[]) null)", NullPointerException.class, "fds", r -> r.registerFiles((int[]) null)),
                row("registerFiles()", IllegalArgumentException.class, "fds must not be empty", LioUring::registerFiles),
                row("registerFiles(2 fds, 1 tag)", IllegalArgumentException.class, "tags has 1 entries",
                        r -> r.registerFiles(new int[] {0, 1}, new long[] {1})),
                row("registerFilesSparse(0)", IllegalArgumentException.class, "must be positive",
                        r -> r.registerFilesSparse(0)),
                row("registerRestrictions(null)", NullPointerException.class, "restrictions",
                        r -> r.registerRestrictions(null)),
                row("ioWorkerLimits(null)", NullPointerException.class, "limits", r -> r.ioWorkerLimits(null)),
                row("ioWorkerAffinity(null)", NullPointerException.class, "cpus", r -> r.ioWorkerAffinity(null)),
                row("ioWorkerAffinity(no CPU)", IllegalArgumentException.class, "at least one CPU",
                        r -> r.ioWorkerAffinity(new BitSet())),
                row("cancelSync(null)", NullPointerException.class, "cancel", r -> r.cancelSync(null)),
                row("registerNapi(null)", NullPointerException.class, "settings", r -> r.registerNapi(null)),
                row("registerClock(null)", NullPointerException.class, "clock", r -> r.registerClock(null)),
                row("resize(0, 8)", IllegalArgumentException.class, "sqEntries must be between 1 and 32768",
                        r -> r.resize(0, 8)),
                row("resize(8, 4)", IllegalArgumentException.class, "cqEntries (4) must be at least sqEntries (8)",
                        r -> r.resize(8, 4)),
                row("cloneBuffers(null)", NullPointerException.class, "source", r -> r.cloneBuffers(null)),
                row("cloneBuffers(itself)", IllegalArgumentException.class, "source must be another ring",
                        r -> r.cloneBuffers(r)),
                row("hasFeature(null)", NullPointerException.class, "feature", r -> r.hasFeature(null)),
                row("a full submission queue", IllegalStateException.class, "submission queue is full", r -> {
                    try {
                        for (int i = 0; i <= r.sqEntries(); i++) {
                            r.push(nop, 1000 + i);
                        }
                    } finally {
                        drain(r);
                    }
                }),
                row("a chain longer than the free submission queue", IllegalStateException.class,
                        "the chain has 9 operations", r -> Link.of(nop, nop, nop, nop, nop, nop, nop, nop, nop)
                                .pushTo(r, 1)),
                row("unregisterRingFd from another thread", IllegalStateException.class, "only that thread", r -> {
                    r.registerRingFd();
                    try {
                        rethrow(CompletableFuture.runAsync(r::unregisterRingFd, Thread::startVirtualThread));
                    } finally {
                        r.unregisterRingFd();
                    }
                }),
                row("registerRingFd on a virtual thread", IllegalStateException.class, "virtual thread",
                        r -> rethrow(CompletableFuture.runAsync(r::registerRingFd, Thread::startVirtualThread))));
    }

    private static Read readOf(Arena keep) {
        Arena arena = Arena.ofConfined();
        Read read = new Read(0, arena.allocate(8));
        arena.close();
        return read;
    }

    private static void drain(LioUring r) {
        r.submit();
        while (r.waitCompletion(Duration.ofMillis(200)).isPresent()) {
            // completions of the requests pushed before the queue was full
        }
    }

    /** Waits for an action run on another thread and rethrows what it threw. */
    private static void rethrow(CompletableFuture<Void> done) {
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ringMisuse")
    void theRingRejectsMisuseByNameAndStaysUsable(String call, Class<? extends Throwable> thrown, String message,
                                                  Consumer<LioUring> misuse) {
        Throwable t = assertThrows(thrown, () -> misuse.accept(ring), call);
        assertNotNull(t.getMessage(), call + " threw " + t + " without a message");
        assertTrue(t.getMessage().contains(message), call + ": \"" + t.getMessage() + "\" should name \"" + message + "\"");
        stillUsable(ring);
    }

    private static void stillUsable(LioUring r) {
        assertEquals(0, r.cqReady(), "no stray completion");
        r.push(new Nop(), 4242);
        Completion c = Roundtrip.next(r);
        assertEquals(4242, c.userData());
        assertEquals(0, c.result());
    }

    static Stream<Arguments> operationMisuse() {
        return Stream.of(
                op("new Read(fd, null)", NullPointerException.class, "buffer", () -> new Read(0, null)),
                op("new Read(fd, heap)", IllegalArgumentException.class, "buffer is a heap segment",
                        () -> new Read(0, HEAP)),
                op("new Read(fd, closed arena's segment)", IllegalStateException.class, "already closed",
                        () -> new Read(0, CLOSED)),
                op("new Read(fd, buffer, -2)", IllegalArgumentException.class, "offset must be >= 0, or -1",
                        () -> new Read(0, NATIVE, -2)),
                op("new Write(fd, buffer).length(65)", IllegalArgumentException.class,
                        "length (65) is longer than the segment (64 bytes)", () -> new Write(1, NATIVE).length(65)),
                op("new Write(fd, buffer).length(-1)", IllegalArgumentException.class, "length must not be negative",
                        () -> new Write(1, NATIVE).length(-1)),
                op("new ReadSelect(fd, -1, 8)", IllegalArgumentException.class, "bufferGroup must be between 0 and 65535",
                        () -> new ReadSelect(0, -1, 8)),
                op("new ReadSelect(fd, 65536, 8)", IllegalArgumentException.class, "bufferGroup must be between 0 and 65535",
                        () -> new ReadSelect(0, 65536, 8)),
                op("new ReadSelect(fd, 1, -1)", IllegalArgumentException.class, "length must not be negative",
                        () -> new ReadSelect(0, 1, -1)),
                op("new ReadMulti(fd, -1)", IllegalArgumentException.class, "bufferGroup must be between 0 and 65535", () -> new ReadMulti(0, -1)),
                op("new OpenAt(null, 0, 0)", NullPointerException.class, "path", () -> new OpenAt(null, 0, 0)),
                op("new Timeout(null)", NullPointerException.class, "duration", () -> new Timeout(null)),
                op("new Timeout(-1 s)", IllegalArgumentException.class, "duration must not be negative",
                        () -> new Timeout(Duration.ofSeconds(-1))),
                op("new Timeout(1 s).count(-1)", IllegalArgumentException.class, "completions must not be negative",
                        () -> new Timeout(Duration.ofSeconds(1)).count(-1)),
                op("new Splice(…, -1)", IllegalArgumentException.class, "length must not be negative",
                        () -> new Splice(0, -1, 1, -1, -1)),
                op("AsyncCancel.byOpcode(null)", NullPointerException.class, "opcode", () -> AsyncCancel.byOpcode(null)),
                op("AsyncCancel.byFd(-1)", IllegalArgumentException.class, "fd must not be negative",
                        () -> AsyncCancel.byFd(-1)),
                op("Link.of()", IllegalArgumentException.class, "at least one operation", () -> Link.of()),
                op("Link.of(null)", NullPointerException.class, "operation", () -> Link.of((Operation) null)),
                op("Link.then(op, IO_LINK)", IllegalArgumentException.class, "must not carry IO_LINK",
                        () -> Link.of(new Nop()).then(new Nop(), SqeFlags.IO_LINK)),
                op("SqeFlags.of(128)", IllegalArgumentException.class, "128", () -> SqeFlags.of(128)),
                op("new LioUring(0)", IllegalArgumentException.class, "entries must be between 1 and 32768",
                        () -> new LioUring(0).close()),
                op("new LioUring(65536)", IllegalArgumentException.class, "entries must be between 1 and 32768",
                        () -> new LioUring(65536).close()),
                op("new LioUring(8, null)", NullPointerException.class, "params", () -> new LioUring(8, null).close()),
                op("Params cqSize(0)", IllegalArgumentException.class, "cq entries must be positive",
                        () -> Params.builder().cqSize(0)),
                op("Params sqPoll(-1 ms)", IllegalArgumentException.class, "idle must be between",
                        () -> Params.builder().sqPoll(Duration.ofMillis(-1))),
                op("Params sqPoll(0)", IllegalArgumentException.class, "idle must be between 1 ms",
                        () -> Params.builder().sqPoll(Duration.ZERO)),
                op("Params sqPoll(500 µs)", IllegalArgumentException.class, "idle must be between 1 ms",
                        () -> Params.builder().sqPoll(Duration.ofNanos(500_000))),
                op("Params sqPoll(null)", NullPointerException.class, "idle", () -> Params.builder().sqPoll(null)),
                op("new NapiSettings(Long.MAX_VALUE s, …)", IllegalArgumentException.class,
                        "busyPollTimeout must be between 0 and 2^32-1 microseconds",
                        () -> new NapiSettings(Duration.ofSeconds(Long.MAX_VALUE), false)),
                op("Params sqPoll(Long.MAX_VALUE s)", IllegalArgumentException.class, "idle must be between 1 ms",
                        () -> Params.builder().sqPoll(Duration.ofSeconds(Long.MAX_VALUE))),
                op("Params sqThreadCpu(-1)", IllegalArgumentException.class, "cpu must not be negative",
                        () -> Params.builder().sqThreadCpu(-1)),
                op("a CQ smaller than the SQ", UringException.class, "CQSIZE",
                        () -> new LioUring(8, Params.builder().cqSize(4).build()).close()),
                op("BufferRing.register(null, …)", NullPointerException.class, "ring",
                        () -> BufferRing.register(null, 1, 1, 1)),
                op("BufferRing.register(ring, 65536, …)", IllegalArgumentException.class, "group must be between",
                        () -> BufferRing.register(ring, 65536, 1, 1)),
                op("BufferRing.register(ring, 1, 0, …)", IllegalArgumentException.class, "count must be between",
                        () -> BufferRing.register(ring, 1, 0, 1)),
                op("BufferRing.register(ring, 1, 1, 0)", IllegalArgumentException.class, "bufferSize must be positive",
                        () -> BufferRing.register(ring, 1, 1, 0)),
                op("BufferRing.take(a completion without buffer)", IllegalArgumentException.class, "names no buffer",
                        () -> {
                            try (var group = BufferRing.register(ring, 9, 1, 8)) {
                                group.take(new Completion(1, 8, 0));
                            }
                        }),
                op("BufferRing.recycle(a buffer the kernel has)", IllegalStateException.class,
                        "already with the kernel", () -> {
                            try (var group = BufferRing.register(ring, 9, 1, 8)) {
                                group.recycle(0);
                            }
                        }),
                op("io.liouring.Fd.open(null, …)", NullPointerException.class, "path",
                        () -> io.liouring.Fd.open(null, 0, 0)),
                op("io.liouring.Fd.open(path, 0, 010000)", IllegalArgumentException.class, "mode must be permission bits",
                        () -> io.liouring.Fd.open(Path.of("/x"), 0, 010000)));
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Arguments op(String call, Class<? extends Throwable> thrown, String message, Call c) {
        return Arguments.of(call, thrown, message, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationMisuse")
    void operationsRejectBadArgumentsByName(String call, Class<? extends Throwable> thrown, String message, Call misuse) {
        Throwable t = assertThrows(thrown, misuse::run, call);
        assertNotNull(t.getMessage(), call + " threw " + t + " without a message");
        assertTrue(t.getMessage().contains(message), call + ": \"" + t.getMessage() + "\" should name \"" + message + "\"");
        stillUsable(ring);
    }

    @Test
    void anotherThreadEnteringASingleIssuerRingIsToldSoAndTheOwnerCarriesOn() throws Exception {
        try (var owned = new LioUring(4, Params.builder().singleIssuer().build())) {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    owned.push(new Nop(), 1);
                    owned.submit();
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
            }).join();
            UringException e = assertInstanceOf(UringException.class, thrown.get());
            assertEquals(io.liouring.Errno.EEXIST, e.errno());
            assertTrue(e.getMessage().contains("SINGLE_ISSUER ring was entered from a thread other than its submitter"),
                    e.getMessage());
            // the entry the other thread pushed stayed queued: the owner's next submission carries it
            owned.push(new Nop(), 2);
            assertEquals(Set.of(1L, 2L), Roundtrip.byUserData(owned, 2).keySet());
        }
    }

    /** Accessors that stay answerable on a closed ring: they read nothing the close released. */
    private static final Set<String> ANSWERED_WHEN_CLOSED = Set.of("close", "isClosed", "toString", "setupFlags",
            "features", "hasFeature", "sqEntries", "cqEntries", "isRingFdRegistered", "equals", "hashCode");

    private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(int.class, 1), Map.entry(long.class, 1L), Map.entry(boolean.class, false),
            Map.entry(Operation.class, new Nop()), Map.entry(SqeFlags.class, SqeFlags.NONE),
            Map.entry(Duration.class, Duration.ofMillis(1)), Map.entry(MemorySegment.class, NATIVE),
            Map.entry(MemorySegment[].class, new MemorySegment[] {NATIVE}), Map.entry(int[].class, new int[] {0}),
            Map.entry(long[].class, new long[] {0}), Map.entry(String.class, "name"),
            Map.entry(io.liouring.CompletionHandler.class, (io.liouring.CompletionHandler) (u, r, f) -> { }),
            Map.entry(Restrictions.class, Restrictions.builder().allowOperations(Opcode.NOP).build()),
            Map.entry(SyncCancel.class, SyncCancel.any()), Map.entry(IoWorkerLimits.class, new IoWorkerLimits(0, 0)),
            Map.entry(BitSet.class, BitSet.valueOf(new long[] {1})),
            Map.entry(NapiSettings.class, new NapiSettings(Duration.ofNanos(1000), false)),
            Map.entry(WaitClock.class, WaitClock.values()[0]), Map.entry(Feature.class, Feature.values()[0]),
            Map.entry(AutoCloseable.class, (AutoCloseable) () -> { }),
            Map.entry(io.liouring.WaitRegion.class, sampleWaitRegion()));

    /** A wait region of a ring closed since: the closed ring must refuse it before looking at it. */
    private static io.liouring.WaitRegion sampleWaitRegion() {
        try (LioUring ring = new LioUring(2, io.liouring.Params.builder().rDisabled().build())) {
            return ring.registerWaitRegion(1);
        }
    }

    @Test
    void everyCallOnAClosedRingSaysTheRingIsClosed() throws Exception {
        LioUring closed = new LioUring(4);
        LioUring other = new LioUring(4);
        closed.close();
        List<String> checked = new ArrayList<>();
        try {
            for (Method m : LioUring.class.getMethods()) {
                if (m.getDeclaringClass() != LioUring.class || Modifier.isStatic(m.getModifiers())
                        || ANSWERED_WHEN_CLOSED.contains(m.getName())) {
                    continue;
                }
                Object[] args = new Object[m.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    Class<?> type = m.getParameterTypes()[i];
                    args[i] = type == LioUring.class ? other : SAMPLES.get(type);
                    if (args[i] == null) {
                        fail("no sample argument of type " + type.getName() + " for " + m);
                    }
                }
                try {
                    m.invoke(closed, args);
                    fail(m + " worked on a closed ring");
                } catch (InvocationTargetException e) {
                    assertInstanceOf(IllegalStateException.class, e.getCause(), m.toString());
                    assertEquals("ring is closed", e.getCause().getMessage(), m.toString());
                }
                checked.add(m.getName());
            }
        } finally {
            other.close();
        }
        assertTrue(checked.size() > 50, "public methods checked: " + checked);
        closed.close(); // idempotent
        assertTrue(closed.isClosed());
    }
}
