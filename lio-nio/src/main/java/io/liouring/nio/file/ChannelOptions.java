package io.liouring.nio.file;

import io.liouring.OpenFlags;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * The open options and initial attributes of a file channel, checked as {@code FileChannel.open} and
 * {@code AsynchronousFileChannel.open} specify them, and turned into {@code open(2)} flags and a mode.
 *
 * <ul>
 *   <li>Neither {@code READ} nor {@code WRITE}: {@code WRITE} if {@code APPEND} is given, otherwise {@code READ}.
 *   <li>{@code APPEND} with {@code READ} or with {@code TRUNCATE_EXISTING}: {@link IllegalArgumentException}.
 *   <li>{@code CREATE}, {@code CREATE_NEW} and {@code TRUNCATE_EXISTING} only count with write access
 *       ({@code O_CREAT}, {@code O_CREAT|O_EXCL}, {@code O_TRUNC}); {@code CREATE_NEW} wins over {@code CREATE}.
 *   <li>{@code DELETE_ON_CLOSE}: the file is unlinked right after it is opened, as the JDK does on Linux, and is
 *       then opened with {@code O_NOFOLLOW} (unless {@code CREATE_NEW}, which never follows a link).
 *   <li>{@code NOFOLLOW_LINKS}: {@code O_NOFOLLOW}; {@code SYNC}: {@code O_SYNC}; {@code DSYNC}:
 *       {@code O_DSYNC}; {@code SPARSE}: a hint, ignored; the JDK's {@code ExtendedOpenOption.DIRECT}:
 *       {@code O_DIRECT}.
 *   <li>Any other option: {@link UnsupportedOperationException}; {@code null}: {@link NullPointerException}.
 *   <li>Attributes: {@code posix:permissions} or {@code unix:permissions} give the mode of a created file (the
 *       umask applies); the default is {@code 0666}. Any other attribute: {@link UnsupportedOperationException}.
 * </ul>
 *
 * @param flags         the {@code open(2)} flags, {@code O_CLOEXEC} included
 * @param mode          the permission bits for a created file
 * @param readable      whether the channel is open for reading
 * @param writable      whether the channel is open for writing
 * @param append        whether writes go to the end of the file
 * @param deleteOnClose whether the file is to be unlinked once opened
 * @param noFollowLinks whether the open refuses a final symbolic link ({@code O_NOFOLLOW}: {@code NOFOLLOW_LINKS}, or
 *                      {@code DELETE_ON_CLOSE}), which changes the message of {@code ELOOP} as the JDK's does
 * @param direct        whether I/O bypasses the page cache ({@code O_DIRECT})
 */
