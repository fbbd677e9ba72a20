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
    /**
     * Operation not permitted. From io_uring also when a ring's {@link Restrictions} forbid the opcode, flag or
     * registration, or when {@code kernel.io_uring_disabled} keeps this process from creating rings.
     */
    EPERM(1, "Operation not permitted"),
    /**
     * No such file or directory. From io_uring also when a cancel or a timeout or poll removal found no request with
     * that {@code user_data}.
     */
    ENOENT(2, "No such file or directory"),
    /** No such process. */
    ESRCH(3, "No such process"),
    /**
     * Interrupted system call. From {@code io_uring_enter} also when a signal interrupted a wait for completions;
     * waiting again is safe.
     */
    EINTR(4, "Interrupted system call"),
    /** Input/output error. */
    EIO(5, "Input/output error"),
    /**
     * No such device or address. From io_uring also when the ring is going away, or a registration names something the
     * ring does not have.
     */
    ENXIO(6, "No such device or address"),
    /** Argument list too long. */
    E2BIG(7, "Argument list too long"),
    /** Exec format error. */
    ENOEXEC(8, "Exec format error"),
    /**
     * Bad file descriptor. From io_uring also for an empty or out-of-range registered-file slot of a request pushed
     * with {@code FIXED_FILE}.
     */
    EBADF(9, "Bad file descriptor"),
    /** No child processes. */
    ECHILD(10, "No child processes"),
    /**
     * Resource temporarily unavailable. From io_uring also when a request told not to wait could not run at once
     * ({@code IORING_ACCEPT_DONTWAIT}, {@code RWF_NOWAIT}), or when a futex word no longer held the expected value.
     */
    EAGAIN(11, "Resource temporarily unavailable"),
    /**
     * Cannot allocate memory. From {@code io_uring_setup} also when the rings could not be allocated or locked ({@code
     * RLIMIT_MEMLOCK} before 5.12).
     */
    ENOMEM(12, "Cannot allocate memory"),
    /** Permission denied. */
    EACCES(13, "Permission denied"),
    /** Bad address. From io_uring when an address a request or registration names is not mapped. */
    EFAULT(14, "Bad address"),
    /** Block device required. */
    ENOTBLK(15, "Block device required"),
    /**
     * Device or resource busy. From {@code io_uring_enter} also when completions overflowed and the kernel holds some
     * back: reap the completion queue, then submit again.
     */
    EBUSY(16, "Device or resource busy"),
    /**
     * File exists. From io_uring also when a buffer group id is already registered, or a table (files, buffers,
     * eventfd) already is.
     */
    EEXIST(17, "File exists"),
    /** Invalid cross-device link. */
    EXDEV(18, "Invalid cross-device link"),
    /** No such device. */
    ENODEV(19, "No such device"),
    /** Not a directory. */
    ENOTDIR(20, "Not a directory"),
    /** Is a directory. */
    EISDIR(21, "Is a directory"),
    /**
     * Invalid argument. From io_uring most often for a field or flag this kernel does not know: an opcode flag newer
     * than the kernel, a reserved field not zero, a setup flag it lacks.
     */
    EINVAL(22, "Invalid argument"),
    /**
     * Too many open files in system. From io_uring also when no registered-file slot was free for a direct descriptor
     * the kernel was to allocate.
     */
    ENFILE(23, "Too many open files in system"),
    /** Too many open files. The process reached its descriptor limit ({@code RLIMIT_NOFILE}). */
    EMFILE(24, "Too many open files"),
    /** Inappropriate ioctl for device. */
    ENOTTY(25, "Inappropriate ioctl for device"),
    /** Text file busy. */
    ETXTBSY(26, "Text file busy"),
    /** File too large. */
    EFBIG(27, "File too large"),
    /** No space left on device. */
    ENOSPC(28, "No space left on device"),
    /** Illegal seek. */
    ESPIPE(29, "Illegal seek"),
    /** Read-only file system. */
    EROFS(30, "Read-only file system"),
    /** Too many links. */
    EMLINK(31, "Too many links"),
    /** Broken pipe. The peer closed the connection; with {@code MSG_NOSIGNAL}, no {@code SIGPIPE} is raised. */
    EPIPE(32, "Broken pipe"),
    /** Numerical argument out of domain. */
    EDOM(33, "Numerical argument out of domain"),
    /** Numerical result out of range. */
    ERANGE(34, "Numerical result out of range"),
    /** Resource deadlock avoided. */
    EDEADLK(35, "Resource deadlock avoided"),
    /** File name too long. */
    ENAMETOOLONG(36, "File name too long"),
    /** No locks available. */
    ENOLCK(37, "No locks available"),
    /**
     * Function not implemented. From {@code io_uring_setup}: the kernel has no io_uring, or a seccomp filter hides it.
     */
    ENOSYS(38, "Function not implemented"),
    /** Directory not empty. */
    ENOTEMPTY(39, "Directory not empty"),
    /** Too many levels of symbolic links. */
    ELOOP(40, "Too many levels of symbolic links"),
    /** No message of desired type. */
    ENOMSG(42, "No message of desired type"),
    /** Identifier removed. */
    EIDRM(43, "Identifier removed"),
    /** Channel number out of range. */
    ECHRNG(44, "Channel number out of range"),
    /** Level 2 not synchronized. */
    EL2NSYNC(45, "Level 2 not synchronized"),
    /** Level 3 halted. */
    EL3HLT(46, "Level 3 halted"),
    /** Level 3 reset. */
    EL3RST(47, "Level 3 reset"),
    /** Link number out of range. */
    ELNRNG(48, "Link number out of range"),
    /** Protocol driver not attached. */
    EUNATCH(49, "Protocol driver not attached"),
    /** No CSI structure available. */
    ENOCSI(50, "No CSI structure available"),
    /** Level 2 halted. */
    EL2HLT(51, "Level 2 halted"),
    /** Invalid exchange. */
    EBADE(52, "Invalid exchange"),
    /** Invalid request descriptor. */
    EBADR(53, "Invalid request descriptor"),
    /** Exchange full. */
    EXFULL(54, "Exchange full"),
    /** No anode. */
    ENOANO(55, "No anode"),
    /** Invalid request code. */
    EBADRQC(56, "Invalid request code"),
    /** Invalid slot. */
    EBADSLT(57, "Invalid slot"),
    /** Bad font file format. */
    EBFONT(59, "Bad font file format"),
    /** Device not a stream. */
    ENOSTR(60, "Device not a stream"),
    /** No data available. */
    ENODATA(61, "No data available"),
    /**
     * Timer expired. From io_uring when a {@code TIMEOUT} fired, or when a {@code LINK_TIMEOUT} fired (the request it
     * guarded completes with {@link #ECANCELED}; {@code EventLoop} reports that request as ETIME).
     */
    ETIME(62, "Timer expired"),
    /** Out of streams resources. */
    ENOSR(63, "Out of streams resources"),
    /** Machine is not on the network. */
    ENONET(64, "Machine is not on the network"),
    /** Package not installed. */
    ENOPKG(65, "Package not installed"),
    /** Object is remote. */
    EREMOTE(66, "Object is remote"),
    /** Link has been severed. */
    ENOLINK(67, "Link has been severed"),
    /** Advertise error. */
    EADV(68, "Advertise error"),
    /** Srmount error. */
    ESRMNT(69, "Srmount error"),
    /** Communication error on send. */
    ECOMM(70, "Communication error on send"),
    /** Protocol error. */
    EPROTO(71, "Protocol error"),
    /** Multihop attempted. */
    EMULTIHOP(72, "Multihop attempted"),
    /** RFS specific error. */
    EDOTDOT(73, "RFS specific error"),
    /** Bad message. */
    EBADMSG(74, "Bad message"),
    /** Value too large for defined data type. */
    EOVERFLOW(75, "Value too large for defined data type"),
    /** Name not unique on network. */
    ENOTUNIQ(76, "Name not unique on network"),
    /**
     * File descriptor in bad state. From {@code io_uring_enter} also when the ring was created disabled ({@code
     * IORING_SETUP_R_DISABLED}) and not yet enabled.
     */
    EBADFD(77, "File descriptor in bad state"),
    /** Remote address changed. */
    EREMCHG(78, "Remote address changed"),
    /** Can not access a needed shared library. */
    ELIBACC(79, "Can not access a needed shared library"),
    /** Accessing a corrupted shared library. */
    ELIBBAD(80, "Accessing a corrupted shared library"),
    /** .lib section in a.out corrupted. */
    ELIBSCN(81, ".lib section in a.out corrupted"),
    /** Attempting to link in too many shared libraries. */
    ELIBMAX(82, "Attempting to link in too many shared libraries"),
    /** Cannot exec a shared library directly. */
    ELIBEXEC(83, "Cannot exec a shared library directly"),
    /** Invalid or incomplete multibyte or wide character. */
    EILSEQ(84, "Invalid or incomplete multibyte or wide character"),
    /** Interrupted system call should be restarted. */
    ERESTART(85, "Interrupted system call should be restarted"),
    /** Streams pipe error. */
    ESTRPIPE(86, "Streams pipe error"),
    /** Too many users. */
    EUSERS(87, "Too many users"),
    /** Socket operation on non-socket. */
    ENOTSOCK(88, "Socket operation on non-socket"),
    /** Destination address required. */
    EDESTADDRREQ(89, "Destination address required"),
    /** Message too long. */
    EMSGSIZE(90, "Message too long"),
    /** Protocol wrong type for socket. */
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    /** Protocol not available. */
    ENOPROTOOPT(92, "Protocol not available"),
    /** Protocol not supported. */
    EPROTONOSUPPORT(93, "Protocol not supported"),
    /** Socket type not supported. */
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    /**
     * Operation not supported. From io_uring also when the file does not support the operation asked of it (no {@code
     * URING_CMD} handler, no non-blocking read, ...).
     */
    EOPNOTSUPP(95, "Operation not supported"),
    /** Protocol family not supported. */
    EPFNOSUPPORT(96, "Protocol family not supported"),
    /** Address family not supported by protocol. */
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    /** Address already in use. */
    EADDRINUSE(98, "Address already in use"),
    /** Cannot assign requested address. */
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    /** Network is down. */
    ENETDOWN(100, "Network is down"),
    /** Network is unreachable. */
    ENETUNREACH(101, "Network is unreachable"),
    /** Network dropped connection on reset. */
    ENETRESET(102, "Network dropped connection on reset"),
    /** Software caused connection abort. */
    ECONNABORTED(103, "Software caused connection abort"),
    /** Connection reset by peer. */
    ECONNRESET(104, "Connection reset by peer"),
    /**
     * No buffer space available. From io_uring also when a request selecting a provided buffer found its group empty;
     * give buffers back, then re-arm.
     */
    ENOBUFS(105, "No buffer space available"),
    /** Transport endpoint is already connected. */
    EISCONN(106, "Transport endpoint is already connected"),
    /** Transport endpoint is not connected. */
    ENOTCONN(107, "Transport endpoint is not connected"),
    /** Cannot send after transport endpoint shutdown. */
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    /** Too many references: cannot splice. */
    ETOOMANYREFS(109, "Too many references: cannot splice"),
    /** Connection timed out. */
    ETIMEDOUT(110, "Connection timed out"),
    /** Connection refused. Nothing listens at the address (or an ICMP port unreachable answered a datagram). */
    ECONNREFUSED(111, "Connection refused"),
    /** Host is down. */
    EHOSTDOWN(112, "Host is down"),
    /** No route to host. */
    EHOSTUNREACH(113, "No route to host"),
    /**
     * Operation already in progress. From an io_uring cancel also when the target was already running and may complete
     * normally.
     */
    EALREADY(114, "Operation already in progress"),
    /** Operation now in progress. */
    EINPROGRESS(115, "Operation now in progress"),
    /** Stale file handle. */
    ESTALE(116, "Stale file handle"),
    /** Structure needs cleaning. */
    EUCLEAN(117, "Structure needs cleaning"),
    /** Not a XENIX named type file. */
    ENOTNAM(118, "Not a XENIX named type file"),
    /** No XENIX semaphores available. */
    ENAVAIL(119, "No XENIX semaphores available"),
    /** Is a named type file. */
    EISNAM(120, "Is a named type file"),
    /** Remote I/O error. */
    EREMOTEIO(121, "Remote I/O error"),
    /** Disk quota exceeded. */
    EDQUOT(122, "Disk quota exceeded"),
    /** No medium found. */
    ENOMEDIUM(123, "No medium found"),
    /** Wrong medium type. */
    EMEDIUMTYPE(124, "Wrong medium type"),
    /**
     * Operation canceled. From io_uring when a request was cancelled: by a cancel request, by an expired
     * {@code LINK_TIMEOUT}, because a linked predecessor failed, or because the ring was closed.
     */
    ECANCELED(125, "Operation canceled"),
    /** Required key not available. */
    ENOKEY(126, "Required key not available"),
    /** Key has expired. */
    EKEYEXPIRED(127, "Key has expired"),
    /** Key has been revoked. */
    EKEYREVOKED(128, "Key has been revoked"),
    /** Key was rejected by service. */
    EKEYREJECTED(129, "Key was rejected by service"),
    /** Owner died. */
    EOWNERDEAD(130, "Owner died"),
    /** State not recoverable. */
    ENOTRECOVERABLE(131, "State not recoverable"),
    /** Operation not possible due to RF-kill. */
    ERFKILL(132, "Operation not possible due to RF-kill"),
    /** Memory page has hardware error. */
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
     *
     * @param number a positive errno, as C's {@code errno} holds it
     */
    public static Errno of(int number) {
        Errno e = number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
        return e == null ? UNKNOWN : e;
    }

    /**
     * {@return the errno of a result: for a negative one ({@code -errno}) as {@link #of(int)} names it, {@link #NONE}
     * for a success ({@code result >= 0})} Never {@code null}.
     *
     * @param result a completion's or system call's result
     */
    public static Errno ofResult(int result) {
        return result >= 0 ? NONE : of(-result);
    }

    /**
     * {@return name, number and message: "ENOENT (2): No such file or directory", and "UNKNOWN (600): Unknown error"
     * for a number this table does not have}
     *
     * @param number a positive errno
     */
    public static String describe(int number) {
        Errno e = of(number);
        return e.name() + " (" + number + "): " + e.message;
    }
}
