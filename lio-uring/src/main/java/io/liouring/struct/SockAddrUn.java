package io.liouring.struct;

import io.liouring.AddressFamily;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A Unix-domain socket address ({@code struct sockaddr_un}, {@code unix(7)}) of one of three kinds: a
 * filesystem path, an abstract name (a leading NUL in {@code sun_path}, no file), or unnamed (family only,
 * as an unbound socket or a {@code socketpair(2)} end reports).
 */
public final class SockAddrUn implements SockAddr {
    /** {@code sizeof(sun_path)}. */
    public static final int PATH_CAPACITY = 108;
    private static final int PATH = 2;

    private final MemorySegment segment;

    private SockAddrUn(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return a filesystem path (at most 107 bytes in UTF-8; its length includes the terminating NUL)}
     *
     * @param path the socket file's path
     */
    public static SockAddrUn of(Path path) {
        Objects.requireNonNull(path, "path");
        byte[] bytes = nameBytes(path.toString(), "path");
        MemorySegment s = SockAddrs.allocate(PATH + bytes.length + 1, AddressFamily.AF_UNIX);
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, PATH, bytes.length);
        return new SockAddrUn(s);
    }

    /**
     * {@return an abstract address: {@code name} (at most 107 bytes in UTF-8) after a leading NUL; no file is created}
     *
     * @param name the abstract name, without the leading NUL
     */
    public static SockAddrUn ofAbstract(String name) {
        byte[] bytes = nameBytes(name, "name");
        MemorySegment s = SockAddrs.allocate(PATH + 1 + bytes.length, AddressFamily.AF_UNIX);
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, PATH + 1, bytes.length);
        return new SockAddrUn(s);
    }

    /** {@return the unnamed address: just the family} */
    public static SockAddrUn unnamed() {
        return new SockAddrUn(SockAddrs.allocate(PATH, AddressFamily.AF_UNIX));
    }

    private static byte[] nameBytes(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must be non-empty and contain no NUL character: \""
                    + value.replace("\0", "\\0") + "\"");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > PATH_CAPACITY - 1) {
            throw new IllegalArgumentException(name + " is " + bytes.length + " bytes in UTF-8; sun_path has room for "
                    + (PATH_CAPACITY - 1));
        }
        return bytes;
    }

    static SockAddrUn read(MemorySegment memory, int length) {
        int size = Math.min(length, PATH + PATH_CAPACITY);
        if (size > PATH && memory.get(JAVA_BYTE, PATH) != 0) {
            // a path: stop at its NUL, which the kernel may or may not count in the length
            int end = PATH;
            while (end < size && memory.get(JAVA_BYTE, end) != 0) {
                end++;
            }
            MemorySegment s = SockAddrs.allocate(end + 1, AddressFamily.AF_UNIX);
            MemorySegment.copy(memory, PATH, s, PATH, end - PATH);
            return new SockAddrUn(s);
        }
        return new SockAddrUn(SockAddrs.copy(memory, size));
    }

    @Override
    public int family() {
        return AddressFamily.AF_UNIX;
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    /** {@return whether this is the family-only address of an unbound socket} */
    public boolean isUnnamed() {
        return segment.byteSize() == PATH;
    }

    /** {@return whether this is an abstract address} */
    public boolean isAbstract() {
        return !isUnnamed() && segment.get(JAVA_BYTE, PATH) == 0;
    }

    /** {@return the filesystem path, unless the address is abstract or unnamed} */
    public Optional<Path> path() {
        if (isUnnamed() || isAbstract()) {
            return Optional.empty();
        }
        byte[] bytes = segment.asSlice(PATH, segment.byteSize() - PATH - 1).toArray(JAVA_BYTE);
        return Optional.of(Path.of(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** {@return the abstract name (without its leading NUL), if the address is abstract} */
    public Optional<String> abstractName() {
        if (!isAbstract()) {
            return Optional.empty();
        }
        byte[] bytes = segment.asSlice(PATH + 1).toArray(JAVA_BYTE);
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SockAddrUn other && SockAddrs.sameBytes(segment, other.segment);
    }

    @Override
    public int hashCode() {
        return SockAddrs.hash(segment);
    }

    @Override
    public String toString() {
        if (isUnnamed()) {
            return "unix:(unnamed)";
        }
        if (isAbstract()) {
            return "unix:@" + abstractName().orElseThrow();
        }
        return "unix:" + path().orElseThrow();
    }
}
