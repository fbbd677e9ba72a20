package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A file channel on a character device: {@code FileChannel.position()} is "this channel's file position", and a
 * device's driver decides what becomes of a file offset ({@code lseek(2)} of {@code /dev/null}, {@code /dev/zero} and
 * {@code /dev/full} always answers 0, whatever was read, written or asked for). Reads and writes themselves behave as
 * the device does: {@code /dev/null} ends at once and takes every byte, {@code /dev/zero} gives zeros.
 */
class FileChannelOnCharacterDevicesConformanceTest extends FileSystemConformance {

    private FileChannel open(String device, java.nio.file.OpenOption... options) throws IOException {
        Path path = target.fileSystem().getPath(device);
        return FileChannel.open(path, options);
    }

    @Test
    void theNullDevicesPositionStaysZeroAfterWritesAndAfterBeingSet() throws IOException {
        try (FileChannel devNull = open("/dev/null", WRITE)) {
            assertEquals(10, devNull.write(ByteBuffer.wrap(new byte[10])));
            assertEquals(0, devNull.position(), "after a relative write");
            assertEquals(0, devNull.position(100).position(), "after position(100)");
            assertEquals(3, devNull.write(ByteBuffer.wrap(new byte[3]), 5));
            assertEquals(0, devNull.position(), "after a positional write");
            assertEquals(0, devNull.size());
        }
    }

    @Test
    void theZeroDeviceGivesZerosAndItsPositionStaysZero() throws IOException {
        try (FileChannel zero = open("/dev/zero", READ)) {
            ByteBuffer dst = ByteBuffer.allocate(100);
            dst.put(0, (byte) 7).put(99, (byte) 7);
            assertEquals(100, zero.read(dst));
            assertEquals(0, dst.get(0));
            assertEquals(0, dst.get(99));
            assertEquals(0, zero.position(), "after a relative read of 100 bytes");
            assertEquals(10, zero.read(ByteBuffer.allocateDirect(10), 1_000_000));
            assertEquals(0, zero.position(4096).position(), "after position(4096)");
        }
    }

    @Test
    void theFullDevicesPositionStaysZeroAfterReads() throws IOException {
        try (FileChannel full = open("/dev/full", READ)) {
            assertEquals(10, full.read(ByteBuffer.allocate(10)));
            assertEquals(0, full.position());
        }
    }
}
