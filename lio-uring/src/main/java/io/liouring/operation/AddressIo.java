package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.struct.SockAddr;

import java.util.Objects;

/** What bind and connect share: a socket and a socket address ({@code addr}, length in {@code off}). */
abstract class AddressIo<T extends AddressIo<T>> extends FdRequest<T> {
    private SockAddr address;

    AddressIo(Opcode opcode, int fd, SockAddr address) {
        super(opcode, fd);
        address(address);
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
        prep(sqe, address.segment().address(), 0, address.length());
    }
}
