package io.liouring.nio.file;

import io.liouring.Operation;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.async.ResultMapper;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The rings an O_DIRECT file's blocking reads and writes are spread over: one lane per ring, each its own
 * descriptor owned through its own loop ({@link FdHandle}) and its own {@link DeviceQueue}. The first lane is the
 * file's own descriptor; each further lane has a {@code dup} of it ({@code fcntl(F_DUPFD_CLOEXEC)}: the same open file
 * description, so the same flags and OFD locks), on the {@link FileRings} loop that follows.
 *
 * <p><b>Why.</b> On a virtual machine, submitting an O_DIRECT read costs the submitting thread several microseconds
 * of kernel work (direct I/O setup, the block layer, the virtio kick), all inside the loop's {@code io_uring_enter}: one
 * ring's thread caps a file's reads (P8: one ring 73-89 k reads/s, two rings or 256 threads 104-112 k).
 *
 * <p><b>Routing.</b> A request goes to the lane with the fewest requests in its kernel queue and waiting, so the
 * lanes stay evenly loaded whatever threads call. How many lanes: {@value #RINGS_PROPERTY} (default
 * {@value #DEFAULT_RINGS}), at most the number of file loops ({@link FileRings}). The file's in-kernel bound
 * ({@link DeviceQueue#configuredDepth()}) is shared evenly among the lanes.
 *
 * <p><b>Closing.</b> Each lane's handle keeps its descriptor until its last request has completed, so a descriptor
 * number given back by one lane, and reused for another file, is never read through another lane: every lane
 * submits only on its own descriptor. The file closes all lanes ({@link #beginClosingBusy}, then the first lane, then
 * {@link #closeOthers}), so the cancellations of all rings run at once.
 */
final class DirectLanes {
    /** The system property that sets the number of rings per O_DIRECT file. */
    static final String RINGS_PROPERTY = "io.liouring.nio.directRings";
    /** The default number of rings per O_DIRECT file. */
    static final int DEFAULT_RINGS = 2;

    private final FdHandle[] handles;
    private final int[] fds;
    private final DeviceQueue[] queues;

    private DirectLanes(FdHandle[] handles, int[] fds, int depth) {
        this.handles = handles;
        this.fds = fds;
        this.queues = new DeviceQueue[handles.length];
        int perLane = Math.max(1, (depth + handles.length - 1) / handles.length);
        for (int i = 0; i < handles.length; i++) {
            queues[i] = new DeviceQueue(handles[i], perLane);
        }
    }

    /**
     * The lanes of a newly opened O_DIRECT file: its own descriptor and up to {@value #RINGS_PROPERTY} - 1
     * duplicates of it on the following file loops. A duplicate the kernel refuses ({@code EMFILE}) leaves fewer
     * lanes, not a failed open.
     *
     * @param file the file's handle, on one of the {@link FileRings} loops
     * @throws IllegalArgumentException if {@value #RINGS_PROPERTY} or the depth property is below 1
     */
    static DirectLanes open(FdHandle file) {
        List<EventLoop> loops = FileRings.startingWith(file.loop(), configuredRings());
        FdHandle[] handles = new FdHandle[loops.size()];
        int[] fds = new int[loops.size()];
        handles[0] = file;
        fds[0] = file.fd();
        int count = 1;
        IoScratch scratch = ScratchPool.take(0);
        try {
            for (; count < loops.size(); count++) {
                try {
                    file.withDescriptor(scratch.duplicate());
                } catch (ClosedChannelException e) {
                    break; // cannot happen for a file not yet handed out; fewer lanes then
                }
                if (scratch.result < 0) {
                    break;
                }
                fds[count] = (int) scratch.result;
                handles[count] = FdHandle.of(loops.get(count), fds[count]);
            }
        } finally {
            scratch.release();
        }
        if (count < handles.length) {
            handles = java.util.Arrays.copyOf(handles, count);
            fds = java.util.Arrays.copyOf(fds, count);
        }
        return new DirectLanes(handles, fds, DeviceQueue.configuredDepth());
    }

    /** {@return the number of rings from {@value #RINGS_PROPERTY}, or {@value #DEFAULT_RINGS}} */
    static int configuredRings() {
        int rings = Integer.getInteger(RINGS_PROPERTY, DEFAULT_RINGS);
        if (rings < 1) {
            throw new IllegalArgumentException(RINGS_PROPERTY + " must be at least 1: " + rings);
        }
        return rings;
    }

    /** {@return the number of lanes} */
    int count() {
        return handles.length;
    }

    /** {@return the handle of lane {@code i}, for tests} */
    FdHandle handle(int i) {
        return handles[i];
    }

    /**
     * Runs one blocking request on the least loaded lane and waits for it as {@link DeviceQueue#call} does.
     *
     * @param operation makes the request for the lane's descriptor number
     */
    int call(IntFunction<Operation> operation, ResultMapper<Integer> mapper) throws IOException {
        int lane = 0;
        if (queues.length > 1) {
            int least = queues[0].queued();
            for (int i = 1; i < queues.length && least > 0; i++) {
                int queued = queues[i].queued();
                if (queued < least) {
                    least = queued;
                    lane = i;
                }
            }
        }
        return queues[lane].call(operation.apply(fds[lane]), mapper);
    }

    /**
     * Begins closing each further lane that has requests in flight ({@link FdHandle#closeAsync()}: they are cancelled
     * now, in parallel with the first lane's); idle ones are left for {@link #closeOthers}, which closes them directly.
     */
    void beginClosingBusy() {
        for (int i = 1; i < handles.length; i++) {
            if (handles[i].inFlight() > 0) {
                handles[i].closeAsync();
            }
        }
    }

    /**
     * Closes every further lane ({@link FdHandle#closeDirectlyIfIdle()}): waits, except on a loop thread, until each
     * has given its descriptor back. All are closed even if one fails.
     *
     * @throws UringException the first failed {@code close}
     */
    void closeOthers() {
        UringException failure = null;
        for (int i = 1; i < handles.length; i++) {
            try {
                handles[i].closeDirectlyIfIdle();
            } catch (UringException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Begins closing every further lane without waiting (for the cleaner of a channel dropped while open). */
    void closeOthersAsync() {
        for (int i = 1; i < handles.length; i++) {
            handles[i].closeAsync();
        }
    }
}
