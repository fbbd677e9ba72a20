package io.liouring.misuse;

import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.async.ResultMapper;
import io.liouring.file.AsyncFile;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.operation.Nop;
import io.liouring.struct.SockAddrIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event loop, handles, files and sockets tried with bad arguments: each call fails at once with its named
 * exception, whose message names the argument and the rule, and the loop goes on answering requests.
 */
class AsyncMisuseTest {
    private static final Arena ARENA = Arena.ofShared();
    private static final MemorySegment HEAP = MemorySegment.ofArray(new byte[64]);
    private static EventLoop loop;
    private static FdHandle handle;
    private static AsyncFile file;

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    @BeforeAll
    static void open() throws Exception {
        loop = EventLoop.open();
        handle = FdHandle.of(loop, io.liouring.Fd.openRead(Path.of("/proc/self/status")));
        file = AsyncFile.openRead(loop, Path.of("/proc/self/status"));
    }

    @AfterAll
    static void close() throws Exception {
        file.close();
        handle.close();
        loop.close();
        ARENA.close();
    }

    private static Arguments row(String call, Class<? extends Throwable> thrown, String message, Call c) {
        return Arguments.of(call, thrown, message, c);
    }

    static Stream<Arguments> misuse() {
        Nop nop = new Nop();
        return Stream.of(
                row("builder().entries(0)", IllegalArgumentException.class, "entries must be between",
                        () -> EventLoop.builder().entries(0)),
                row("builder().maxRequests(0)", IllegalArgumentException.class, "maxRequests must be between",
                        () -> EventLoop.builder().maxRequests(0)),
                row("builder().closeGrace(-1 ms)", IllegalArgumentException.class, "grace must not be negative",
                        () -> EventLoop.builder().closeGrace(Duration.ofMillis(-1))),
                row("submit(null)", NullPointerException.class, "operation", () -> loop.submit(null)),
                row("submit(op, IO_LINK)", IllegalArgumentException.class, "not allowed here",
                        () -> loop.submit(nop, SqeFlags.IO_LINK)),
                row("submit(op, IO_DRAIN)", IllegalArgumentException.class, "IO_DRAIN",
                        () -> loop.submit(nop, SqeFlags.IO_DRAIN)),
                row("submit(op, CQE_SKIP_SUCCESS)", IllegalArgumentException.class, "needs every completion",
                        () -> loop.submit(nop, SqeFlags.CQE_SKIP_SUCCESS)),
                row("submit(op, 0 s)", IllegalArgumentException.class, "timeout must be positive",
                        () -> loop.submit(nop, Duration.ZERO)),
                row("submit(op, NONE, null, null)", NullPointerException.class, "mapper",
                        () -> loop.submit(nop, SqeFlags.NONE, null, null)),
                row("submitMultishot(op, null)", NullPointerException.class, "handler",
                        () -> loop.submitMultishot(nop, null)),
                row("cancelAndClose(-1)", IllegalArgumentException.class, "fd must not be negative",
                        () -> loop.cancelAndClose(-1)),
                row("runOnLoop(null)", NullPointerException.class, "task", () -> loop.runOnLoop(null)),
                row("FdHandle.of(loop, -1)", IllegalArgumentException.class, "fd must not be negative",
                        () -> FdHandle.of(loop, -1)),
                row("FdHandle.of(null, 0)", NullPointerException.class, "loop", () -> FdHandle.of(null, 0)),
                row("handle.submit(op, FIXED_FILE, …)", IllegalArgumentException.class, "FIXED_FILE",
                        () -> handle.submit(nop, SqeFlags.FIXED_FILE, null, ResultMapper.RESULT)),
                row("handle.withDescriptor(null)", NullPointerException.class, "call", () -> handle.withDescriptor(null)),
                row("handle.withDescriptors(null, call)", NullPointerException.class, "other",
                        () -> handle.withDescriptors(null, (a, b) -> 0)),
                row("handle.withDescriptors(handle, null)", NullPointerException.class, "call",
                        () -> handle.withDescriptors(handle, null)),
                row("AsyncFile.open(mode 010000)", IllegalArgumentException.class, "mode must be permission bits",
                        () -> AsyncFile.open(loop, Path.of("x"), OpenFlags.O_RDONLY, 010000)),
                row("AsyncFile.open(null path)", NullPointerException.class, "path",
                        () -> AsyncFile.open(loop, null, OpenFlags.O_RDONLY, 0)),
                row("file.read(heap segment)", IllegalArgumentException.class, "heap segment",
                        () -> file.read(HEAP, 0)),
                row("file.read(buffer, -1)", IllegalArgumentException.class, "position must not be negative",
                        () -> file.read(ARENA.allocate(8), -1)),
                row("file.readFullyAsync(heap segment)", IllegalArgumentException.class, "heap segment",
                        () -> file.readFullyAsync(HEAP, 0)),
                row("file.writeFully(heap segment)", IllegalArgumentException.class, "heap segment",
                        () -> file.writeFully(HEAP, 0)),
                row("Listener.bind(backlog -1)", IllegalArgumentException.class, "backlog must not be negative",
                        () -> Listener.bind(loop, SockAddrIn.loopback(0), -1)),
                row("Listener.bind(null address)", NullPointerException.class, "address",
                        () -> Listener.bind(loop, null)),
                row("Connection.of(loop, -1)", IllegalArgumentException.class, "fd must not be negative",
                        () -> Connection.of(loop, -1)),
                row("Connection.connect(null address)", NullPointerException.class, "address",
                        () -> Connection.connect(loop, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuse")
    void badArgumentsFailAtOnceWithTheirNameAndTheLoopGoesOn(String call, Class<? extends Throwable> thrown,
                                                             String message, Call c) throws Exception {
        Throwable t = assertThrows(thrown, c::run, call);
        assertTrue(t.getMessage() != null && t.getMessage().contains(message),
                call + ": the message names the argument and the rule: " + t.getMessage());
        assertEquals(7, loop.callResult(new Nop().injectResult(7)), "the loop still answers");
        assertTrue(handle.isOpen() && !file.isClosed(), "nothing was closed by a refused call");
    }
}
