package io.liouring.cli;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.operation.Close;
import io.liouring.operation.Fsync;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Write;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_TRUNC;
import static io.liouring.OpenFlags.O_WRONLY;

/**
 * Demo: open, write, fsync and close a file in one submit, linked with {@code IO_LINK} so each starts only
 * after the one before succeeded. The file is opened into a direct descriptor (slot 0 of a sparse registered
 * file table), so the process never holds an fd for it: the write and fsync name the slot with
 * {@code FIXED_FILE}, and {@code new Close(DirectFd)} frees it.
 */
final class LinkedChainSection implements DemoSection {
    private static final String TEXT = "written by a linked chain: open -> write -> fsync -> close\n";
    private static final DirectFd SLOT = new DirectFd(0);

    @Override
    public String title() {
        return "A linked chain: open -> write -> fsync -> close in one submit, on a direct descriptor";
    }

    @Override
    public boolean run(PrintStream out, Path dir) throws Exception {
        Path file = dir.resolve("chain.txt");
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        SqeFlags linked = SqeFlags.IO_LINK;
        SqeFlags fixedLinked = SqeFlags.FIXED_FILE.and(SqeFlags.IO_LINK);
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(bytes.length);
            data.copyFrom(MemorySegment.ofArray(bytes));
            ring.registerFilesSparse(1);
            out.println("registerFilesSparse(1): a file table with one empty slot");

            ring.push(new OpenAt(file, O_CREAT | O_WRONLY | O_TRUNC, 0644).direct(SLOT), 1, linked);
            ring.push(new Write(SLOT.slot(), data, 0), 2, fixedLinked);
            ring.push(new Fsync(SLOT.slot()), 3, fixedLinked);
            ring.push(new Close(SLOT), 4);
            String[] pushed = {
                "OpenAt(chain.txt, O_CREAT|O_WRONLY|O_TRUNC).direct(slot 0)", "Write(slot 0, " + bytes.length + " bytes)",
                "Fsync(slot 0)", "Close(direct slot 0)"};
            SqeFlags[] flags = {linked, fixedLinked, fixedLinked, SqeFlags.NONE};
            for (int i = 0; i < pushed.length; i++) {
                out.printf("push %-58s flags=%-20s userData=%d%n", pushed[i], flags[i], i + 1);
            }
            int submitted = ring.submit();
            out.println("submit() -> " + submitted + " entries handed to the kernel in one system call");

            String[] meaning = {"opened into slot 0", "bytes written", "flushed to disk", "slot 0 closed"};
            boolean ok = submitted == 4;
            for (int i = 0; i < 4; i++) {
                Completion c = ring.waitCompletion();
                int step = (int) c.userData() - 1;
                out.println("  " + c + "  " + (c.isError() ? "failed" : meaning[step]));
                ok &= !c.isError() && (step != 1 || c.result() == bytes.length);
            }
            String back = Files.readString(file);
            out.print("the file now holds: " + back);
            return ok && back.equals(TEXT);
        }
    }
}
