package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.file.AsyncFile;
import io.liouring.operation.AtFlags;
import io.liouring.operation.LinkAt;
import io.liouring.operation.MkDirAt;
import io.liouring.operation.Statx;
import io.liouring.operation.SymlinkAt;
import io.liouring.operation.UnlinkAt;
import io.liouring.struct.StatxResult;
import io.liouring.struct.StatxResult.FileType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code lio cp} source copied to its destination as {@code cp(1)} copies it: a regular file (or anything
 * readable) by the library's copy engine, {@link AsyncFile#transferTo} ({@code copy_file_range(2)} between regular
 * files, holes of a sparse source kept; splices where it cannot), a directory with {@code -r} (created with {@code IORING_OP_MKDIRAT},
 * its entries copied in turn), a symbolic link as a link when not dereferenced ({@code IORING_OP_SYMLINKAT}),
 * a file already copied under another name as a hard link with {@code --preserve=links}
 * ({@code IORING_OP_LINKAT}), and with {@code -f} a destination that cannot be opened removed
 * ({@code IORING_OP_UNLINKAT}). Status and opening go through the ring too. What the kernel offers no ring
 * operation for is done with plain system calls: listing a directory ({@code getdents64}, through
 * {@link Files#newDirectoryStream}), reading a link ({@code readlink}) and setting times, owner and mode
 * ({@link FileAttributes}). Errors are reported with cp's messages; the copy goes on with the next file.
 */
final class TreeCopy {
    private static final String PROGRAM = "lio cp";
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EEXIST = 17;
    private static final int ENOTDIR = 20;
    private static final int EINVAL = 22;

    /** A file by device and inode number. */
    private record FileId(int devMajor, int devMinor, long ino) {
        static FileId of(StatxResult s) {
            return new FileId(s.devMajor(), s.devMinor(), s.ino());
        }
    }

    private final FileLoop files;
    private final CopyOptions options;
    /** With {@code --preserve=links}: where each multiply linked source file was copied to. */
    private final Map<FileId, String> copiedLinks = new HashMap<>();
    private Integer umask;

    TreeCopy(FileLoop files, CopyOptions options) {
        this.files = files;
        this.options = options;
    }

    /**
     * Copies {@code source} to {@code destination}, leaving the source's status in {@code src}.
     *
     * @return 0, or 1 if anything failed (each failure is reported)
     */
    int copy(String source, StatxResult src, String destination) {
        int r = files.call(new Statx(FileNames.path(source), src)
                .flags(options.dereference() ? 0 : AtFlags.SYMLINK_NOFOLLOW));
        if (r < 0) {
            return fail("cannot stat " + ShellQuote.always(source) + ": " + Messages.strerror(-r));
        }
        return switch (src.type()) {
            case DIRECTORY -> options.recursive() ? copyDirectory(source, src, destination)
                    : fail("-r not specified; omitting directory " + ShellQuote.always(source));
            case SYMBOLIC_LINK -> copySymlink(source, src, destination);
            default -> copyFile(source, src, destination);
        };
    }

    private int copyDirectory(String source, StatxResult src, String destination) {
        StatxResult dst = StatxResult.allocate();
        boolean exists = files.stat(FileNames.path(destination), dst) == 0;
        if (exists && dst.type() != FileType.DIRECTORY) {
            return fail("cannot overwrite non-directory " + ShellQuote.always(destination) + " with directory "
                    + ShellQuote.always(source));
        }
        if (exists && sameFile(src, dst)) {
            return fail(ShellQuote.always(source) + " and " + ShellQuote.always(destination) + " are the same file");
        }
        if (isInside(destination, source)) {
            return fail("cannot copy a directory, " + ShellQuote.always(source) + ", into itself, "
                    + ShellQuote.always(destination));
        }
        Path target = FileNames.path(withoutTrailingSlashes(destination));
        if (!exists) { // writable by us while it fills, whatever the source's mode; the mode is set at the end
            int r = files.call(new MkDirAt(target, (src.permissions() & 07777) | 0700));
            if (r < 0) {
                return fail("cannot create directory " + ShellQuote.always(destination) + ": " + Messages.strerror(-r));
            }
        }
        said(source, destination);
        List<String> names;
        try {
            names = entries(source);
        } catch (IOException e) {
            return fail("cannot access " + ShellQuote.always(source) + ": " + reason(e));
        }
        int status = 0;
        for (String name : names) {
            status |= copy(child(source, name), StatxResult.allocate(), child(destination, name));
        }
        if (options.preservesAttributes()) {
            status |= preserve(target, destination, src, false);
        } else if (!exists && (src.permissions() & 0700) != 0700) {
            int r = FileAttributes.setMode(target, src.permissions() & 07777 & ~umask());
            if (r < 0) {
                status |= fail("preserving permissions for " + ShellQuote.always(destination) + ": "
                        + Messages.strerror(-r));
            }
        }
        return status;
    }

    /**
     * The names in directory {@code source}, in the order of their inode numbers, as cp reads a directory on
     * most file systems (it is the fastest order to read them in).
     */
    private List<String> entries(String source) throws IOException {
        record Entry(String name, long ino) {
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(FileNames.path(source))) {
            StatxResult s = StatxResult.allocate();
            for (Path entry : listing) {
                String name = FileNames.name(entry);
                int r = files.call(new Statx(FileNames.path(child(source, name)), s).flags(AtFlags.SYMLINK_NOFOLLOW));
                entries.add(new Entry(name, r == 0 ? s.ino() : Long.MAX_VALUE));
            }
        }
        entries.sort((a, b) -> a.ino() != b.ino() ? Long.compareUnsigned(a.ino(), b.ino()) : a.name().compareTo(b.name()));
        return entries.stream().map(Entry::name).toList();
    }

    /** With {@code -v}: {@code 'SRC' -> 'DST'} on stdout, for a file or directory copied. */
    private void said(String source, String destination) {
        if (options.verbose()) {
            System.out.println(ShellQuote.always(source) + " -> " + ShellQuote.always(destination));
            System.out.flush();
        }
    }

    /**
     * Whether an existing destination is to be left alone: always with {@code -n}, when it is not older than the
     * source with {@code -u}, when the user does not answer yes with {@code -i}.
     */
    private boolean keeps(String destination, StatxResult src, StatxResult dst) {
        return switch (options.existing()) {
            case REPLACE -> false;
            case KEEP -> true;
            case REPLACE_OLDER -> dst.mtime().compareTo(src.mtime()) >= 0;
            case ASK -> !Prompt.yes(PROGRAM + ": overwrite " + ShellQuote.always(destination) + "? ");
        };
    }

    private int copySymlink(String source, StatxResult src, String destination) {
        Path linkTarget;
        try {
            linkTarget = Files.readSymbolicLink(FileNames.path(source));
        } catch (IOException e) {
            return fail("cannot read symbolic link " + ShellQuote.always(source) + ": " + reason(e));
        }
        Path link = FileNames.path(destination);
        int r = files.call(new SymlinkAt(linkTarget, link));
        if (r == -EEXIST) {
            StatxResult dst = StatxResult.allocate();
            boolean known = files.call(new Statx(link, dst).flags(AtFlags.SYMLINK_NOFOLLOW)) == 0;
            if (known && linksToItself(source, src, dst)) {
                return fail(ShellQuote.always(source) + " and " + ShellQuote.always(destination) + " are the same file");
            }
            if (known && dst.type() == FileType.DIRECTORY) {
                return fail("cannot overwrite directory " + ShellQuote.always(destination) + " with non-directory");
            }
            if (known && keeps(destination, src, dst)) {
                return 0;
            }
            r = files.call(new UnlinkAt(link));
            if (r == 0) {
                r = files.call(new SymlinkAt(linkTarget, link));
            }
        }
        if (r < 0) {
            return fail("cannot create symbolic link " + ShellQuote.always(destination) + ": " + Messages.strerror(-r));
        }
        said(source, destination);
        return options.preservesAttributes() ? preserve(link, destination, src, true) : 0;
    }

    /**
     * Whether copying the link {@code source} (status {@code link}) over the existing {@code dst} would destroy what
     * it points to, which cp refuses as the same file: {@code dst} is the link itself, or is not a link and is the
     * file the link leads to ({@code cp -P link target} would make {@code target} a link to itself). Another link
     * to the same file is replaced, as cp replaces it.
     */
    private boolean linksToItself(String source, StatxResult link, StatxResult dst) {
        if (sameFile(link, dst)) {
            return true;
        }
        StatxResult followed = StatxResult.allocate();
        return dst.type() != FileType.SYMBOLIC_LINK && files.stat(FileNames.path(source), followed) == 0
                && sameFile(followed, dst);
    }

    /** Copies a regular file (or a device, fifo... read as a stream) with its content. */
    private int copyFile(String source, StatxResult src, String destination) {
        StatxResult dst = StatxResult.allocate();
        boolean dstExists = files.stat(FileNames.path(destination), dst) == 0;
        if (!dstExists && FileNames.hasTrailingSlash(destination)) { // a new file cannot be named as a directory
            return fail("cannot create regular file " + ShellQuote.always(destination) + ": "
                    + Messages.strerror(ENOTDIR));
        }
        if (!dstExists && isDanglingSymlink(destination)) {
            return fail("not writing through dangling symlink " + ShellQuote.always(destination));
        }
        if (dstExists && sameFile(dst, src)) {
            return fail(ShellQuote.always(source) + " and " + ShellQuote.always(destination) + " are the same file");
        }
        if (dstExists && dst.type() == FileType.DIRECTORY) {
            return fail("cannot overwrite directory " + ShellQuote.always(destination) + " with non-directory");
        }
        if (dstExists && keeps(destination, src, dst)) {
            return 0;
        }
        FileId id = FileId.of(src);
        String earlierCopy = options.links() && src.nlink() > 1 ? copiedLinks.get(id) : null;
        if (earlierCopy != null) {
            int linked = link(earlierCopy, destination, dstExists);
            if (linked == 0) {
                said(source, destination);
            }
            return linked;
        }
        int in = files.open(FileNames.path(source), OpenFlags.O_RDONLY, 0);
        if (in < 0) {
            return fail("cannot open " + ShellQuote.always(source) + " for reading: " + Messages.strerror(-in));
        }
        if (src.type() == FileType.FIFO) {
            files.awaitWriter(in);
        }
        int out = openForWriting(destination, src);
        if (out < 0) {
            files.close(in);
            return 1; // reported
        }
        ProgressBar bar = ProgressBar.onStderr(source, src.type() == FileType.REGULAR ? src.size() : 0);
        int status = 0;
        Path target = FileNames.path(destination);
        AsyncFile from = files.adopt(in, FileNames.path(source));
        AsyncFile to = files.adopt(out, target);
        try {
            from.transferTo(to, bar::update);
        } catch (IOException e) {
            bar.finish();
            TransferException failure = TransferException.of(e, target);
            boolean read = failure.side() == TransferException.Side.READ;
            status = fail("error " + (read ? "reading " : "writing ") + ShellQuote.always(read ? source : destination)
                    + ": " + failure.reason());
        }
        bar.finish();
        try {
            from.close();
        } catch (IOException ignored) {
            // as cp: a failure to close the source, which was only read, changes nothing about the copy
        }
        try {
            to.close();
        } catch (IOException e) {
            if (status == 0) {
                status = fail("failed to close " + ShellQuote.always(destination) + ": "
                        + Messages.strerror(TransferException.errnoOf(e)));
            }
        }
        if (status == 0) {
            said(source, destination);
        }
        if (status == 0 && options.links() && src.nlink() > 1) {
            copiedLinks.put(id, destination);
        }
        if (status == 0 && options.preservesAttributes()) {
            status = preserve(FileNames.path(destination), destination, src, false);
        }
        return status;
    }

    /**
     * Opens (creating or truncating) the destination; with {@code -f}, an existing one that cannot be opened is
     * removed first and created anew, as cp does. The fd, or -1 after reporting why not.
     */
    private int openForWriting(String destination, StatxResult src) {
        Path path = FileNames.path(destination);
        int flags = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC;
        int createMode = src.permissions() & 0777;
        int out = files.open(path, flags, createMode);
        if (out < 0 && options.force() && out != -ENOENT) {
            int removed = files.call(new UnlinkAt(path));
            if (removed < 0) {
                fail("cannot remove " + ShellQuote.always(destination) + ": " + Messages.strerror(-removed));
                return -1;
            }
            out = files.open(path, flags | OpenFlags.O_EXCL, createMode);
        }
        if (out < 0) {
            fail("cannot create regular file " + ShellQuote.always(destination) + ": " + Messages.strerror(-out));
            return -1;
        }
        return out;
    }

    /** Makes {@code destination} a hard link to {@code earlierCopy}, which this command made. */
    private int link(String earlierCopy, String destination, boolean dstExists) {
        Path path = FileNames.path(destination);
        if (dstExists) {
            int removed = files.call(new UnlinkAt(path));
            if (removed < 0) {
                return fail("cannot remove " + ShellQuote.always(destination) + ": " + Messages.strerror(-removed));
            }
        }
        int r = files.call(new LinkAt(FileNames.path(earlierCopy), path));
        return r < 0 ? fail("cannot create hard link " + ShellQuote.always(destination) + " to "
                + ShellQuote.always(earlierCopy) + ": " + Messages.strerror(-r)) : 0;
    }

    /**
     * Gives {@code path} (the operand {@code name}) the source's times, then its owner and group, then its mode (after the owner, since
     * a change of owner clears the set-id bits), as {@code cp -p} does. Without the privilege to give a file
     * away, failing to keep the owner is not an error (as in cp, which then tries to keep the group alone).
     */
    private int preserve(Path path, String name, StatxResult src, boolean symlink) {
        String quoted = ShellQuote.always(name);
        int noFollow = symlink ? FileAttributes.SYMLINK_NOFOLLOW : 0;
        if (options.timestamps()) {
            int r = FileAttributes.setTimes(path, src.atime(), src.mtime(), noFollow);
            if (r < 0) {
                return fail("preserving times for " + quoted + ": " + Messages.strerror(-r));
            }
        }
        if (options.ownership()) {
            int r = FileAttributes.setOwner(path, src.uid(), src.gid(), noFollow);
            if (r == -EPERM || r == -EINVAL) {
                FileAttributes.setOwner(path, -1, src.gid(), noFollow);
                if (FileAttributes.isRoot()) {
                    return fail("failed to preserve ownership for " + quoted + ": " + Messages.strerror(-r));
                }
            } else if (r < 0) {
                return fail("failed to preserve ownership for " + quoted + ": " + Messages.strerror(-r));
            }
        }
        if (options.mode() && !symlink) {
            int r = FileAttributes.setMode(path, src.permissions() & 07777);
            if (r < 0) {
                return fail("preserving permissions for " + quoted + ": " + Messages.strerror(-r));
            }
        }
        return 0;
    }

    private int umask() {
        if (umask == null) {
            umask = FileAttributes.umask();
        }
        return umask;
    }

    /** Whether {@code destination} lies within the directory {@code source} (or is it). */
    private static boolean isInside(String destination, String source) {
        try {
            Path src = FileNames.path(source).toRealPath();
            Path dst = FileNames.path(withoutTrailingSlashes(destination)).toAbsolutePath().normalize();
            Path parent = dst.getParent();
            Path real = parent == null ? dst : parent.toRealPath().resolve(dst.getFileName());
            return real.startsWith(src);
        } catch (IOException e) {
            return false; // the destination's directory is missing: creating it will say so
        }
    }

    private boolean isDanglingSymlink(String path) {
        StatxResult link = StatxResult.allocate();
        return files.call(new Statx(FileNames.path(path), link).flags(AtFlags.SYMLINK_NOFOLLOW)) == 0
                && link.type() == FileType.SYMBOLIC_LINK;
    }

    static boolean sameFile(StatxResult a, StatxResult b) {
        return a.devMajor() == b.devMajor() && a.devMinor() == b.devMinor() && a.ino() == b.ino();
    }

    private static String child(String directory, String name) {
        return directory + (directory.endsWith("/") ? "" : "/") + name;
    }

    private static String withoutTrailingSlashes(String name) {
        String s = name;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The C library's text for the errno behind a failed directory listing or link read. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return Messages.strerror(EACCES);
        }
        if (e instanceof NoSuchFileException) {
            return Messages.strerror(ENOENT);
        }
        if (e instanceof NotDirectoryException) {
            return Messages.strerror(ENOTDIR);
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    private static int fail(String message) {
        Messages.error(PROGRAM, message);
        return 1;
    }
}
