package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FtruncateTest extends OnDiskRingFixture {
    @Test
    void encodesFdAndLengthInOffOnly() {
        SqeBytes sqe = SqeBytes.encode(new Ftruncate(5, 1L << 40));
        assertEquals(Opcode.FTRUNCATE.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(1L << 40, sqe.off());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.addr3());
    }

    @Test
    void refusesANegativeLength() {
        assertThrows(IllegalArgumentException.class, () -> new Ftruncate(1, -1));
    }

    @Test
    void extendsAFileWithZeros() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "abc");
        int fd = Fd.open(file, O_RDWR, 0);
        try {
            assertEquals(0, run(ring, new Ftruncate(fd, 10_000)).result());
        } finally {
            Fd.close(fd);
        }
        assertEquals(10_000, Files.size(file));
        byte[] content = Files.readAllBytes(file);
        assertArrayEquals(new byte[10_000 - 3], java.util.Arrays.copyOfRange(content, 3, content.length));
    }

    @Test
    void shrinksAFileKeepingItsStart() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "keep-drop");
        int fd = Fd.open(file, O_RDWR, 0);
        Ftruncate truncate = new Ftruncate(fd, 4);
        try {
            assertEquals(0, run(ring, truncate).result());
            assertEquals("keep", Files.readString(file));
            assertEquals(0, run(ring, truncate.length(0)).result());
        } finally {
            Fd.close(fd);
        }
        assertEquals(0, Files.size(file));
    }

    @Test
    void readOnlyFdCompletesWithEinval() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "ro");
        int fd = Fd.openRead(file);
        try {
            assertEquals(Errno.EINVAL, run(ring, new Ftruncate(fd, 0)).errno());
        } finally {
            Fd.close(fd);
        }
        assertEquals(2, Files.size(file));
    }
}
