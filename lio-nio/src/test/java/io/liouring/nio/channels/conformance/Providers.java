package io.liouring.nio.channels.conformance;

import io.liouring.nio.channels.LioChannelProvider;

import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.stream.Stream;

/**
 * The providers every conformance test runs against: the JDK's own (the system-wide default while the selecting
 * system property is unset) and lio-uring's. Each provider is obtained once per JVM, as the JDK does with its
 * system-wide provider: a provider owns a default group, and a fresh provider per test would leak one.
 */
final class Providers {

    /** The system property with which the JDK selects its system-wide provider. */
    static final String SELECTING_PROPERTY = "java.nio.channels.spi.AsynchronousChannelProvider";

    private Providers() {
    }

    /** The arguments of every {@link ForEachProvider} test. */
    static Stream<ProviderUnderTest> all() {
        return Stream.of(jdk(), lio());
    }

    static ProviderUnderTest jdk() {
        return new ProviderUnderTest("JDK", Providers::jdkProvider);
    }

    static ProviderUnderTest lio() {
        return new ProviderUnderTest("LIO", () -> LioHolder.PROVIDER);
    }

    private static AsynchronousChannelProvider jdkProvider() {
        String selected = System.getProperty(SELECTING_PROPERTY);
        if (selected != null) {
            abort("-D" + SELECTING_PROPERTY + "=" + selected
                    + " is set, so AsynchronousChannelProvider.provider() is not the JDK's own provider");
        }
        return AsynchronousChannelProvider.provider();
    }

    /** lio-uring's provider, created on first use and kept for the JVM's life (it owns a default group). */
    private static final class LioHolder {
        static final AsynchronousChannelProvider PROVIDER = new LioChannelProvider();
    }
}
