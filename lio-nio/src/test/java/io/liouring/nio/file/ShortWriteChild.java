package io.liouring.nio.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Run by {@link FileChannelShortWriteForkedTest} under a file size limit: writes 12 KiB to the file {@code args[0]}
 * through the default provider's {@link FileChannel}, in the way {@code args[1]} names ({@code direct}, {@code heap}:
 * one buffer; {@code gathering}: two of 6 KiB), on a platform thread or, with {@code args[2]} {@code virtual}, a
 * virtual one. Prints {@code provider=}, {@code written=} (the count the write returned, or the exception),
 * {@code remaining=} (what the buffers kept), {@code next=} (what a second write threw) and {@code size=}.
 */
public final class ShortWriteChild {
    private ShortWriteChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String how = args[1];
        Runnable body = () -> {
            try {
                run(file, how);
            } catch (IOException e) {
                System.out.println("failed=" + e);
            }
        };
        if (args.length > 2 && args[2].equals("virtual")) {
            Thread.ofVirtual().start(body).join();
        } else {
            body.run();
        }
    }

    private static void run(Path file, String how) throws IOException {
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        try (FileChannel ch = FileChannel.open(file, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ByteBuffer[] buffers = switch (how) {
                case "direct" -> new ByteBuffer[] {ByteBuffer.allocateDirect(12 << 10)};
                case "heap" -> new ByteBuffer[] {ByteBuffer.allocate(12 << 10)};
                case "gathering" -> new ByteBuffer[] {ByteBuffer.allocate(6 << 10), ByteBuffer.allocateDirect(6 << 10)};
                default -> throw new IllegalArgumentException(how);
            };
            try {
                long n = buffers.length == 1 ? ch.write(buffers[0]) : ch.write(buffers);
                System.out.println("written=" + n);
            } catch (IOException e) {
                System.out.println("written=" + e.getClass().getSimpleName());
            }
            long remaining = 0;
            for (ByteBuffer b : buffers) {
                remaining += b.remaining();
            }
            System.out.println("remaining=" + remaining);
            try {
                ch.write(ByteBuffer.allocate(1));
                System.out.println("next=none");
            } catch (IOException e) {
                System.out.println("next=" + e.getClass().getSimpleName());
            }
        }
        System.out.println("size=" + Files.size(file));
    }
}
