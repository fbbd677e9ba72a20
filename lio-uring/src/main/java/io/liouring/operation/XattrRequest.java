package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.internal.NativeStrings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the four extended-attribute requests share: {@code addr} = attribute name (a C string this operation
 * owns), {@code addr2} = value buffer, {@code len} = its length, {@code xattr_flags}, and either an fd
 * ({@code f*} forms) or a path in {@code addr3} (path forms, always resolved from the current directory,
 * following symbolic links).
 */
abstract class XattrRequest<T extends XattrRequest<T>> implements Operation {
    /** {@code XATTR_NAME_MAX}: the longest attribute name, in bytes. */
    static final int NAME_MAX = 255;

    private final Opcode opcode;
    private final int fd;
    private final MemorySegment path;
    private final MemorySegment name;
    private MemorySegment value;
    private int length;
    private int flags;

    /** An fd form. */
    XattrRequest(Opcode opcode, int fd, String name, MemorySegment value) {
        this(opcode, fd, null, name, value);
    }

    /** A path form. */
    XattrRequest(Opcode opcode, Path path, String name, MemorySegment value) {
        this(opcode, 0, AtPath.copy(path, "path"), name, value);
    }

    private XattrRequest(Opcode opcode, int fd, MemorySegment path, String name, MemorySegment value) {
        this.opcode = opcode;
        this.fd = fd;
        this.path = path;
        this.name = nativeName(name);
        value(value);
    }

    private static MemorySegment nativeName(String name) {
        Objects.requireNonNull(name, "name");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > NAME_MAX) {
            throw new IllegalArgumentException("name must be 1 to " + NAME_MAX + " bytes of UTF-8, with a namespace"
                    + " prefix such as \"user.\": \"" + name + "\" is " + bytes);
        }
        return NativeStrings.of(Arena.ofAuto(), name, "name");
    }

    abstract T self();

    /**
     * The value buffer (native memory); its whole length is used.
     *
     * @param value native memory; it must stay open until the completion
     * @return this operation
     */
    public T value(MemorySegment value) {
        this.value = Checks.requireNative(value, "value");
        this.length = Checks.requireLength(value, "value");
        return self();
    }

    /** {@return the value buffer} */
    public MemorySegment value() {
        return value;
    }

    /** Sets {@code xattr_flags} (only the set forms expose this). */
    final T setFlags(int flags) {
        this.flags = flags;
        return self();
    }

    @Override
    public final void encode(Sqe sqe) {
        sqe.prepRw(opcode, fd, name.address(), length, Checks.addressOf(value, "value"))
                .opFlags(flags)
                .addr3(path == null ? 0 : path.address());
    }
}
