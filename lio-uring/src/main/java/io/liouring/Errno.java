package io.liouring;

/**
 * Every Linux errno (x86_64 and the generic table), with its name, number and the C library's message, plus the
 * kernel-internal codes of {@code include/linux/errno.h} (512 and up) that io_uring can pass on to user space: a
 * request cancelled while it blocked in an io-wq worker, for one, completes with {@code -ERESTARTSYS} (-512).
 *
 * <p>A negative completion result {@code res} is {@code -errno}: {@link #ofResult(int)} names it. The lookups never
 * return {@code null}: a success is {@link #NONE} and a number this table lacks is {@link #UNKNOWN}, so a
 * {@code switch} over an errno needs only a {@code default} branch for what it does not handle.
 */
public enum Errno {
    /**
     * Not an error: what a request that succeeded ({@code result >= 0}) reports as its errno, with number 0 (the C
     * convention of {@code errno == 0}).
     */
    NONE(0, "Success"),
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    ENOTBLK(15, "Block device required"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ETXTBSY(26, "Text file busy"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    EMLINK(31, "Too many links"),
    EPIPE(32, "Broken pipe"),
    EDOM(33, "Numerical argument out of domain"),
    ERANGE(34, "Numerical result out of range"),
    EDEADLK(35, "Resource deadlock avoided"),
    ENAMETOOLONG(36, "File name too long"),
    ENOLCK(37, "No locks available"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    ENOMSG(42, "No message of desired type"),
    EIDRM(43, "Identifier removed"),
    ECHRNG(44, "Channel number out of range"),
    EL2NSYNC(45, "Level 2 not synchronized"),
    EL3HLT(46, "Level 3 halted"),
    EL3RST(47, "Level 3 reset"),
    ELNRNG(48, "Link number out of range"),
    EUNATCH(49, "Protocol driver not attached"),
    ENOCSI(50, "No CSI structure available"),
    EL2HLT(51, "Level 2 halted"),
    EBADE(52, "Invalid exchange"),
    EBADR(53, "Invalid request descriptor"),
    EXFULL(54, "Exchange full"),
    ENOANO(55, "No anode"),
    EBADRQC(56, "Invalid request code"),
    EBADSLT(57, "Invalid slot"),
    EBFONT(59, "Bad font file format"),
    ENOSTR(60, "Device not a stream"),
    ENODATA(61, "No data available"),
    ETIME(62, "Timer expired"),
    ENOSR(63, "Out of streams resources"),
    ENONET(64, "Machine is not on the network"),
    ENOPKG(65, "Package not installed"),
    EREMOTE(66, "Object is remote"),
    ENOLINK(67, "Link has been severed"),
    EADV(68, "Advertise error"),
    ESRMNT(69, "Srmount error"),
    ECOMM(70, "Communication error on send"),
    EPROTO(71, "Protocol error"),
    EMULTIHOP(72, "Multihop attempted"),
    EDOTDOT(73, "RFS specific error"),
    EBADMSG(74, "Bad message"),
    EOVERFLOW(75, "Value too large for defined data type"),
    ENOTUNIQ(76, "Name not unique on network"),
    EBADFD(77, "File descriptor in bad state"),
    EREMCHG(78, "Remote address changed"),
    ELIBACC(79, "Can not access a needed shared library"),
    ELIBBAD(80, "Accessing a corrupted shared library"),
    ELIBSCN(81, ".lib section in a.out corrupted"),
    ELIBMAX(82, "Attempting to link in too many shared libraries"),
    ELIBEXEC(83, "Cannot exec a shared library directly"),
    EILSEQ(84, "Invalid or incomplete multibyte or wide character"),
    ERESTART(85, "Interrupted system call should be restarted"),
    ESTRPIPE(86, "Streams pipe error"),
    EUSERS(87, "Too many users"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EDESTADDRREQ(89, "Destination address required"),
    EMSGSIZE(90, "Message too long"),
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    ENOPROTOOPT(92, "Protocol not available"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EPFNOSUPPORT(96, "Protocol family not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"),
    ENETUNREACH(101, "Network is unreachable"),
    ENETRESET(102, "Network dropped connection on reset"),
    ECONNABORTED(103, "Software caused connection abort"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    EISCONN(106, "Transport endpoint is already connected"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    ETOOMANYREFS(109, "Too many references: cannot splice"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTDOWN(112, "Host is down"),
    EHOSTUNREACH(113, "No route to host"),
    EALREADY(114, "Operation already in progress"),
    EINPROGRESS(115, "Operation now in progress"),
    ESTALE(116, "Stale file handle"),
    EUCLEAN(117, "Structure needs cleaning"),
    ENOTNAM(118, "Not a XENIX named type file"),
    ENAVAIL(119, "No XENIX semaphores available"),
    EISNAM(120, "Is a named type file"),
    EREMOTEIO(121, "Remote I/O error"),
    EDQUOT(122, "Disk quota exceeded"),
    ENOMEDIUM(123, "No medium found"),
    EMEDIUMTYPE(124, "Wrong medium type"),
    ECANCELED(125, "Operation canceled"),
    ENOKEY(126, "Required key not available"),
    EKEYEXPIRED(127, "Key has expired"),
    EKEYREVOKED(128, "Key has been revoked"),
    EKEYREJECTED(129, "Key was rejected by service"),
    EOWNERDEAD(130, "Owner died"),
    ENOTRECOVERABLE(131, "State not recoverable"),
    ERFKILL(132, "Operation not possible due to RF-kill"),
    EHWPOISON(133, "Memory page has hardware error"),
    /** Kernel-internal: a wait was interrupted by a signal and the call is to be restarted. */
    ERESTARTSYS(512, "Interrupted, to be restarted (kernel-internal)"),
    /** Kernel-internal: to be restarted whether or not a signal handler ran. */
    ERESTARTNOINTR(513, "Interrupted, to be restarted without EINTR (kernel-internal)"),
    /** Kernel-internal: to be restarted unless a signal handler ran. */
    ERESTARTNOHAND(514, "Interrupted, to be restarted if no handler ran (kernel-internal)"),
    /** Kernel-internal: a driver does not know the ioctl command. */
    ENOIOCTLCMD(515, "Unknown ioctl command (kernel-internal)"),
    /** Kernel-internal: to be restarted through {@code restart_syscall(2)}. */
    ERESTART_RESTARTBLOCK(516, "Interrupted, to be restarted by restart_syscall (kernel-internal)"),
    /** Kernel-internal: a driver asked to be probed again later. */
    EPROBE_DEFER(517, "Driver probe deferred (kernel-internal)"),
    /** Kernel-internal: an open met a stale directory entry. */
    EOPENSTALE(518, "Open found a stale directory entry (kernel-internal)"),
    /** Kernel-internal: a file system does not support a mount parameter. */
    ENOPARAM(519, "Parameter not supported (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: an invalid file handle. */
    EBADHANDLE(521, "Invalid NFS file handle (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: an update synchronization mismatch. */
    ENOTSYNC(522, "NFS update synchronization mismatch (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: a stale directory cookie. */
    EBADCOOKIE(523, "Stale NFS cookie (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: not supported (distinct from {@link #EOPNOTSUPP}). */
    ENOTSUPP(524, "Operation not supported (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: a buffer or request too small. */
    ETOOSMALL(525, "Buffer or request too small (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: an error the server could not translate. */
    ESERVERFAULT(526, "Untranslatable NFS server error (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: a type the server does not support. */
    EBADTYPE(527, "Type not supported by the NFS server (kernel-internal)"),
    /** Kernel-internal, from the NFSv3 protocol: started, but will not complete before the timeout. */
    EJUKEBOX(528, "Request will not complete before its timeout (kernel-internal)"),
    /** Kernel-internal: the I/O was queued and its completion will follow. */
    EIOCBQUEUED(529, "I/O queued, completion to follow (kernel-internal)"),
    /** Kernel-internal, from NFS: a conflict with state being recalled. */
    ERECALLCONFLICT(530, "Conflict with recalled NFS state (kernel-internal)"),
    /** Kernel-internal, from NFS: a lock reclaim was refused. */
    ENOGRACE(531, "NFS lock reclaim refused (kernel-internal)"),
    /**
     * A negative result whose number this table does not have. It has no number of its own ({@link #number()} is
     * -1): {@link Completion#errnoNumber()} and {@link UringException#errnoNumber()} keep the actual one, and
     * {@link #describe(int)} shows it.
     */
    UNKNOWN(-1, "Unknown error");

    private static final Errno[] BY_NUMBER = new Errno[ENOGRACE.number + 1];

    static {
        for (Errno e : values()) {
            if (e != UNKNOWN) {
                BY_NUMBER[e.number] = e;
            }
        }
    }

    private final int number;
    private final String message;

    Errno(int number, String message) {
        this.number = number;
        this.message = message;
    }

    /** {@return the positive errno value, e.g. 2 for {@code ENOENT}; 0 for {@link #NONE}, -1 for {@link #UNKNOWN}} */
    public int number() {
        return number;
    }

    /** {@return the C library's description, e.g. "No such file or directory"} */
    public String message() {
        return message;
    }

    /**
     * {@return the errno with this number: {@link #NONE} for 0, {@link #UNKNOWN} for a number this table does not have
     * (negative numbers included)} Never {@code null}.
     */
    public static Errno of(int number) {
        Errno e = number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
        return e == null ? UNKNOWN : e;
    }

    /**
     * {@return the errno of a result: for a negative one ({@code -errno}) as {@link #of(int)} names it, {@link #NONE}
     * for a success ({@code result >= 0})} Never {@code null}.
     */
    public static Errno ofResult(int result) {
        return result >= 0 ? NONE : of(-result);
    }

    /**
     * {@return name, number and message: "ENOENT (2): No such file or directory", and "UNKNOWN (600): Unknown error"
     * for a number this table does not have}
     */
    public static String describe(int number) {
        Errno e = of(number);
        return e.name() + " (" + number + "): " + e.message;
    }
}
