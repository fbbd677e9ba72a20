package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.UringException;
import io.liouring.operation.Close;
import io.liouring.operation.OpenAt;
import io.liouring.testing.FaultNative;
import io.liouring.testing.ProcessResources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link DescriptorExhaustionTest}: lowers {@code RLIMIT_NOFILE} to just above the descriptors
 * in use, opens files through a ring until the kernel refuses, then tries a new ring and a plain open, closes what it
 * opened through the ring and opens once more. Prints {@code key=value} lines.
 */
public final class DescriptorLimitChild {
    private static final Path FILE = Path.of("/proc/self/status");

    private DescriptorLimitChild() {
    }

    private static Completion roundtrip(LioUring ring, io.liouring.Operation op, long userData) {
        ring.push(op, userData);
        return ring.waitCompletion();
    }

    public static void main(String[] args) {
        try (LioUring ring = new LioUring(4)) {
            // warm up every path used below: once the limit is reached, loading a class from a directory fails
            Completion warm = roundtrip(ring, new OpenAt(FILE, OpenFlags.O_RDONLY, 0), 0);
            roundtrip(ring, new Close(warm.result()), 0);
            new LioUring(2).close();
            try {
                Fd.open(Path.of("/nonexistent/file"), OpenFlags.O_RDONLY, 0);
            } catch (UringException expected) {
                System.out.println("warm=" + expected.errno());
            }
            long highest = ProcessResources.openFds() + 64; // fd numbers in use lie below this
            FaultNative.descriptorLimit(highest + 4);

            List<Integer> opened = new ArrayList<>();
            OpenAt open = new OpenAt(FILE, OpenFlags.O_RDONLY, 0);
            Completion refused = null;
            for (int i = 0; i < 10_000 && refused == null; i++) {
                Completion c = roundtrip(ring, open, i);
                if (c.result() >= 0) {
                    opened.add(c.result());
                } else {
                    refused = c;
                }
            }
            System.out.println("opened=" + opened.size());
            System.out.println("refused=" + (refused == null ? "none" : refused.errno()));
            try (LioUring another = new LioUring(2)) {
                System.out.println("ringMessage=created " + another);
            } catch (UringException e) {
                System.out.println("ringMessage=" + e.getMessage());
            }
            try {
                Fd.close(Fd.open(FILE, OpenFlags.O_RDONLY, 0));
                System.out.println("openMessage=opened");
            } catch (UringException e) {
                System.out.println("openMessage=" + e.getMessage());
            }
            int closed = 0;
            for (int fd : opened) {
                closed += roundtrip(ring, new Close(fd), fd).result() == 0 ? 1 : 0;
            }
            System.out.println("closed=" + closed);
            Completion again = roundtrip(ring, open, -1);
            System.out.println("reopened=" + (again.result() >= 0));
        }
        System.out.flush();
    }
}
