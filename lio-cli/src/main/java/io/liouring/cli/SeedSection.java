package io.liouring.cli;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.operation.Read;
import io.liouring.operation.Write;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.OpenFlags.O_TRUNC;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** Demo: the seed example of the design, run for real: a Write and a Read through the ring, each completion shown. */
final class SeedSection implements DemoSection {
    private static final String HELLO = "Hello, io_uring!";

    @Override
    public String title() {
        return "The seed example: write through the ring, read it back";
    }

    @Override
    public boolean run(PrintStream out, Path dir) throws Exception {
        Path file = dir.resolve("test.txt");
        try (var ring = new LioUring(32); var arena = Arena.ofConfined()) {
            out.println("ring: " + ring);
            MemorySegment data = arena.allocateFrom(HELLO);
            int fd = Fd.open(file, O_CREAT | O_RDWR | O_TRUNC, 0644);
            try {
                ring.push(new Write(fd, data.asSlice(0, HELLO.length())), 1);
                ring.submit();
                Completion written = ring.waitCompletion();
                out.println("push(Write \"" + HELLO + "\", userData=1) -> " + written);
                out.println("file " + file + " now holds: \"" + Files.readString(file) + "\"");

                MemorySegment back = arena.allocate(HELLO.length());
                ring.push(new Read(fd, back), 2);
                ring.submit();
                Completion read = ring.waitCompletion();
                out.println("push(Read, userData=2) -> " + read);
                String text = new String(back.toArray(JAVA_BYTE));
                out.println("read back: \"" + text + "\"");
                return written.result() == HELLO.length() && read.result() == HELLO.length() && text.equals(HELLO);
            } finally {
                Fd.close(fd);
            }
        }
    }
}
