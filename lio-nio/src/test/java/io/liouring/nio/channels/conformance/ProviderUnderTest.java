package io.liouring.nio.channels.conformance;

import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.function.Supplier;

/**
 * One {@link AsynchronousChannelProvider} the conformance suite runs against: a short name for the test report and
 * the means to obtain it. {@link #provider()} aborts the test (an assumption, not a failure) when the provider is
 * not available in this build.
 */
public record ProviderUnderTest(String name, Supplier<AsynchronousChannelProvider> source) {

    /** The provider; aborts the calling test with the reason when it cannot be obtained. */
    public AsynchronousChannelProvider provider() {
        return source.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
