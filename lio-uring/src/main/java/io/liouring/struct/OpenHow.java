package io.liouring.struct;

import io.liouring.internal.FileModes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A native {@code struct open_how} (24 bytes), the argument of {@code openat2(2)}: open flags, the mode of a
 * created file, and {@code RESOLVE_*} restrictions on how the path is resolved.
 *
 * <p>The kernel copies it when the request is submitted, so it may be changed or reused once
 * {@code submit()} has returned. The kernel refuses unknown flags, and a non-zero mode without
 * {@code O_CREAT} or {@code O_TMPFILE}, with {@code EINVAL}.
 */
public final class OpenHow {
    /** {@code sizeof(struct open_how)} (version 0, the only one so far). */
    public static final long SIZE = 24;

    /** Fail with {@code EXDEV} if resolution would cross a mount point (bind mounts included). */
    public static final long RESOLVE_NO_XDEV = 0x01;
    /** Fail with {@code ELOOP} on "magic links" such as {@code /proc/self/fd/N}. */
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    /** Fail with {@code ELOOP} on any symbolic link (magic links included). */
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    /** Fail with {@code EXDEV} if resolution would leave the directory fd's tree ({@code ..}, absolute paths, symlinks). */
    public static final long RESOLVE_BENEATH = 0x08;
    /** Resolve as if the directory fd were the root: {@code ..} and absolute paths stay inside it. */
    public static final long RESOLVE_IN_ROOT = 0x10;
    /** Only succeed if the lookup can be done from cached data, else fail with {@code EAGAIN} (5.12). */
    public static final long RESOLVE_CACHED = 0x20;

    private static final long FLAGS = 0;
    private static final long MODE = 8;
    private static final long RESOLVE = 16;

    private final MemorySegment segment;

    private OpenHow(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return an open_how in an automatic (garbage-collected) arena, with no resolve restrictions}
     *
     * @param flags {@code OpenFlags} bits
     * @param mode permission bits of a created file (0 unless {@code O_CREAT} or {@code O_TMPFILE})
     */
    public static OpenHow of(int flags, int mode) {
        return of(Arena.ofAuto(), flags, mode);
    }

    /**
     * {@return an open_how in {@code arena}, with no resolve restrictions}
     *
     * @param arena where the struct lives; it must stay open until the request has completed
     * @param flags {@code OpenFlags} bits
     * @param mode  permission bits of a created file (0 unless {@code O_CREAT} or {@code O_TMPFILE})
     */
    public static OpenHow of(Arena arena, int flags, int mode) {
        Objects.requireNonNull(arena, "arena");
        return new OpenHow(arena.allocate(SIZE, 8)).flags(flags).mode(mode);
    }

    /**
     * {@code flags}: {@code OpenFlags} bits.
     *
     * @param flags {@code OpenFlags} bits, stored as the kernel's 64-bit {@code flags}
     * @return this {@code open_how}
     */
    public OpenHow flags(int flags) {
        segment.set(JAVA_LONG, FLAGS, Integer.toUnsignedLong(flags));
        return this;
    }

    /**
     * {@code mode}: permission bits of a created file, between 0 and 07777.
     *
     * @param mode permission bits, 0 to 07777
     * @return this {@code open_how}
     */
    public OpenHow mode(int mode) {
        segment.set(JAVA_LONG, MODE, FileModes.requirePermissions(mode, "mode"));
        return this;
    }

    /**
     * {@code resolve}: {@code RESOLVE_*} bits (0: resolve as {@code openat(2)} does).
     *
     * @param resolve {@code RESOLVE_*} bits, e.g. {@code RESOLVE_BENEATH} (0x08) or {@code RESOLVE_NO_SYMLINKS} (0x04)
     * @return this {@code open_how}
     */
    public OpenHow resolve(long resolve) {
        segment.set(JAVA_LONG, RESOLVE, resolve);
        return this;
    }

    /** {@return {@code flags}: the {@code OpenFlags} bits} */
    public int flags() {
        return (int) segment.get(JAVA_LONG, FLAGS);
    }

    /** {@return {@code mode}: the permission bits of a created file} */
    public int mode() {
        return (int) segment.get(JAVA_LONG, MODE);
    }

    /** {@return {@code resolve}: the {@code RESOLVE_*} bits} */
    public long resolve() {
        return segment.get(JAVA_LONG, RESOLVE);
    }

    /** {@return the native struct, for the kernel} */
    public MemorySegment segment() {
        return segment;
    }
}
