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

    /**
     * The socket address (for reuse); the kernel reads it when the request runs.
     *
     * @param address an IPv4, IPv6 or Unix address
     * @return this operation
     */
    public T address(SockAddr address) {
        this.address = Objects.requireNonNull(address, "address");
        return self();
    }

    /** {@return the socket address} */
    public SockAddr address() {
        return address;
    }

    @Override
    public void encode(Sqe sqe) {
        prep(sqe, address.segment().address(), 0, address.length());
    }
}
