package io.liouring.bench.vthreads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The span P5 reads: a regular file's size, a block device's size from sysfs, nothing else. */
class ReadSpanTest {
    @Test
    void aRegularFileSpansItsSize(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f.bin"), new byte[12_345]);
        assertEquals(12_345, ReadSpan.of(file));
        assertFalse(ReadSpan.isBlockDevice(file));
    }

    @Test
    void aMissingPathIsNoBlockDevice(@TempDir Path dir) throws IOException {
        assertFalse(ReadSpan.isBlockDevice(dir.resolve("missing")));
    }

    @Test
    void aDirectoryIsRefusedWithItsName(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ReadSpan.of(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void aBlockDeviceSpansUpToItsEnd() throws IOException {
        Optional<Path> device = readableBlockDevice();
        assumeTrue(device.isPresent(), "no readable block device with a size in /sys/class/block");
        long span = ReadSpan.of(device.get());
        assertTrue(ReadSpan.isBlockDevice(device.get()));
        try (FileChannel ch = FileChannel.open(device.get(), StandardOpenOption.READ)) {
            assertEquals(512, ch.read(ByteBuffer.allocate(512), span - 512), "the last sector reads whole");
            assertEquals(-1, ch.read(ByteBuffer.allocate(512), span), "the span ends at the device's end");
        }
    }

    private static Optional<Path> readableBlockDevice() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/sys/class/block"))) {
            return entries.map(e -> Path.of("/dev", e.getFileName().toString()))
                    .filter(dev -> {
                        try (FileChannel ch = FileChannel.open(dev, StandardOpenOption.READ)) {
                            return ReadSpan.isBlockDevice(dev) && ReadSpan.of(dev) > 0;
                        } catch (IOException | SecurityException e) {
                            return false; // missing, or not ours to open (a sandbox may refuse the system disk)
                        }
                    })
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
