package io.liouring.nio.file;

import io.liouring.nio.internal.RingSupport;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a forked JVM by {@link NativeAccessDeniedForkedTest}, with {@link LioFileSystemProvider} as the default
 * provider and native access refused: writes and reads a file through {@code java.nio.file} and prints
 * {@code key=value} lines: what was read back, the class of a {@code FileChannel}, and the fallback's reason.
 */
final class NativeAccessDeniedChild {
    private NativeAccessDeniedChild() {
    }

    /** Runs the checks. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "lio-no-native-" + ProcessHandle.current().pid());
        Files.writeString(file, "still works");
        System.out.println("readBack=" + Files.readString(file));
        try (FileChannel channel = FileChannel.open(file)) {
            System.out.println("channel=" + channel.getClass().getName());
        }
        Files.delete(file);
        System.out.println("reason=" + RingSupport.unavailableReason());
    }
}
