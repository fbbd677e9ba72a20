package io.liouring.operation;

import io.liouring.OpenFlags;
import io.liouring.SqeBytes;
import io.liouring.struct.StatxResult;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File names are bytes: a name that is not text in the file name encoding ({@code \377\376-x}), read from a
 * directory listing, reaches the kernel as exactly those bytes, whether the path is absolute or relative.
 */
class NameBytesTest extends OnDiskRingFixture {
    private static final byte[] NAME = {(byte) 0xff, (byte) 0xfe, '-', 'x'};

    /** Creates {@code \377\376-x} holding {@code content} with the shell, which takes names as bytes. */
    private Path createdByTheShell(String content) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "printf %s \"$1\" > $'\\377\\376-x'", "bash", content)
                .directory(dir.toFile()).start();
        assertEquals(0, p.waitFor());
        try (Stream<Path> listing = Files.list(dir)) {
            List<Path> entries = listing.toList();
            assertEquals(1, entries.size(), entries.toString());
            return entries.getFirst();
        }
    }

    private static byte[] cBytes(long address) {
        MemorySegment c = MemorySegment.ofAddress(address).reinterpret(4096);
        long length = 0;
        while (c.get(ValueLayout.JAVA_BYTE, length) != 0) {
            length++;
        }
        return c.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void aListedNameThatIsNotTextIsStattedAndOpenedByItsBytes() throws Exception {
        Path listed = createdByTheShell("seven b");
        StatxResult st = StatxResult.allocate();

        assertEquals(0, run(ring, new Statx(listed, st)).result());
        assertEquals(7, st.size());
        int fd = run(ring, new OpenAt(listed, OpenFlags.O_RDONLY, 0)).result();
        assertTrue(fd >= 0, "open: " + fd);
        assertEquals(0, run(ring, new Close(fd)).result());
    }

    @Test
    void relativeAndAbsolutePathsKeepTheNamesBytes() throws Exception {
        Path listed = createdByTheShell("x");
        Path relative = dir.relativize(listed);

        assertArrayEquals(NAME, cBytes(SqeBytes.encode(new OpenAt(relative, 0, 0)).addr()));
        byte[] absolute = cBytes(SqeBytes.encode(new Statx(listed, StatxResult.allocate())).addr());
        byte[] tail = new byte[NAME.length];
        System.arraycopy(absolute, absolute.length - NAME.length, tail, 0, NAME.length);
        assertArrayEquals(NAME, tail);
        assertEquals(dir.toString().length() + 1 + NAME.length, absolute.length, "the directory, a slash, the name");
    }

    @Test
    void aDirectoryWithSuchANameGetsNoTrailingSlash() throws Exception {
        Path file = createdByTheShell("x");
        Files.delete(file);
        Process mk = new ProcessBuilder("bash", "-c", "mkdir $'\\377\\376-x'").directory(dir.toFile()).start();
        assertEquals(0, mk.waitFor());
        Path listed;
        try (Stream<Path> listing = Files.list(dir)) {
            listed = listing.filter(Files::isDirectory).findFirst().orElseThrow();
        }

        assertArrayEquals(NAME, cBytes(SqeBytes.encode(new MkDirAt(dir.relativize(listed), 0700)).addr()));
        StatxResult st = StatxResult.allocate();
        assertEquals(0, run(ring, new Statx(listed, st)).result());
        assertEquals(StatxResult.FileType.DIRECTORY, st.type());
    }
}
