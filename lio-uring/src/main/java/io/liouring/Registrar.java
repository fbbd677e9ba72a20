package io.liouring;

import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The {@code io_uring_register(2)} calls for registered buffers and files, kept apart from the ring's
 * submission and completion paths. Holds the registered buffers reachable while the kernel has them pinned.
 */
final class Registrar {
    static final int REGISTER_BUFFERS = 0;
    static final int UNREGISTER_BUFFERS = 1;
    static final int REGISTER_FILES = 2;
    static final int UNREGISTER_FILES = 3;
    static final int REGISTER_FILES_UPDATE = 6;
    static final int REGISTER_FILES2 = 13;
    static final int RSRC_REGISTER_SPARSE = 1;

    private final LioUring ring;
    private final List<MemorySegment> registeredBuffers = new ArrayList<>();

    Registrar(LioUring ring) {
        this.ring = ring;
    }

    int registerBuffers(MemorySegment... buffers) {
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length == 0) {
            throw new IllegalArgumentException("buffers must not be empty");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iovecs = arena.allocate(16L * buffers.length, 8);
            for (int i = 0; i < buffers.length; i++) {
                MemorySegment b = Checks.requireNative(buffers[i], "buffers[" + i + "]");
                iovecs.set(JAVA_LONG, 16L * i, b.address());
                iovecs.set(JAVA_LONG, 16L * i + 8, b.byteSize());
            }
            int r = ring.register(REGISTER_BUFFERS, "REGISTER_BUFFERS", iovecs, buffers.length);
            registeredBuffers.clear();
            registeredBuffers.addAll(List.of(buffers));
            return r;
        }
    }

    void unregisterBuffers() {
        ring.register(UNREGISTER_BUFFERS, "UNREGISTER_BUFFERS", MemorySegment.NULL, 0);
        registeredBuffers.clear();
    }

    MemorySegment registeredBuffer(int index) {
        if (index < 0 || index >= registeredBuffers.size()) {
            throw new IllegalArgumentException("bufferIndex " + index + " is not registered (" + registeredBuffers.size()
                    + " buffers are)");
        }
        return registeredBuffers.get(index);
    }

    void registerFiles(int... fds) {
        Objects.requireNonNull(fds, "fds");
        if (fds.length == 0) {
            throw new IllegalArgumentException("fds must not be empty (use registerFilesSparse for empty slots)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment table = arena.allocateFrom(JAVA_INT, fds);
            ring.register(REGISTER_FILES, "REGISTER_FILES", table, fds.length);
        }
    }

    void registerFilesSparse(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = arena.allocate(32, 8);
            reg.set(JAVA_INT, 0, count);
            reg.set(JAVA_INT, 4, RSRC_REGISTER_SPARSE);
            ring.register(REGISTER_FILES2, "REGISTER_FILES2(sparse)", reg, 32);
        }
    }

    int updateFiles(int offset, int... fds) {
        Objects.requireNonNull(fds, "fds");
        Checks.requireNonNegative(offset, "offset");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment table = arena.allocateFrom(JAVA_INT, fds);
            MemorySegment update = arena.allocate(16, 8);
            update.set(JAVA_INT, 0, offset);
            update.set(JAVA_LONG, 8, table.address());
            return ring.register(REGISTER_FILES_UPDATE, "REGISTER_FILES_UPDATE", update, fds.length);
        }
    }

    void unregisterFiles() {
        ring.register(UNREGISTER_FILES, "UNREGISTER_FILES", MemorySegment.NULL, 0);
    }
}
