package io.liouring.internal;

import io.liouring.LioUring;
import io.liouring.RegisterOp;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What the core's other packages need from a {@link LioUring} and its users must not reach: a raw
 * {@code io_uring_register(2)} and the ring's dependents (the provided-buffer rings of {@code io.liouring.buffer}
 * use both). {@code LioUring} installs the one implementation when its class is initialised, which has happened
 * by the time anyone holds a ring; this package is not exported, so these stay out of the public API.
 */
public abstract class RingInternals {
    private static RingInternals installed;

    /** For {@code LioUring}'s static initialiser only. */
    protected RingInternals() {
    }

    /**
     * Called once, by {@code LioUring}'s static initialiser.
     *
     * @param internals the ring's implementation of these methods
     */
    public static synchronized void install(RingInternals internals) {
        if (installed != null) {
            throw new IllegalStateException("RingInternals are installed already");
        }
        installed = Objects.requireNonNull(internals, "internals");
    }

    /**
     * The implementation {@code LioUring} installed.
     *
     * @return the ring's internals
     */
    public static synchronized RingInternals of() {
        return installed;
    }

    /**
     * Raw {@code io_uring_register(2)}. The kernel may keep reading or writing memory that {@code arg} names after
     * this returns (a buffer ring and its buffers); keeping that memory alive until it is unregistered is the
     * caller's job.
     *
     * @param ring   the ring
     * @param op     the register opcode
     * @param name   what to call the call in an exception message
     * @param arg    native memory laid out as the opcode requires, or {@link MemorySegment#NULL}
     * @param nrArgs the opcode's {@code nr_args}
     * @return the kernel's non-negative result
     */
    public abstract int register(LioUring ring, RegisterOp op, String name, MemorySegment arg, int nrArgs);

    /**
     * Ties a resource built on the ring to it: the ring keeps it reachable, so that memory the kernel was given
     * with {@link #register} cannot be freed by the garbage collector while the kernel may still use it, and
     * closes it after the ring itself closes (by then {@link LioUring#isClosed()} is {@code true}, so the resource
     * only frees its own side). Idempotent.
     *
     * @param ring     the ring
     * @param resource the resource
     */
    public abstract void addDependent(LioUring ring, AutoCloseable resource);

    /**
     * Unties a resource of {@link #addDependent}: the ring no longer keeps it reachable nor closes it.
     *
     * @param ring     the ring
     * @param resource the resource
     */
    public abstract void removeDependent(LioUring ring, AutoCloseable resource);
}
