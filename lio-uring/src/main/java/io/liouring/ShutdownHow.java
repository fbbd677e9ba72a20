package io.liouring;

/** The {@code SHUT_*} values of {@code shutdown(2)}: which direction of a connection to close. */
public final class ShutdownHow {
    /** No more receptions. */
    public static final int SHUT_RD = 0;
    /** No more transmissions: the peer reads end-of-stream. */
    public static final int SHUT_WR = 1;
    /** Both directions. */
    public static final int SHUT_RDWR = 2;

    private ShutdownHow() {
    }
}
