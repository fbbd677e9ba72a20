package io.liouring.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Demo: copy a file through a {@link RingPipeline} and check that source and copy have the same SHA-256. */
final class VerifiedCopySection implements DemoSection {
    @Override
    public String title() {
        return "A file copy through the ring, verified by SHA-256";
    }

    @Override
    public boolean run(PrintStream out, Path dir) throws Exception {
        Path src = DemoFiles.source(dir);
        Path dst = dir.resolve("copy.bin");
        try (RingPipeline pipeline = new RingPipeline(RingPipeline.DEFAULT_DEPTH, RingPipeline.DEFAULT_BLOCK_SIZE)) {
            out.println("pipeline: " + pipeline.depth() + " reads in flight, " + ProgressBar.bytes(pipeline.blockSize())
                    + " each, " + (pipeline.usesFixedBuffers() ? "registered buffers (READ_FIXED/WRITE_FIXED)"
                    : "plain buffers (the kernel refused to register them)") + ", on " + pipeline.ring());
            long start = System.nanoTime();
            long copied = DemoFiles.copy(pipeline, src, dst);
            double ms = (System.nanoTime() - start) / 1e6;
            out.printf("copied %s (%s of random bytes) to %s in %.1f ms%n", src.getFileName(), ProgressBar.bytes(copied),
                    dst.getFileName(), ms);
            String a = DemoFiles.sha256(pipeline, src);
            String b = DemoFiles.sha256(pipeline, dst);
            out.println("sha256 " + a + "  " + src.getFileName());
            out.println("sha256 " + b + "  " + dst.getFileName());
            boolean equal = a.equals(b) && copied == (long) DemoFiles.SOURCE_MIB << 20;
            out.println(equal ? "equal: the copy is exact" : "DIFFERENT: the copy is not exact");
            return equal;
        }
    }
}
