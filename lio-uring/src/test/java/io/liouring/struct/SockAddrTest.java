package io.liouring.struct;

import io.liouring.AddressFamily;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SockAddrTest {
    private static byte[] bytes(SockAddr a) {
        return a.segment().toArray(JAVA_BYTE);
    }

    @Test
    void ipv4IsFamilyThenPortAndAddressInNetworkOrder() throws Exception {
        SockAddrIn a = SockAddrIn.of((java.net.Inet4Address) InetAddress.getByName("10.1.2.3"), 0x1F90);
        assertArrayEquals(new byte[] {2, 0, 0x1F, (byte) 0x90, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0}, bytes(a));
        assertEquals(16, a.length());
        assertEquals(AddressFamily.AF_INET, a.family());
        assertEquals(8080, a.port());
        assertEquals("10.1.2.3:8080", a.toString());
        assertEquals(new InetSocketAddress("10.1.2.3", 8080), a.toInetSocketAddress());
        assertEquals("127.0.0.1", SockAddrIn.loopback(1).address().getHostAddress());
        assertEquals("0.0.0.0", SockAddrIn.any(1).address().getHostAddress());
    }

    @Test
    void ipv6IsFamilyPortFlowInfoAddressAndScope() {
        SockAddrIn6 a = SockAddrIn6.loopback(443);
        byte[] b = bytes(a);
        assertEquals(28, b.length);
        assertEquals(10, b[0]);
        assertEquals(0, b[1]);
        assertEquals(1, b[2]);
        assertEquals((byte) 0xBB, b[3]);
        assertEquals(1, b[23], "::1 ends in 1");
        assertEquals(0, a.scopeId());
        assertEquals(0, a.flowInfo());
        assertEquals("[0:0:0:0:0:0:0:1]:443", a.toString());
        assertEquals(AddressFamily.AF_INET6, a.family());
        assertTrue(SockAddrIn6.any(0).address().isAnyLocalAddress());
    }

    @Test
    void ofInetSocketAddressPicksTheFamily() {
        assertInstanceOf(SockAddrIn.class, SockAddr.of(new InetSocketAddress("127.0.0.1", 5)));
        assertInstanceOf(SockAddrIn6.class, SockAddr.of(new InetSocketAddress("::1", 5)));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.of(InetSocketAddress.createUnresolved("example.org", 5)));
    }

    @Test
    void refusesPortsOutsideSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> SockAddrIn.loopback(65536));
        assertThrows(IllegalArgumentException.class, () -> SockAddrIn6.loopback(-1));
    }

    @Test
    void parsesWhatItEncodes() {
        for (SockAddr a : new SockAddr[] {SockAddrIn.loopback(80), SockAddrIn6.loopback(81),
                SockAddrUn.of(Path.of("/tmp/sock")), SockAddrUn.ofAbstract("lio"), SockAddrUn.unnamed()}) {
            SockAddr back = SockAddr.parse(a.segment(), a.length());
            assertEquals(a, back);
            assertEquals(a.hashCode(), back.hashCode());
        }
    }

    @Test
    void parsesFromHeapBytesAtAnyAlignment() {
        byte[] raw = new byte[17];
        MemorySegment.copy(SockAddrIn.loopback(7).segment(), 0, MemorySegment.ofArray(raw), 1, 16);
        assertEquals(SockAddrIn.loopback(7), SockAddr.parse(MemorySegment.ofArray(raw).asSlice(1), 16));
    }

    @Test
    void refusesShortLengthsAndUnknownFamilies() {
        MemorySegment in = SockAddrIn.loopback(7).segment();
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(in, 1));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(in, 8));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(in, 17));
        MemorySegment unknown = MemorySegment.ofArray(new byte[] {17, 0, 0, 0});
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(unknown, 4));
    }

    @Test
    void unixPathCountsItsNulAbstractNamesStartWithOne() {
        SockAddrUn path = SockAddrUn.of(Path.of("/run/x"));
        assertEquals(2 + 6 + 1, path.length());
        assertEquals(Path.of("/run/x"), path.path().orElseThrow());
        assertFalse(path.isAbstract());
        assertEquals("unix:/run/x", path.toString());

        SockAddrUn abs = SockAddrUn.ofAbstract("name");
        assertArrayEquals(new byte[] {1, 0, 0, 'n', 'a', 'm', 'e'}, bytes(abs));
        assertTrue(abs.isAbstract());
        assertEquals("name", abs.abstractName().orElseThrow());
        assertTrue(abs.path().isEmpty());
        assertEquals("unix:@name", abs.toString());

        SockAddrUn unnamed = SockAddrUn.unnamed();
        assertEquals(2, unnamed.length());
        assertTrue(unnamed.isUnnamed());
        assertFalse(unnamed.isAbstract());
    }

    @Test
    void parsesAUnixPathWhoseLengthCoversTheWholeStruct() {
        MemorySegment raw = Arena.ofAuto().allocate(110);
        raw.set(JAVA_SHORT, 0, (short) AddressFamily.AF_UNIX);
        MemorySegment.copy(new byte[] {'/', 'a'}, 0, raw, JAVA_BYTE, 2, 2);
        assertEquals(SockAddrUn.of(Path.of("/a")), SockAddr.parse(raw, 110));
    }

    @Test
    void refusesUnixNamesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> SockAddrUn.of(Path.of("/" + "x".repeat(107))));
        assertThrows(IllegalArgumentException.class, () -> SockAddrUn.ofAbstract(""));
        assertThrows(IllegalArgumentException.class, () -> SockAddrUn.ofAbstract("a\0b"));
        assertEquals(2 + 107 + 1, SockAddrUn.of(Path.of("/" + "x".repeat(106))).length());
    }

    @Test
    void storageStartsAtFullRoomAndParsesWhatTheKernelReports() {
        SockAddrStorage storage = new SockAddrStorage();
        assertEquals(SockAddrStorage.SIZE, storage.length());
        MemorySegment.copy(SockAddrIn6.loopback(9).segment(), 0, storage.segment(), 0, 28);
        storage.lengthSegment().set(JAVA_INT, 0, 28);
        assertEquals(SockAddrIn6.loopback(9), storage.address());
        assertEquals(SockAddrStorage.SIZE, storage.reset().length());
        storage.lengthSegment().set(JAVA_INT, 0, 0);
        assertThrows(IllegalStateException.class, storage::address);
    }
}
