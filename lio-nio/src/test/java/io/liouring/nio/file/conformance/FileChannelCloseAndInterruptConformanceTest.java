package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code Channel.close}, {@code InterruptibleChannel}/{@code AbstractInterruptibleChannel}: a closed channel refuses
 * every operation; an interrupt closes the channel; a close wakes a thread blocked in it.
 */
// "try": some resources are held for their scope only (another process's lock), some are closed early on purpose
@SuppressWarnings("try")
class FileChannelCloseAndInterruptConformanceTest extends FileSystemConformance {
    /** Observed with JDK 25: the read(2) of a pinned virtual thread is neither interrupted nor woken by close. */
    private static final String VIRTUAL_THREAD_STAYS_BLOCKED = "a virtual thread blocked in FileChannel.read of a "
            + "named pipe stays blocked after Thread.interrupt() or close() (JDK 25 cannot signal its carrier)";

    @FunctionalInterface
    interface ChannelOperation {
        void run(FileChannel ch) throws IOException;
    }

    /** Every FileChannel operation that documents ClosedChannelException, by name. */
    private static Map<String, ChannelOperation> everyOperation() {
        var ops = new LinkedHashMap<String, ChannelOperation>();
        ops.put("read", ch -> ch.read(ByteBuffer.allocate(4)));
        ops.put("read(dsts)", ch -> ch.read(new ByteBuffer[] {ByteBuffer.allocate(4)}));
        ops.put("read(dst, position)", ch -> ch.read(ByteBuffer.allocateDirect(4), 0));
        ops.put("write", ch -> ch.write(ByteBuffer.wrap(ascii("x"))));
        ops.put("write(srcs)", ch -> ch.write(new ByteBuffer[] {ByteBuffer.wrap(ascii("x"))}));
        ops.put("write(src, position)", ch -> ch.write(ByteBuffer.wrap(ascii("x")), 0));
        ops.put("position()", FileChannel::position);
        ops.put("position(long)", ch -> ch.position(1));
        ops.put("size", FileChannel::size);
        ops.put("truncate", ch -> ch.truncate(1));
        ops.put("force", ch -> ch.force(true));
        ops.put("transferTo", ch -> ch.transferTo(0, 3, Channels.newChannel(new ByteArrayOutputStream())));
        ops.put("transferFrom", ch -> ch.transferFrom(Channels.newChannel(new ByteArrayInputStream(ascii("y"))), 0, 1));
        ops.put("map", ch -> ch.map(FileChannel.MapMode.READ_ONLY, 0, 1));
        ops.put("lock", FileChannel::lock);
        ops.put("tryLock", FileChannel::tryLock);
        return ops;
    }

