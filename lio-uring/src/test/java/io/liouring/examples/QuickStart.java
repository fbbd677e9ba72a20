package io.liouring.examples;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.operation.Write;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static io.liouring.OpenFlags.*;

/** Writes "Hello, io_uring!" to test.txt in the working directory through a ring. */
public class QuickStart {
    public static void main(String[] args) {
        try (var ring = new LioUring(32);
             var arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom("Hello, io_uring!");          // note: includes the NUL
            int fd = Fd.open(Path.of("test.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                ring.push(new Write(fd, data.asSlice(0, 16)), 1);
                ring.submit();
                Completion c = ring.waitCompletion();                              // `wait()` is taken by Object
                int written = c.resultOrThrow();                                   // a negative result is -errno
                System.out.println("request " + c.userData() + " wrote " + written + " bytes to test.txt");
            } finally {
                Fd.close(fd);
            }
        }
    }
}