record ChannelOptions(int flags, int mode, boolean readable, boolean writable, boolean append,
                      boolean deleteOnClose, boolean noFollowLinks, boolean direct) {
    /** The mode of a created file without a permissions attribute, before the umask. */
    private static final int DEFAULT_MODE = 0666;

    /**
     * Checks {@code options} and {@code attrs} as {@code FileChannel.open} does.
     *
     * @param appendAllowed {@code false} for an asynchronous channel, which refuses {@code APPEND} with
     *                      {@link UnsupportedOperationException} as the JDK's does
     */
    static ChannelOptions of(Set<? extends OpenOption> options, FileAttribute<?>[] attrs, boolean appendAllowed) {
        Objects.requireNonNull(options, "options");
        boolean read = false, write = false, append = false, truncate = false, create = false, createNew = false;
        boolean deleteOnClose = false, noFollow = false, sync = false, dsync = false, direct = false;
        for (OpenOption option : options) {
            Objects.requireNonNull(option, "options contains null");
            if (option instanceof StandardOpenOption standard) {
                switch (standard) {
                    case READ -> read = true;
                    case WRITE -> write = true;
                    case APPEND -> append = true;
                    case TRUNCATE_EXISTING -> truncate = true;
                    case CREATE -> create = true;
                    case CREATE_NEW -> createNew = true;
                    case DELETE_ON_CLOSE -> deleteOnClose = true;
                    case SPARSE -> { }
                    case SYNC -> sync = true;
                    case DSYNC -> dsync = true;
                }
            } else if (option == LinkOption.NOFOLLOW_LINKS) {
                noFollow = true;
            } else if (isDirect(option)) {
                direct = true;
            } else {
                throw new UnsupportedOperationException(option + " not supported");
            }
        }
        if (append && !appendAllowed) {
            throw new UnsupportedOperationException("APPEND not allowed");
        }
        if (!read && !write) {
            if (append) {
                write = true;
            } else {
                read = true;
            }
        }
        if (read && append) {
            throw new IllegalArgumentException("READ + APPEND not allowed");
        }
        if (append && truncate) {
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        }
        int flags = (read && write) ? OpenFlags.O_RDWR : write ? OpenFlags.O_WRONLY : OpenFlags.O_RDONLY;
        flags |= OpenFlags.O_CLOEXEC;
        if (write) {
            if (truncate) {
                flags |= OpenFlags.O_TRUNC;
            }
            if (append) {
                flags |= OpenFlags.O_APPEND;
            }
            if (createNew) {
                flags |= OpenFlags.O_CREAT | OpenFlags.O_EXCL;
            } else if (create) {
                flags |= OpenFlags.O_CREAT;
            }
        }
        boolean exclusiveCreate = write && createNew;
        boolean refusesLink = !exclusiveCreate && (noFollow || deleteOnClose);
        if (refusesLink) {
            flags |= OpenFlags.O_NOFOLLOW;
        }
        if (sync) {
            flags |= OpenFlags.O_SYNC;
        }
        if (dsync) {
            flags |= OpenFlags.O_DSYNC;
        }
        if (direct) {
            flags |= OpenFlags.O_DIRECT;
        }
        return new ChannelOptions(flags, mode(attrs), read, write, append, deleteOnClose, refusesLink, direct);
    }

    /** Whether a write returns only once its data ({@code DSYNC}), or data and metadata ({@code SYNC}), are on the device. */
    boolean synchronous() {
        return (flags & OpenFlags.O_DSYNC) != 0; // O_SYNC includes the O_DSYNC bit
    }

    /** The JDK's {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}, recognised without depending on jdk.unsupported. */
    private static boolean isDirect(OpenOption option) {
        return option instanceof Enum<?> e && e.getDeclaringClass().getName().equals("com.sun.nio.file.ExtendedOpenOption")
                && e.name().equals("DIRECT");
    }

    /** The mode the attributes give ({@code posix:}/{@code unix:permissions}), or {@link #DEFAULT_MODE}. */
    private static int mode(FileAttribute<?>[] attrs) {
        int mode = DEFAULT_MODE;
        Objects.requireNonNull(attrs, "attrs");
        for (FileAttribute<?> attr : attrs) {
            Objects.requireNonNull(attr, "attrs contains null");
            String name = attr.name();
            if (!name.equals("posix:permissions") && !name.equals("unix:permissions")) {
                throw new UnsupportedOperationException("'" + name + "' not supported as initial attribute");
            }
            mode = 0;
            for (Object p : (Set<?>) attr.value()) {
                mode |= bit((PosixFilePermission) Objects.requireNonNull(p, "permissions contain null"));
            }
        }
        return mode;
    }

    /** The mode bit of one permission. */
    private static int bit(PosixFilePermission p) {
        return switch (p) {
            case OWNER_READ -> 0400;
            case OWNER_WRITE -> 0200;
            case OWNER_EXECUTE -> 0100;
            case GROUP_READ -> 040;
            case GROUP_WRITE -> 020;
            case GROUP_EXECUTE -> 010;
            case OTHERS_READ -> 04;
            case OTHERS_WRITE -> 02;
            case OTHERS_EXECUTE -> 01;
        };
    }
}
