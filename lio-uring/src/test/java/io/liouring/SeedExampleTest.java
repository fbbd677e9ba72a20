package io.liouring;

import io.liouring.operation.Read;
import io.liouring.operation.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.OpenFlags.O_TRUNC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seed example of lio-uring, in Java: write through the ring, then read the same bytes back through it. */
class SeedExampleTest {
    @Test
    void writesHelloThroughTheRingAndReadsItBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.txt");
        try (var ring = new LioUring(32); var arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom("Hello, io_uring!");
            int fd = Fd.open(file, O_CREAT | O_RDWR | O_TRUNC, 0644);
            try {
                ring.push(new Write(fd, data.asSlice(0, 16)), 1);
                ring.submit();
                Completion written = ring.waitCompletion();
                assertEquals(1, written.userData());
                assertEquals(16, written.result());
                assertEquals("Hello, io_uring!", Files.readString(file));

                MemorySegment back = arena.allocate(16);
                ring.push(new Read(fd, back), 2);
                ring.submit();
                Completion read = ring.waitCompletion();
                assertEquals(2, read.userData());
                assertEquals(16, read.result());
                assertEquals("Hello, io_uring!", new String(back.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            } finally {
                Fd.close(fd);
            }
        }
    }
}
