package io.liouring.operation;

/** The {@code IORING_RECVSEND_*} / {@code IORING_RECV_*} / {@code IORING_SEND_*} bits send and receive keep in {@code sqe.ioprio}. */
final class RecvSendFlags {
    /** Poll the socket before trying the transfer (saves a failed attempt when no data is expected yet). */
    static final int POLL_FIRST = 1;
    /** Keep receiving: one completion per arrival, with {@code F_MORE} while armed. */
    static final int RECV_MULTISHOT = 1 << 1;
    /** The buffer is a registered buffer ({@code buf_index}). */
    static final int FIXED_BUF = 1 << 2;
    /** Zero-copy notification reports whether data was copied after all. */
    static final int SEND_ZC_REPORT_USAGE = 1 << 3;
    /** Use several provided buffers in one request. */
    static final int BUNDLE = 1 << 4;
    static final int SEND_VECTORIZED = 1 << 5;

    private RecvSendFlags() {
    }
}
