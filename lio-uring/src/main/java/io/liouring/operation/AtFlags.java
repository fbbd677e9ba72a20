package io.liouring.operation;

/**
 * The {@code AT_*} flags of the {@code *at(2)} system calls ({@code <fcntl.h>}), for {@link Statx},
 * {@link UnlinkAt} and {@link LinkAt}. Which flags a call accepts is listed on each constant.
 */
public final class AtFlags {
    /** Statx: do not follow a trailing symbolic link; report on the link itself. */
    public static final int SYMLINK_NOFOLLOW = 0x100;
    /** UnlinkAt: remove a directory, like {@code rmdir(2)}. */
    public static final int REMOVEDIR = 0x200;
    /** LinkAt: if the source is a symbolic link, link to what it points to. */
    public static final int SYMLINK_FOLLOW = 0x400;
    /** Statx: do not trigger an automount of the final component. */
    public static final int NO_AUTOMOUNT = 0x800;
    /** Statx, LinkAt: an empty path means the directory fd itself. */
    public static final int EMPTY_PATH = 0x1000;
    /** Statx: do whatever {@code stat(2)} does about syncing with a remote file system (the default, 0). */
    public static final int STATX_SYNC_AS_STAT = 0;
    /** Statx: force attributes to be synced with a remote server first. */
    public static final int STATX_FORCE_SYNC = 0x2000;
    /** Statx: use whatever is cached, even if stale. */
    public static final int STATX_DONT_SYNC = 0x4000;

    private AtFlags() {
    }
}
