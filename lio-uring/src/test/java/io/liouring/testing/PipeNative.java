package io.liouring.testing;

import io.liouring.Fd;
import io.liouring.UringException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Test support: plain pipes and blocking reads/writes outside the ring ({@code pipe2(2)}, {@code read(2)},
 * {@code write(2)}), to set up and check what ring operations do; and an fd's open flags from
 * {@code /proc/self/fdinfo}.
 */
public final class PipeNative {
    private static final MethodHandle PIPE2 = Downcalls.libc("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ = Downcalls.libc("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Downcalls.libc("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    /** The two ends of a pipe; {@link #close()} closes the ends not closed yet. */
    public static final class Ends implements AutoCloseable {
        private final int readFd;
        private final int writeFd;
        private boolean readOpen = true;
        private boolean writeOpen = true;

        Ends(int readFd, int writeFd) {
            this.readFd = readFd;
            this.writeFd = writeFd;
        }

        public int readFd() {
            return readFd;
        }

        public int writeFd() {
            return writeFd;
        }

        /** Closes the write end: readers then see end of file once the pipe is empty. */
        public void closeWrite() {
            if (writeOpen) {
                writeOpen = false;
                Fd.close(writeFd);
            }
        }

        @Override
        public void close() {
            closeWrite();
            if (readOpen) {
                readOpen = false;
                Fd.close(readFd);
            }
        }
    }

    private PipeNative() {
    }

    /** {@code pipe2(fds, flags)} with O_CLOEXEC added. */
    public static Ends pipe(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = (int) PIPE2.invokeExact(errno, fds, flags | 02000000);
            if (r < 0) {
                throw new UringException("pipe2", Downcalls.errno(errno));
            }
            return new Ends(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static Ends pipe() {
        return pipe(0);
    }

    /** Writes all of {@code data} to {@code fd}, blocking. */
    public static void writeFully(int fd, byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, data);
            long done = 0;
            while (done < data.length) {
                long n = (long) WRITE.invokeExact(errno, fd, buffer.asSlice(done), data.length - done);
                if (n < 0) {
                    throw new UringException("write(" + fd + ")", Downcalls.errno(errno));
                }
                done += n;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** One {@code read(fd, max)}, blocking: the bytes it returned (empty at end of file). */
    public static byte[] read(int fd, int max) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            MemorySegment buffer = arena.allocate(Math.max(1, max));
            long n = (long) READ.invokeExact(errno, fd, buffer, (long) max);
            if (n < 0) {
                throw new UringException("read(" + fd + ")", Downcalls.errno(errno));
            }
            return buffer.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The {@code flags:} line of {@code /proc/self/fdinfo/<fd>}: the file's open flags, with O_CLOEXEC if set on the fd. */
    public static int openFlags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
            }
        }
        throw new IOException("no flags line in /proc/self/fdinfo/" + fd);
    }
}
