/**
 * One class per io_uring opcode (and per form of an opcode), each a reusable {@link io.liouring.Operation} that
 * checks its arguments when they are set and writes its submission entry when pushed.
 *
 * <h2>Flags: one rule</h2>
 * Flags the caller gives are OR-ed with the flags an operation sets itself, never the other way round:
 * <ul>
 *   <li>The SQE flags of a push ({@code LioUring.push(op, userData, flags)}, {@code EventLoop.submit(op, flags)})
 *       are OR-ed with the ones the operation sets ({@code BUFFER_SELECT} of the provided-buffer forms,
 *       {@code FIXED_FILE} of {@link io.liouring.operation.FixedFdInstall}).</li>
 *   <li>A setter of a flags word ({@code flags(int)}, {@code msgFlags(int)}, {@code rwFlags(int)},
 *       {@code futexFlags(int)}) sets the caller's bits of that word and replaces what an earlier call of the same
 *       setter gave. The bits the operation sets itself, through a method of its own
 *       ({@code FD_IN_FIXED} of {@link io.liouring.operation.Splice#fdIn(io.liouring.DirectFd)}, {@code pollFirst()},
 *       {@code fixedBuffer(int)}) or
 *       because its form needs them (the multishot bit of {@code AcceptMulti}), are kept apart and OR-ed in when the
 *       entry is written, so no flags setter clears them.</li>
 * </ul>
 *
 * <p>None of these classes needs native access. Writing an entry by hand does: see {@link io.liouring.Operation}.
 */
package io.liouring.operation;
