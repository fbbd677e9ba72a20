package io.liouring.review;

import io.liouring.Fd;
import io.liouring.async.EventLoop;
import io.liouring.file.AsyncFile;
import io.liouring.file.TransferFuture;
import io.liouring.operation.Nop;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: TransferFuture chains its next request from {@code stepDone}, a {@code whenComplete} callback that runs on
 * the loop thread. At the loop's maxRequests bound, {@code Admission.admit} on the loop thread throws
 * RejectedExecutionException (another thread took the permit the finished step had just given back); the exception
 * is swallowed by CompletableFuture (it only fails the unused stage whenComplete returned), so the TransferFuture and
 * its released() never complete: readFullyAsync/writeFullyAsync/AsyncFile.copy hang for good.
 *
 * <p>Probabilistic: submitters hammering the bound steal the permit between the step's release and re-acquire.
 */
class TransferStepsGoOnAtTheAdmissionBoundTest {
    private static final MethodHandle READ = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("read").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    @Test
    void aTransferAtTheBoundCompletesOrFailsButNeverHangs() throws Exception {
        int[] pipe = AsyncNative.pipe();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        try (EventLoop loop = EventLoop.builder().maxRequests(2).build(); Arena arena = Arena.ofShared()) {
            AtomicLong drained = new AtomicLong();
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment b = a.allocate(4096);
                    while (!stop.get()) {
                        long n = (long) READ.invokeExact(pipe[0], b, 4096L);
                        if (n <= 0) {
                            return;
                        }
                        drained.addAndGet(n);
                    }
                } catch (Throwable t) {
                    // ends the reader
                }
            }));
            for (int i = 0; i < 3; i++) {
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    while (!stop.get()) {
                        try {
                            loop.submit(new Nop()).join();
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                }));
            }
            AsyncFile out = AsyncFile.of(loop, pipe[1]);
            MemorySegment data = arena.allocate(256L << 20);
            TransferFuture transfer = out.writeFullyAsync(data, 0);
            try {
                long last = -1;
                while (true) {
                    try {
                        transfer.get(5, TimeUnit.SECONDS);
                        break;
                    } catch (TimeoutException e) {
                        if (drained.get() != last) {
                            last = drained.get(); // still moving
                            continue;
                        }
                        throw e;
                    }
                }
            } catch (ExecutionException e) {
                // a failure is an acceptable outcome; a hang is not
            } catch (TimeoutException e) {
                stop.set(true);
                java.lang.reflect.Field f = TransferFuture.class.getDeclaredField("current");
                f.setAccessible(true);
                io.liouring.async.IoFuture<?> current = (io.liouring.async.IoFuture<?>) f.get(transfer);
                fail("no progress for 5 s; the last step " + current + " is done=" + current.isDone()
                        + " released=" + current.released().isDone() + ", no next step; transfer=" + transfer
                        + "; writeFullyAsync never completed (drained " + drained.get() + " of " + data.byteSize()
                        + " bytes, loop inFlight=" + loop.inFlight() + "): a step's RejectedExecutionException was"
                        + " swallowed by whenComplete");
            } finally {
                stop.set(true);
                out.closeAsync();
            }
        } finally {
            stop.set(true);
            Fd.close(pipe[0]);
            for (Thread t : threads) {
                t.join(2000);
            }
        }
    }
}
