package io.liouring.cli;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.OpenFlags.O_TRUNC;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** {@code lio demo}: the seed example run for real, then what the kernel offers. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Write and read a file through io_uring, showing each completion, then the probe summary.")
final class DemoCommand implements Callable<Integer> {
    private static final String HELLO = "Hello, io_uring!";

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        out.println("== 1. The seed example: write through the ring, read it back ==");
        Path dir = Files.createTempDirectory("lio-demo");
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
                out.println("read back: \"" + new String(back.toArray(JAVA_BYTE)) + "\"");
                if (written.result() != HELLO.length() || read.result() != HELLO.length()) {
                    System.err.println("lio demo: unexpected result");
                    return 1;
                }
            } finally {
                Fd.close(fd);
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
        out.println();
        out.println("== 2. What this kernel offers (lio probe for the full table) ==");
        KernelReport.probe().printSummary(out);
        return 0;
    }
}
