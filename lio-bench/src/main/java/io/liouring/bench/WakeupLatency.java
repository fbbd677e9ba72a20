package io.liouring.bench;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.internal.EventFd;
import io.liouring.operation.Read;
import org.HdrHistogram.Histogram;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast another thread wakes a loop asleep in {@code io_uring_enter}: the event loop's eventfd (a write that
 * completes the armed {@link Read} of the eventfd, as {@code io.liouring.async.Waker} does) against
 * {@link LioUring#postCompletion(long, int)} ({@code IORING_REGISTER_SEND_MSG_RING}, 6.13), which posts a completion
 * into the sleeping ring with no eventfd and no read to re-arm.
 *
 * <p>One round: the loop thread says it is going to sleep and calls {@code submitAndWait(1)}; the waker sees the
 * flag, lets the loop get into the kernel (50 µs of spinning), takes {@code t0}, wakes it, takes {@code t1} when
 * the wake call returns (what a submitter pays) and {@code t2} when the loop has reaped the wake-up and answered
 * through a counter (the whole wake-up). Both mechanisms run alternately in one process, {@code rounds} each per
 * pass after a warm-up pass.
 *
 * <p>{@code java --enable-native-access=ALL-UNNAMED -cp lio-bench/target/benchmarks.jar
 * io.liouring.bench.WakeupLatency [rounds] [passes]}
 */
public final class WakeupLatency {
    private static final long EVENTFD_READ = 1;
    private static final long POSTED = 2;
    private static final long SETTLE_NANOS = 50_000;

    private WakeupLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Histogram[] wakeEventFd = {new Histogram(TimeUnit.SECONDS.toNanos(10), 3), new Histogram(TimeUnit.SECONDS.toNanos(10), 3)};
        Histogram[] wakeMsgRing = {new Histogram(TimeUnit.SECONDS.toNanos(10), 3), new Histogram(TimeUnit.SECONDS.toNanos(10), 3)};
        run(true, rounds / 4, null);
        run(false, rounds / 4, null);
        for (int pass = 0; pass < passes; pass++) {
            run(true, rounds, wakeEventFd);
            run(false, rounds, wakeMsgRing);
        }
        System.out.printf("%-26s %12s %12s %12s %12s%n", "mechanism (ns)", "call p50", "call p99", "wake p50", "wake p99");
        print("eventfd + armed read", wakeEventFd);
        print("postCompletion (SEND_MSG)", wakeMsgRing);
    }

    private static void print(String name, Histogram[] h) {
        System.out.printf("%-26s %12d %12d %12d %12d%n", name, h[0].getValueAtPercentile(50),
                h[0].getValueAtPercentile(99), h[1].getValueAtPercentile(50), h[1].getValueAtPercentile(99));
    }

    /** {@code into[0]}: the wake call's cost; {@code into[1]}: until the loop answered; {@code null} to warm up. */
    private static void run(boolean eventFd, int rounds, Histogram[] into) throws InterruptedException {
        AtomicLong sleeping = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        try (Arena arena = Arena.ofShared(); LioUring ring = new LioUring(8)) {
            int efd = eventFd ? EventFd.create(EventFd.EFD_CLOEXEC) : -1;
            MemorySegment buffer = arena.allocate(8, 8);
            Thread loop = Thread.ofPlatform().name("loop").start(() -> {
                Read read = eventFd ? new Read(efd, buffer) : null;
                if (eventFd) {
                    ring.push(read, EVENTFD_READ);
                }
                for (int i = 0; i < rounds; i++) {
                    sleeping.set(i + 1);
                    ring.submitAndWait(1);
                    Completion c = ring.tryCompletion().orElseThrow();
                    if (c.userData() == EVENTFD_READ) {
                        ring.push(read, EVENTFD_READ);
                    } else if (c.userData() != POSTED) {
                        throw new AssertionError("unexpected completion " + c);
                    }
                    answered.set(i + 1);
                }
            });
            for (int i = 0; i < rounds; i++) {
                while (sleeping.get() != i + 1) {
                    Thread.onSpinWait();
                }
                long settle = System.nanoTime() + SETTLE_NANOS;
                while (System.nanoTime() < settle) {
                    Thread.onSpinWait();
                }
                long t0 = System.nanoTime();
                if (eventFd) {
                    EventFd.signal(efd);
                } else {
                    ring.postCompletion(POSTED, 0);
                }
                long t1 = System.nanoTime();
                while (answered.get() != i + 1) {
                    Thread.onSpinWait();
                }
                long t2 = System.nanoTime();
                if (into != null) {
                    into[0].recordValue(t1 - t0);
                    into[1].recordValue(t2 - t0);
                }
            }
            loop.join();
            if (eventFd) {
                io.liouring.Fd.close(efd);
            }
        }
    }
}
