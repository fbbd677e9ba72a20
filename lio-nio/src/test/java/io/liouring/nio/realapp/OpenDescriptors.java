package io.liouring.nio.realapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The descriptors this JVM holds open, read from {@code /proc/self/fd}: what a leak check of a workload looks at. */
final class OpenDescriptors {
    private OpenDescriptors() {
    }

    /** The descriptors of this process open on files under {@code dir}, each as "fd -> path". */
    static List<String> under(Path dir) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(dir)) {
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException closedMeanwhile) {
                    // closed since it was listed (the listing's own descriptor among them)
                }
            }
        }
        return open;
    }
}