    @Test
    void aClosedChannelRefusesEveryOperationWithClosedChannelException() throws IOException {
        // each operation: ClosedChannelException "If this channel is closed"
        Path file = file("data", "abc");
        var ch = FileChannel.open(file, READ, WRITE);
        assertTrue(ch.isOpen());
        ch.close();
        assertFalse(ch.isOpen());
        everyOperation().forEach((name, op) -> {
            var thrown = assertThrows(IOException.class, () -> op.run(ch), name);
            assertSame(ClosedChannelException.class, thrown.getClass(), name);
        });
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void closingAgainHasNoEffect() throws IOException {
        // Channel.close: "If this channel is already closed then invoking this method has no effect."
        var ch = FileChannel.open(file("data", "abc"));
        ch.close();
        ch.close();
        assertFalse(ch.isOpen());
    }

    /** The operations that document ClosedByInterruptException. */
    private static Map<String, ChannelOperation> interruptibleOperations() {
        var ops = new LinkedHashMap<String, ChannelOperation>();
        everyOperation().forEach((name, op) -> {
            if (name.startsWith("read") || name.startsWith("write") || name.startsWith("transfer")) {
                ops.put(name, op);
            }
        });
        return ops;
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void anOperationStartedWithTheInterruptStatusSetClosesTheChannel(boolean virtual) throws Exception {
        // AbstractInterruptibleChannel: if a thread is interrupted when it invokes a blocking I/O operation (the
        // interrupt status is already set), the channel is closed and the thread gets ClosedByInterruptException,
        // with its interrupt status still set
        Path file = file("data", "abc");
        for (var entry : interruptibleOperations().entrySet()) {
            var ch = FileChannel.open(file, READ, WRITE);
            try (var call = Blocked.start(virtual, () -> {
                Thread.currentThread().interrupt();
                entry.getValue().run(ch);
                return "completed";
            })) {
                assertInstanceOf(ClosedByInterruptException.class, call.failure(), entry.getKey());
                assertTrue(call.interruptStatusAtEnd(), entry.getKey() + ": interrupt status kept");
            } finally {
                assertFalse(ch.isOpen(), entry.getKey() + ": channel closed by the interrupt");
                ch.close();
            }
        }
        assertEquals("abc", Files.readString(file));
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void positionSizeTruncateAndForceAreBlockingOperationsForAnInterrupt(boolean virtual) throws Exception {
        // Their Javadoc names only ClosedChannelException and IOException, but the JDK's channel makes each of them
        // a blocking I/O operation of AbstractInterruptibleChannel (begin/end around the system call): started with
        // the interrupt status set, the call closes the channel and throws ClosedByInterruptException
        Path file = file("data", "abc");
        for (String name : new String[] {"position()", "position(long)", "size", "truncate", "force"}) {
            var ch = FileChannel.open(file, READ, WRITE);
            try (var call = Blocked.start(virtual, () -> {
                Thread.currentThread().interrupt();
                everyOperation().get(name).run(ch);
                return "completed";
            })) {
                assertInstanceOf(ClosedByInterruptException.class, call.failure(), name);
                assertTrue(call.interruptStatusAtEnd(), name + ": interrupt status kept");
            } finally {
                assertFalse(ch.isOpen(), name + ": channel closed by the interrupt");
                ch.close();
            }
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void aStreamsPositionIsNotInterruptible() throws Exception {
        // The channel of Files.newInputStream is not interruptible (as the JDK's): skip, which moves the channel's
        // position, neither closes it nor throws when the interrupt status is set
        Path file = file("data", "abcdef");
        try (var in = Files.newInputStream(file)) {
            Thread.currentThread().interrupt();
            try {
                assertEquals(2, in.skip(2));
                assertEquals('c', in.read());
            } finally {
                assertTrue(Thread.interrupted(), "interrupt status kept");
            }
            assertEquals('d', in.read());
        }
    }

    @Test
    void anInterruptedTransferToClosesBothChannels() throws Exception {
        // FileChannel.transferTo: ClosedByInterruptException "If another thread interrupts the current thread while
        // the transfer is in progress, thereby closing both channels and setting the current thread's interrupt
        // status". The interrupt status is set before the call (AbstractInterruptibleChannel: the same as an
        // interrupt while blocked), so it lands in the transfer's first step, before any byte moves.
        Path file = file("data", "abc");
        Pipe pipe = Pipe.open();
        try (var ch = FileChannel.open(file, READ); var sink = pipe.sink(); var source = pipe.source();
             var call = Blocked.start(false, () -> {
                 Thread.currentThread().interrupt();
                 return ch.transferTo(0, 3, sink);
             })) {
            assertInstanceOf(ClosedByInterruptException.class, call.failure());
            assertTrue(call.interruptStatusAtEnd(), "interrupt status kept");
            assertFalse(ch.isOpen(), "the file channel is closed");
            assertFalse(sink.isOpen(), "the target channel is closed");
        }
    }

    @Test
    void anInterruptedTransferFromClosesBothChannels() throws Exception {
        // FileChannel.transferFrom: ClosedByInterruptException "If another thread interrupts the current thread
        // while the transfer is in progress, thereby closing both channels and setting the current thread's
        // interrupt status" (interrupt status set before the call, as above)
        Path file = file("data", "abc");
        Pipe pipe = Pipe.open();
        try (var ch = FileChannel.open(file, READ, WRITE); var sink = pipe.sink(); var source = pipe.source();
             var call = Blocked.start(false, () -> {
                 Thread.currentThread().interrupt();
                 return ch.transferFrom(source, 0, 3);
             })) {
            assertInstanceOf(ClosedByInterruptException.class, call.failure());
            assertTrue(call.interruptStatusAtEnd(), "interrupt status kept");
            assertFalse(ch.isOpen(), "the file channel is closed");
            assertFalse(source.isOpen(), "the source channel is closed");
        }
        assertEquals("abc", Files.readString(file));
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void interruptingAThreadBlockedInReadClosesTheChannel(boolean virtual) throws Exception {
        // InterruptibleChannel: "If a thread is blocked in an I/O operation on an interruptible channel then another
        // thread may invoke the blocked thread's interrupt method. This will cause the channel to be closed, the
        // blocked thread to receive a ClosedByInterruptException, and the blocked thread's interrupt status to be
        // set." A read of an empty named pipe blocks until it is interrupted.
        if (virtual) target.assumeNotJdkDeviation(VIRTUAL_THREAD_STAYS_BLOCKED);
        Path fifo = Fifo.create(path("fifo"));
        try (var ch = FileChannel.open(fifo, READ, WRITE);
             var reader = Blocked.start(virtual, () -> ch.read(ByteBuffer.allocate(16)))) {
            reader.awaitInside("read");
            reader.interrupt();
            assertInstanceOf(ClosedByInterruptException.class, reader.failure());
            assertTrue(reader.interruptStatusAtEnd());
            assertFalse(ch.isOpen());
            assertThrows(ClosedChannelException.class, () -> ch.write(ByteBuffer.wrap(ascii("late"))));
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void closingAChannelWakesAThreadBlockedInReadWithAsynchronousCloseException(boolean virtual) throws Exception {
        // InterruptibleChannel: "If a thread is blocked in an I/O operation on an interruptible channel then another
        // thread may invoke the channel's close method. This will cause the blocked thread to receive an
        // AsynchronousCloseException." If the close wins the race before the read begins, the read sees a plain
        // ClosedChannelException; that attempt says nothing and is repeated.
        if (virtual) target.assumeNotJdkDeviation(VIRTUAL_THREAD_STAYS_BLOCKED);
        Path fifo = Fifo.create(path("fifo"));
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try (var ch = FileChannel.open(fifo, READ, WRITE);
                 var reader = Blocked.start(virtual, () -> ch.read(ByteBuffer.allocateDirect(16)))) {
                reader.awaitInside("read");
                ch.close();
                failure = reader.failure();
                assertFalse(reader.interruptStatusAtEnd(), "a close does not interrupt the reader");
            }
            assertInstanceOf(ClosedChannelException.class, failure);
            if (failure instanceof AsynchronousCloseException) {
                assertFalse(failure instanceof ClosedByInterruptException);
                return;
            }
            if (attempt == 3) fail("the close never caught the reader blocked: " + failure);
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void closingAChannelEndsAWriteWaitingForRoomInAPipe(boolean virtual) throws Exception {
        // A write that waits for room in a pipe nobody reads must end when another thread closes the channel: with
        // AsynchronousCloseException (InterruptibleChannel), or, as the JDK's channel ends it when write(2) is cut
        // short after part of the bytes went in, with that part's count. Either way the buffer's position says how
        // much the pipe took, and it is not all of it.
        if (virtual) target.assumeNotJdkDeviation(VIRTUAL_THREAD_STAYS_BLOCKED);
        Path fifo = Fifo.create(path("fifo"));
        ByteBuffer big = ByteBuffer.allocate(4 << 20); // far more than a pipe holds (64 KiB by default)
        try (var ch = FileChannel.open(fifo, READ, WRITE);
             var writer = Blocked.start(virtual, () -> ch.write(big))) {
            writer.awaitInside("write");
            ch.close();
            try {
                int written = writer.result();
                assertEquals(big.position(), written);
            } catch (ExecutionException e) {
                assertInstanceOf(AsynchronousCloseException.class, e.getCause());
                assertFalse(e.getCause() instanceof ClosedByInterruptException);
            }
            assertTrue(big.position() < big.capacity(), "the pipe cannot have taken all of it");
        }
    }

    @Test
    void aBlockedReadReturnsWhatAnotherThreadWrites() throws Exception {
        // the blocked-read setup above is a real read: a write to the pipe completes it (through a second channel:
        // a relative write on the reader's channel would wait for the read, which holds the channel's position)
        Path fifo = Fifo.create(path("fifo"));
        try (var ch = FileChannel.open(fifo, READ, WRITE); var writer = FileChannel.open(fifo, WRITE)) {
            var buf = ByteBuffer.allocate(16);
            try (var reader = Blocked.start(false, () -> ch.read(buf))) {
                reader.awaitInside("read");
                writer.write(ByteBuffer.wrap(ascii("wake")));
                assertEquals(4, reader.result());
            }
            assertEquals("wake", readSoFar(buf));
        }
    }
}
