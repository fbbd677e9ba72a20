package io.liouring.operation;

import io.liouring.Sqe;

/** The check shared by the operations that only exist as 128-byte submission entries (NOP128, URING_CMD128). */
final class Entry128 {
    private static final int SIZE = 128;

    private Entry128() {
    }

    static void require(Sqe sqe, String operation) {
        if (sqe.size() < SIZE) {
            throw new IllegalStateException(operation + " needs a 128-byte submission entry, this ring's are "
                    + sqe.size() + " bytes: create the ring with Params.builder().sqe128()");
        }
    }
}
