package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.operation.FsTesting.cString;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** FSetXattr, SetXattr, FGetXattr, GetXattr: a {@code user.} attribute set and read back through the ring. */
class XattrTest extends OnDiskRingFixture {
    private static final String NAME = "user.lio";

    Path file;
    int fd;

    @BeforeEach
    void setUp() throws Exception {
        file = Files.writeString(dir.resolve("file"), "data");
        fd = Fd.open(file, O_RDWR, 0);
    }

    @AfterEach
    void tearDown() {
        Fd.close(fd);
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void fsetxattrEncodesFdNameValueLengthAndFlags() {
        MemorySegment value = bytes("v1");
        SqeBytes sqe = SqeBytes.encode(new FSetXattr(7, NAME, value).flags(XattrFlags.CREATE));
        assertEquals(Opcode.FSETXATTR.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals(NAME, cString(sqe.addr()));
        assertEquals(value.address(), sqe.off());
        assertEquals(2, sqe.len());
        assertEquals(XattrFlags.CREATE, sqe.opFlags());
        assertEquals(0, sqe.addr3());
    }

    @Test
    void setxattrEncodesThePathInAddr3AndNoFd() {
        MemorySegment value = bytes("v1");
        SqeBytes sqe = SqeBytes.encode(new SetXattr(Path.of("some/file"), NAME, value).flags(XattrFlags.REPLACE));
        assertEquals(Opcode.SETXATTR.code(), sqe.opcode());
        assertEquals(0, sqe.fd());
        assertEquals(NAME, cString(sqe.addr()));
        assertEquals(value.address(), sqe.off());
        assertEquals(2, sqe.len());
        assertEquals(XattrFlags.REPLACE, sqe.opFlags());
        assertEquals("some/file", cString(sqe.addr3()));
    }

    @Test
    void fgetxattrEncodesFdNameAndBuffer() {
        MemorySegment buffer = arena.allocate(32);
        SqeBytes sqe = SqeBytes.encode(new FGetXattr(9, NAME, buffer));
        assertEquals(Opcode.FGETXATTR.code(), sqe.opcode());
        assertEquals(9, sqe.fd());
        assertEquals(NAME, cString(sqe.addr()));
        assertEquals(buffer.address(), sqe.off());
        assertEquals(32, sqe.len());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.addr3());
    }

    @Test
    void getxattrEncodesThePathInAddr3() {
        MemorySegment buffer = arena.allocate(16);
        SqeBytes sqe = SqeBytes.encode(new GetXattr(Path.of("/x/y"), NAME, buffer));
        assertEquals(Opcode.GETXATTR.code(), sqe.opcode());
        assertEquals(0, sqe.fd());
        assertEquals(NAME, cString(sqe.addr()));
        assertEquals(buffer.address(), sqe.off());
        assertEquals(16, sqe.len());
        assertEquals("/x/y", cString(sqe.addr3()));
    }

    @Test
    void refusesEmptyOrOverlongNamesAndHeapValues() {
        assertThrows(IllegalArgumentException.class, () -> new FGetXattr(fd, "", arena.allocate(1)));
        assertThrows(IllegalArgumentException.class, () -> new FGetXattr(fd, "user." + "n".repeat(251), arena.allocate(1)));
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> new FSetXattr(fd, NAME, MemorySegment.ofArray(new byte[4])));
        assertTrue(heap.getMessage().startsWith("value"), heap.getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> new GetXattr(file, null, arena.allocate(1))).getMessage());
    }

    // ------------------------------------------------------------------ live

    @Test
    void fsetxattrSetsAnAttributeThatFgetxattrAndJavaReadBack() throws Exception {
        assertEquals(0, set(new FSetXattr(fd, NAME, bytes("hello"))).result());

        assertEquals("hello", javaRead("lio"));
        MemorySegment buffer = arena.allocate(64);
        Completion got = run(ring, new FGetXattr(fd, NAME, buffer));
        assertEquals(5, got.result());
        assertEquals("hello", string(buffer, got.result()));
    }

    @Test
    void setxattrByPathSetsAnAttributeThatGetxattrReadsBack() throws Exception {
        assertEquals(0, set(new SetXattr(file, NAME, bytes("by path"))).result());

        assertEquals("by path", javaRead("lio"));
        MemorySegment buffer = arena.allocate(64);
        Completion got = run(ring, new GetXattr(file, NAME, buffer));
        assertEquals(7, got.result());
        assertEquals("by path", string(buffer, got.result()));
    }

    @Test
    void getxattrReadsAnAttributeJavaWrote() throws Exception {
        assumeUserXattrs();
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
                .write("from-java", ByteBuffer.wrap("jv".getBytes(StandardCharsets.UTF_8)));
        MemorySegment buffer = arena.allocate(8);

        Completion got = run(ring, new GetXattr(file, "user.from-java", buffer));

        assertEquals(2, got.result());
        assertEquals("jv", string(buffer, 2));
    }

    @Test
    void missingAttributeCompletesWithEnodata() {
        assumeUserXattrs();
        MemorySegment buffer = arena.allocate(16);

        assertEquals(Errno.ENODATA, run(ring, new FGetXattr(fd, "user.absent", buffer)).errno());
        assertEquals(Errno.ENODATA, run(ring, new GetXattr(file, "user.absent", buffer)).errno());
    }

    @Test
    void getxattrOfAMissingPathCompletesWithEnoent() {
        assertEquals(Errno.ENOENT, run(ring, new GetXattr(dir.resolve("none"), NAME, arena.allocate(4))).errno());
    }

    @Test
    void createFlagRefusesAnExistingAttributeWithEexist() throws Exception {
        assertEquals(0, set(new FSetXattr(fd, NAME, bytes("first"))).result());

        Completion again = run(ring, new FSetXattr(fd, NAME, bytes("second")).flags(XattrFlags.CREATE));

        assertEquals(Errno.EEXIST, again.errno());
        assertEquals("first", javaRead("lio"));
    }

    @Test
    void replaceFlagRefusesAMissingAttributeWithEnodataAndReplacesAnExistingOne() throws Exception {
        Completion missing = set(new SetXattr(file, NAME, bytes("x")).flags(XattrFlags.REPLACE));
        assertEquals(Errno.ENODATA, missing.errno());

        assertEquals(0, run(ring, new SetXattr(file, NAME, bytes("old")).flags(XattrFlags.CREATE)).result());
        assertEquals(0, run(ring, new SetXattr(file, NAME, bytes("new")).flags(XattrFlags.REPLACE)).result());
        assertEquals("new", javaRead("lio"));
    }

    @Test
    void emptyBufferAsksForTheValuesLengthAndTooSmallOneGivesErange() {
        assertEquals(0, set(new FSetXattr(fd, NAME, bytes("twelve bytes"))).result());

        assertEquals(12, run(ring, new FGetXattr(fd, NAME, MemorySegment.NULL)).result());
        assertEquals(Errno.ERANGE, run(ring, new FGetXattr(fd, NAME, arena.allocate(4))).errno());
    }

    @Test
    void aReusedGetReadsIntoItsNewBuffer() {
        assertEquals(0, set(new FSetXattr(fd, NAME, bytes("reuse"))).result());
        FGetXattr get = new FGetXattr(fd, NAME, MemorySegment.NULL);
        int length = run(ring, get).result();

        MemorySegment exact = arena.allocate(length);
        assertEquals(5, run(ring, get.value(exact)).result());
        assertEquals("reuse", string(exact, 5));
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a set request; skips the test where the file system refuses {@code user.} attributes. */
    private Completion set(io.liouring.Operation op) {
        Completion c = run(ring, op);
        assumeFalse(c.errno() == Errno.EOPNOTSUPP, "the file system under target/ refuses user. xattrs (EOPNOTSUPP)");
        return c;
    }

    private void assumeUserXattrs() {
        assertEquals(0, set(new FSetXattr(fd, "user.probe", bytes("p"))).result());
    }

    private MemorySegment bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return arena.allocate(b.length).copyFrom(MemorySegment.ofArray(b));
    }

    private static String string(MemorySegment buffer, int length) {
        return new String(buffer.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** The attribute as Java's own {@code user.} view reads it (names there omit the {@code user.} prefix). */
    private String javaRead(String name) throws Exception {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
