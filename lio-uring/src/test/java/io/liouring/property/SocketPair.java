package io.liouring.property;

/**
 * A connected pair of stream sockets and the model of its two directions: for each, the bytes one end sent that the
 * other has not received yet (a {@link ByteModel} used as a stream: sends append, receives take from the head).
 * A step's {@code reverse} picks the direction: the first socket sends to the second, or the second to the first.
 */
final class SocketPair {
    final boolean tcp;
    private final int first;
    private final int second;
    private final ByteModel towardSecond = new ByteModel();
    private final ByteModel towardFirst = new ByteModel();

    SocketPair(boolean tcp, int first, int second) {
        this.tcp = tcp;
        this.first = first;
        this.second = second;
    }

    int sender(boolean reverse) {
        return reverse ? second : first;
    }

    int receiver(boolean reverse) {
        return reverse ? first : second;
    }

    /** The bytes in flight from {@link #sender} to {@link #receiver}. */
    ByteModel stream(boolean reverse) {
        return reverse ? towardFirst : towardSecond;
    }

    /** Whether every receive of this pair returns all it can at once: AF_UNIX queues a send whole; TCP may split it. */
    boolean receivesWhole() {
        return !tcp;
    }

    /** "tcp 7→8", say: the kind of pair and the direction's descriptors. */
    String name(boolean reverse) {
        return (tcp ? "tcp " : "unix ") + sender(reverse) + "→" + receiver(reverse);
    }
}
