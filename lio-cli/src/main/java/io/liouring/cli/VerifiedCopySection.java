package io.liouring.cli;

import io.liouring.file.AsyncFile;

import java.io.PrintStream;
import java.nio.file.Path;

/** Demo: copy a file with the library's {@link AsyncFile#copy} and check that source and copy have the same SHA-256. */
final class VerifiedCopySection implements DemoSection {
    @Override
    public String title() {
        return "A file copy by the library's copy engine, verified by SHA-256";
    }

    @Override
    public boolean run(PrintStream out, Path dir) throws Exception {
        Path src = DemoFiles.source(dir);
        Path dst = dir.resolve("copy.bin");
        try (FileLoop files = new FileLoop()) {
            out.println("AsyncFile.copy: copy_file_range(2) between regular files (the kernel copies, or shares"
                    + " extents), io_uring splices where it cannot");
            long start = System.nanoTime();
            long copied = AsyncFile.copy(files.loop(), src, dst);
            double ms = (System.nanoTime() - start) / 1e6;
            out.printf("copied %s (%s of random bytes) to %s in %.1f ms%n", src.getFileName(), ProgressBar.bytes(copied),
                    dst.getFileName(), ms);
            String a = DemoFiles.sha256(files, src);
            String b = DemoFiles.sha256(files, dst);
            out.println("sha256 " + a + "  " + src.getFileName());
            out.println("sha256 " + b + "  " + dst.getFileName());
            boolean equal = a.equals(b) && copied == (long) DemoFiles.SOURCE_MIB << 20;
            out.println(equal ? "equal: the copy is exact" : "DIFFERENT: the copy is not exact");
            return equal;
        }
    }
}
