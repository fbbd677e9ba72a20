package io.liouring;

/**
 * How a ring finds the NAPI instances (network device queues) it busy polls ({@code op_param} of
 * {@code IORING_REGISTER_NAPI}, Linux 6.13; {@code enum io_uring_napi_tracking_strategy}).
 */
public enum NapiTracking {
    /** The kernel adds the NAPI instance of every socket the ring's requests use (the only mode before 6.13). */
    DYNAMIC(0),
    /** Only the NAPI ids added with {@link LioUring#addNapiId(int)} are polled. */
    STATIC(1),
    /** Nothing is polled: what {@link LioUring#unregisterNapi()} reports once NAPI is off. */
    INACTIVE(255);

    private final int code;

    NapiTracking(int code) {
        this.code = code;
    }

    /**
     * The kernel's value ({@code IO_URING_NAPI_TRACKING_*}).
     *
     * @return 0, 1 or 255
     */
    public int code() {
        return code;
    }

    /**
     * The mode of a kernel value.
     *
     * @param code an {@code IO_URING_NAPI_TRACKING_*} value
     * @return its mode
     * @throws IllegalArgumentException for a value the kernel does not define
     */
    public static NapiTracking of(int code) {
        for (NapiTracking t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("no NAPI tracking mode has code " + code);
    }
}
