package io.liouring.handles;

import io.liouring.Errno;
import io.liouring.OpenFlags;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.file.AsyncFile;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file and socket layers speak Java: the JDK's own {@link IOException} subclasses, naming the path or address,
 * the errno kept in the cause; a blocking call throws with the caller's frames and the loop's exception as cause.
 */
class JavaExceptionsTest {
    private final EventLoop loop = EventLoop.open();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        loop.close();
    }

    /** The errno at the end of the cause chain. */
    private static Errno errnoOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UringException u) {
                return u.errno();
            }
        }
        throw new AssertionError("no UringException in the causes of " + t);
    }

    private static boolean hasFrameOf(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
    }

    @Test
    void aMissingFileIsNoSuchFileExceptionThrownWithTheCallersFrames() {
        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AsyncFile.openRead(loop, missing));
        assertEquals(missing.toString(), e.getFile());
        assertEquals(Errno.ENOENT, errnoOf(e));
        assertTrue(hasFrameOf(e, "aMissingFileIsNoSuchFileExceptionThrownWithTheCallersFrames"),
                "thrown on the caller's thread, with its frames");
        assertInstanceOf(NoSuchFileException.class, e.getCause(), "the loop's own exception is the cause");
        assertTrue(e.getCause().getStackTrace().length > 0);
    }

    @Test
    void aFutureFailsWithTheSameKindOfException() {
        Path missing = dir.resolve("missing");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> AsyncFile.openAsync(loop, missing, OpenFlags.O_RDONLY, 0).get(10, TimeUnit.SECONDS));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertEquals(Errno.ENOENT, errnoOf(e.getCause()));
    }

    @Test
    void anExclusiveCreateOfAnExistingFileIsFileAlreadyExistsException() throws IOException {
        Path existing = Files.writeString(dir.resolve("there"), "x");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AsyncFile.open(loop, existing, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL, 0644));
        assertEquals(existing.toString(), e.getFile());
        assertEquals(Errno.EEXIST, errnoOf(e));
    }

    @Test
    void aRefusedConnectionIsConnectExceptionNamingTheAddress() throws Exception {
        SockAddrIn nobody;
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            nobody = SockAddrIn.loopback(SocketNative.localPort(listener.fd()));
        }
        ConnectException e = assertThrows(ConnectException.class, () -> Connection.connect(loop, nobody));
        assertTrue(e.getMessage().contains(String.valueOf(nobody.port())), e.getMessage());
        assertEquals(Errno.ECONNREFUSED, errnoOf(e));
    }

    @Test
    void anAddressInUseIsBindException() throws Exception {
        try (Listener first = Listener.bind(loop, SockAddrIn.loopback(0))) {
            SockAddrIn taken = SockAddrIn.loopback(SocketNative.localPort(first.fd()));
            BindException e = assertThrows(BindException.class, () -> Listener.bind(loop, taken));
            assertEquals(Errno.EADDRINUSE, errnoOf(e));
        }
    }
}
