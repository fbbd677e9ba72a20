package io.liouring;

import java.util.ArrayList;
import java.util.List;

/**
 * Which opcodes the running kernel supports ({@code IORING_REGISTER_PROBE}, 5.6; see
 * {@code io_uring_register(2)}). Immutable.
 */
public final class Probe {
    private final int lastOp;
    private final boolean[] supported;

    Probe(int lastOp, boolean[] supported) {
        this.lastOp = lastOp;
        this.supported = supported.clone();
    }

    /** {@return the highest opcode number this kernel knows} */
    public int lastOpcode() {
        return lastOp;
    }

    /**
     * {@return whether the kernel supports this opcode}
     *
     * @param opcode an opcode this library knows
     */
    public boolean isSupported(Opcode opcode) {
        return isSupported(opcode.code());
    }

    /**
     * {@return whether the kernel supports the opcode with this number}
     *
     * @param opcode an {@code sqe.opcode} value, known to this library or not
     */
    public boolean isSupported(int opcode) {
        return opcode >= 0 && opcode < supported.length && supported[opcode];
    }

    /** {@return the opcodes, known to this library, that the kernel supports} */
    public List<Opcode> supportedOpcodes() {
        List<Opcode> list = new ArrayList<>();
        for (Opcode op : Opcode.values()) {
            if (isSupported(op)) {
                list.add(op);
            }
        }
        return List.copyOf(list);
    }

    /** {@return how many opcodes the kernel supports, including any this library does not know} */
    public int supportedCount() {
        int n = 0;
        for (boolean s : supported) {
            n += s ? 1 : 0;
        }
        return n;
    }
}
