package io.liouring;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * What a restricted ring allows ({@code IORING_REGISTER_RESTRICTIONS}, Linux 5.10; {@code io_uring_register(2)},
 * {@code io_uring_register_restrictions(3)}): the operations it may run, the registrations it may make, and the
 * SQE flags requests may (or must) carry. Everything not listed is refused: a request with a disallowed opcode
 * or flag completes with {@code -EACCES}, a disallowed registration fails with {@code EACCES}.
 *
 * <p>Restrictions apply to a ring created with {@code Params.builder().rDisabled()}, before
 * {@link LioUring#enable()}; a ring takes them once. Immutable; build with {@link #builder()}.
 */
public final class Restrictions {
    static final int SIZE = 16;
    private static final int REGISTER_OP = 0;
    private static final int SQE_OP = 1;
    private static final int SQE_FLAGS_ALLOWED = 2;
    private static final int SQE_FLAGS_REQUIRED = 3;

    /** Each entry: the restriction kind in the high half, its u8 value in the low half. */
    private final int[] entries;

    private Restrictions(int[] entries) {
        this.entries = entries;
    }

    /** {@return a builder that allows nothing yet} */
    public static Builder builder() {
        return new Builder();
    }

    /** How many {@code struct io_uring_restriction} entries these are. */
    int count() {
        return entries.length;
    }

    /** Writes the {@code struct io_uring_restriction} array (16 bytes each) into zeroed memory. */
    void encode(MemorySegment array) {
        for (int i = 0; i < entries.length; i++) {
            array.set(JAVA_SHORT, (long) SIZE * i, (short) (entries[i] >>> 16));
            array.set(JAVA_BYTE, (long) SIZE * i + 2, (byte) entries[i]);
        }
    }

    /** Builds {@link Restrictions}. */
    public static final class Builder {
        private int[] entries = new int[8];
        private int count;
        private boolean flagsAllowed;
        private boolean flagsRequired;

        private Builder() {
        }

        /**
         * Allow these operations ({@code IORING_RESTRICTION_SQE_OP}).
         *
         * @param opcodes the opcodes requests may carry
         * @return this builder
         */
        public Builder allowOperations(Opcode... opcodes) {
            Objects.requireNonNull(opcodes, "opcodes");
            for (Opcode op : opcodes) {
                add(SQE_OP, Objects.requireNonNull(op, "opcode").code());
            }
            return this;
        }

        /**
         * Allow these {@code io_uring_register(2)} calls ({@code IORING_RESTRICTION_REGISTER_OP}).
         *
         * @param ops the register opcodes allowed
         * @return this builder
         */
        public Builder allowRegistrations(RegisterOp... ops) {
            Objects.requireNonNull(ops, "ops");
            for (RegisterOp op : ops) {
                add(REGISTER_OP, Objects.requireNonNull(op, "op").code());
            }
            return this;
        }

        /**
         * Requests may carry these SQE flags ({@code IORING_RESTRICTION_SQE_FLAGS_ALLOWED}); without this call
         * a request carrying any flag not {@linkplain #requireSqeFlags required} is refused.
         *
         * @param flags the flags requests may carry
         * @return this builder
         */
        public Builder allowSqeFlags(SqeFlags flags) {
            if (flagsAllowed) {
                throw new IllegalStateException("allowed SQE flags are already set: combine them with SqeFlags.and");
            }
            flagsAllowed = true;
            add(SQE_FLAGS_ALLOWED, Objects.requireNonNull(flags, "flags").bits());
            return this;
        }

        /**
         * Every request must carry these SQE flags ({@code IORING_RESTRICTION_SQE_FLAGS_REQUIRED}).
         *
         * @param flags the flags every request must carry
         * @return this builder
         */
        public Builder requireSqeFlags(SqeFlags flags) {
            if (flagsRequired) {
                throw new IllegalStateException("required SQE flags are already set: combine them with SqeFlags.and");
            }
            flagsRequired = true;
            add(SQE_FLAGS_REQUIRED, Objects.requireNonNull(flags, "flags").bits());
            return this;
        }

        private void add(int kind, int value) {
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, count * 2);
            }
            entries[count++] = kind << 16 | value;
        }

        /**
         * {@return the restrictions, to pass to {@link LioUring#registerRestrictions(Restrictions)}}
         *
         * @throws IllegalStateException if nothing is allowed: the ring could do nothing at all
         */
        public Restrictions build() {
            if (count == 0) {
                throw new IllegalStateException("restrictions allow nothing: allow at least one operation or registration");
            }
            return new Restrictions(Arrays.copyOf(entries, count));
        }
    }
}
