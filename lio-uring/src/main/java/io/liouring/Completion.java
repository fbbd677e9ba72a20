package io.liouring;

import java.util.OptionalInt;

/**
 * One completion queue entry ({@code struct io_uring_cqe}): the request's {@code user_data}, its result and
 * its flags; on {@code CQE32} rings also the two extra 64-bit words, and on {@code CQE_MIXED} rings for the
 * 32-byte entries that carry {@link #F_32}.
 *
 * <p>{@code result} is what the equivalent system call returns, or {@code -errno}; {@link #resultOrThrow()}
 * turns the latter into a {@link UringException} that names the errno.
 *
 * @param userData the value given to {@code push}
 * @param result   the result, or {@code -errno}
 * @param flags    the {@code IORING_CQE_F_*} bits, with the buffer id in the upper 16 bits
 * @param extra1   first extra word of a 32-byte CQE (0 for a 16-byte one)
 * @param extra2   second extra word of a 32-byte CQE (0 for a 16-byte one)
 */
public record Completion(long userData, int result, int flags, long extra1, long extra2) {
    /** {@code IORING_CQE_F_BUFFER}: the upper 16 bits of flags hold the id of the buffer used. */
    public static final int F_BUFFER = 1;
    /** {@code IORING_CQE_F_MORE}: a multishot request (or a zero-copy send) will post more completions. */
    public static final int F_MORE = 1 << 1;
    /** {@code IORING_CQE_F_SOCK_NONEMPTY}: the socket had more data when the receive completed. */
    public static final int F_SOCK_NONEMPTY = 1 << 2;
    /** {@code IORING_CQE_F_NOTIF}: the notification of a zero-copy send: its buffer is free again. */
    public static final int F_NOTIF = 1 << 3;
    /** {@code IORING_CQE_F_BUF_MORE}: an incrementally consumed buffer still has room. */
    public static final int F_BUF_MORE = 1 << 4;
    /**
     * {@code IORING_CQE_F_SKIP} (6.18): a padding entry of a {@code CQE_MIXED} ring, which completes nothing. The ring
     * skips these: no {@code Completion} or handler call ever carries this flag.
     */
    public static final int F_SKIP = 1 << 5;
    /**
     * {@code IORING_CQE_F_32} (6.18): on a {@code CQE_MIXED} ring, a 32-byte entry whose two extra words are in
     * {@link #extra1()} and {@link #extra2()} (and in the five-argument {@link CompletionHandler#onCompletion(long,
     * int, int, long, long)}).
     */
    public static final int F_32 = 1 << 15;
    /**
     * {@code IORING_CQE_F_TSTAMP_HW} (6.17): a transmit timestamp of {@link io.liouring.operation.TxTimestamp} taken
     * by the NIC; the bits above it hold the timestamp's kind (see {@link io.liouring.operation.TxTimestampReport}).
     * Only on those completions: elsewhere bit 16 starts the buffer id of {@link #F_BUFFER}.
     */
    public static final int F_TSTAMP_HW = 1 << 16;
    private static final int BUFFER_SHIFT = 16;

    /**
     * A completion of a 16-byte CQE ring.
     *
     * @param userData the request's {@code user_data}
     * @param result the request's result, or {@code -errno}
     * @param flags the {@code IORING_CQE_F_*} bits
     */
    public Completion(long userData, int result, int flags) {
        this(userData, result, flags, 0, 0);
    }

    /** {@return whether the request failed ({@code result < 0})} */
    public boolean isError() {
        return result < 0;
    }

    /**
     * {@return the errno of a failed request; never {@code null}} A result with no name in {@link Errno} is {@link
     * Errno#UNKNOWN} (its number is in {@link #errnoNumber()}), and a request that succeeded ({@code result >= 0})
     * reports {@link Errno#NONE}: a constant rather than {@code null} or an exception, so that a comparison ({@code
     * c.errno() == Errno.ECANCELED}) or a {@code switch} works on any completion.
     */
    public Errno errno() {
        return Errno.ofResult(result);
    }

    /**
     * {@return the errno number of a failed request ({@code -result}), 0 if it succeeded: the number that {@link
     * Errno#UNKNOWN} does not carry}
     */
    public int errnoNumber() {
        return result < 0 ? -result : 0;
    }

    /** {@return the result, or a {@link UringException} naming the errno if the request failed} */
    public int resultOrThrow() {
        if (result < 0) {
            throw new UringException("request user_data=" + userData, -result);
        }
        return result;
    }

    /** {@return whether a multishot request will post more completions ({@code F_MORE})} */
    public boolean hasMore() {
        return (flags & F_MORE) != 0;
    }

    /** {@return whether this is the notification CQE of a zero-copy send ({@code F_NOTIF})} */
    public boolean isNotification() {
        return (flags & F_NOTIF) != 0;
    }

    /** {@return the id of the provided buffer the kernel used, if it used one ({@code F_BUFFER})} */
    public OptionalInt bufferId() {
        return (flags & F_BUFFER) != 0 ? OptionalInt.of(flags >>> BUFFER_SHIFT) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return "Completion[userData=" + userData + ", result=" + result
                + (result < 0 ? " (" + errnoName() + ")" : "") + ", flags=0x" + Integer.toHexString(flags) + "]";
    }

    private String errnoName() {
        Errno errno = errno();
        return errno == Errno.UNKNOWN ? errno.name() + " " + errnoNumber() : errno.name();
    }
}
