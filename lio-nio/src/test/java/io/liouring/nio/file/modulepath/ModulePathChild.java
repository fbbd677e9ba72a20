package io.liouring.nio.file.modulepath;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static java.nio.file.StandardOpenOption.READ;

/**
 * Run in a forked JVM by {@code LioModulePathForkedTest}: an application on the class path while lio-nio and
 * lio-uring are named modules on the module path. Prints the default provider's class and module and whether a
 * write read back byte for byte. In a package of its own, because lio-nio's module owns {@code io.liouring.nio.file}.
 */
public final class ModulePathChild {
    private ModulePathChild() {
    }

    /** Prints {@code key=value} lines. */
    public static void main(String[] args) throws Exception {
        Class<?> provider = FileSystems.getDefault().provider().getClass();
        System.out.println("provider=" + provider.getName());
        System.out.println("module=" + provider.getModule().getName());
        Path file = Files.createTempFile("lio-module-path", ".bin");
        try {
            byte[] data = new byte[70_000];
            Arrays.fill(data, (byte) 'm');
            data[69_999] = 'z';
            Files.write(file, data);
            System.out.println("roundTrip=" + Arrays.equals(data, Files.readAllBytes(file)));
            try (FileChannel channel = FileChannel.open(file, READ)) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, 69_999);
                System.out.println("lastByte=" + (char) last.get(0));
            }
        } finally {
            Files.delete(file);
        }
    }
}
