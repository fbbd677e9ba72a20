package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.SockAddr;

import java.util.Objects;

/** What bind and connect share: a socket and a socket address ({@code addr}, length in {@code off}). */
abstract class AddressIo<T extends AddressIo<T>> implements Operation {
    private final Opcode opcode;
    private int fd;
    private SockAddr address;

    AddressIo(Opcode opcode, int fd, SockAddr address) {
        this.opcode = opcode;
        this.fd = fd;
        address(address);
    }

    abstract T self();

    /** The socket (or registered-file index, pushed with {@code SqeFlags.FIXED_FILE}). */
    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    public T address(SockAddr address) {
        this.address = Objects.requireNonNull(address, "address");
        return self();
    }

    public SockAddr address() {
        return address;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(opcode, fd, address.segment().address(), 0, address.length());
    }
}
