package io.liouring;

/**
 * A direct descriptor: the file in slot {@code slot} of a ring's registered-file table
 * ({@code io_uring_register_files(3)}), which requests name by that slot instead of by a descriptor of the process
 * (the kernel's "fixed file"). It is a type of its own so that a slot cannot be passed where a plain fd is meant,
 * or the other way round: the operations that take or create one ({@code Close}, {@code FixedFdInstall},
 * {@code MsgRingSendFd}, {@code AsyncCancel}, {@link SyncCancel}, and {@code direct(DirectFd)} of
 * {@code OpenAt}, {@code OpenAt2}, {@code Accept}, {@code Socket}, {@code Pipe}) take a {@code DirectFd}, and
 * plain fds stay {@code int}s.
 *
 * <p>One vocabulary throughout: an operation that creates a descriptor creates a normal fd by default,
 * {@code direct(slot)} puts it in a given slot, {@code directAllocate()} in a free slot the kernel picks (the
 * completion's result is then the slot: {@code new DirectFd(completion.result())}), and {@code normalFd()} goes
 * back to a normal fd. Other requests name a direct descriptor by its slot as their fd and are pushed with
 * {@link SqeFlags#FIXED_FILE}.
 *
 * @param slot the index in the registered-file table, from 0
 */
public record DirectFd(int slot) {
    /**
     * The direct descriptor in slot {@code slot}.
     *
     * @throws IllegalArgumentException if {@code slot} is negative or {@link Integer#MAX_VALUE} (the kernel takes
     *                                  {@code slot + 1} in a 32-bit field)
     */
    public DirectFd {
        if (slot < 0 || slot == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("slot must be between 0 and " + (Integer.MAX_VALUE - 1) + ": " + slot);
        }
    }
}
