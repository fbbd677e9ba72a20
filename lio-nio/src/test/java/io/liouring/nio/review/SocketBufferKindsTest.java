package io.liouring.nio.review;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A buffer whose arena is closed must never reach the kernel: the JDK refuses it with IllegalStateException. */
class SocketBufferKindsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void aGatheringWriteFromAClosedArenaIsRefused(String provider) throws Exception {
        try (ChannelUnderTest under = ChannelUnderTest.open(provider);
             ChannelUnderTest.Pair pair = under.connect()) {
            Arena arena = Arena.ofShared();
            // one MiB each: mapped and unmapped on their own, so the kernel would meet EFAULT, not another's bytes
            ByteBuffer[] srcs = {arena.allocate(1 << 20).asByteBuffer(), arena.allocate(1 << 20).asByteBuffer()};
            arena.close();
            CompletableFuture<Long> written = new CompletableFuture<>();
            Throwable failure;
            try {
                pair.channel().write(srcs, 0, 2, 0, TimeUnit.SECONDS, null, new CompletionHandler<Long, Void>() {
                    @Override
                    public void completed(Long n, Void a) {
                        written.complete(n);
                    }

                    @Override
                    public void failed(Throwable e, Void a) {
                        written.completeExceptionally(e);
                    }
                });
                try {
                    failure = new AssertionError("wrote " + written.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS)
                            + " bytes of freed memory");
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            } catch (IllegalStateException thrown) {
                failure = thrown;
            }
            assertInstanceOf(IllegalStateException.class, failure, provider + ": " + failure);
        }
    }
}
