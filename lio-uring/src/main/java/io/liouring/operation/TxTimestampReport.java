package io.liouring.operation;

import io.liouring.Completion;

/**
 * One transmit timestamp a {@link TxTimestamp} request reported: the completion's result is the timestamp key
 * ({@code ee_data}: the byte or packet counter of {@code SOF_TIMESTAMPING_OPT_ID}), its flags carry the kind
 * ({@code ee_info}, from bit {@code IORING_TIMESTAMP_TYPE_SHIFT} = 17) and {@link Completion#F_TSTAMP_HW} (bit
 * 16), and its extra 16 bytes a {@code struct io_timespec}.
 *
 * @param key      the timestamp key ({@code ee_data})
 * @param type     the kind: {@link #SND}, {@link #SCHED}, {@link #ACK} or {@link #COMPLETION} ({@code SCM_TSTAMP_*})
 * @param hardware whether the NIC took it ({@code IORING_CQE_F_TSTAMP_HW}), else the kernel's clock
 *                 ({@code CLOCK_REALTIME})
 * @param seconds  the timestamp's seconds ({@code tv_sec})
 * @param nanos    its nanoseconds ({@code tv_nsec})
 */
public record TxTimestampReport(int key, int type, boolean hardware, long seconds, long nanos) {
    /** {@code SCM_TSTAMP_SND}: the packet left the driver (or the NIC, for a hardware timestamp). */
    public static final int SND = 0;
    /** {@code SCM_TSTAMP_SCHED}: the packet entered the packet scheduler. */
    public static final int SCHED = 1;
    /** {@code SCM_TSTAMP_ACK}: the peer acknowledged all of the data (TCP). */
    public static final int ACK = 2;
    /** {@code SCM_TSTAMP_COMPLETION}: the NIC reported the transmission complete. */
    public static final int COMPLETION = 3;

    /** {@code IORING_TIMESTAMP_TYPE_SHIFT}. */
    static final int TYPE_SHIFT = 17;

    /**
     * Decodes a timestamp completion of a {@link TxTimestamp} request.
     *
     * @param c a completion with {@code F_MORE} and 32 bytes
     * @return the timestamp it reports
     * @throws IllegalArgumentException if {@code c} is the request's final completion (an error, or the end)
     */
    public static TxTimestampReport of(Completion c) {
        if (!c.hasMore()) {
            throw new IllegalArgumentException("c is the request's final completion, not a timestamp: " + c);
        }
        return new TxTimestampReport(c.result(), c.flags() >>> TYPE_SHIFT, (c.flags() & Completion.F_TSTAMP_HW) != 0,
                c.extra1(), c.extra2());
    }
}
