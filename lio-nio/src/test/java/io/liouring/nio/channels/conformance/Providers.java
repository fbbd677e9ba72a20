package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assumptions.abort;

import java.lang.reflect.InvocationTargetException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.stream.Stream;

/**
 * The providers every conformance test runs against: the JDK's own (the system-wide default while the selecting
 * system property is unset) and lio-uring's, loaded by name so that this suite compiles and passes before that class
 * exists. Each provider is obtained once per JVM, as the JDK does with its system-wide provider: a provider owns a
 * default group, and a fresh provider per test would leak one.
 */
final class Providers {

    /** The system property with which the JDK selects its system-wide provider. */
    static final String SELECTING_PROPERTY = "java.nio.channels.spi.AsynchronousChannelProvider";

    /** The class name of lio-uring's provider (a public class with a public no-arg constructor). */
    static final String LIO_PROVIDER = "io.liouring.nio.channels.LioChannelProvider";

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
        return new ProviderUnderTest("LIO", () -> LioHolder.PROVIDER.get());
    }

    private static AsynchronousChannelProvider jdkProvider() {
        String selected = System.getProperty(SELECTING_PROPERTY);
        if (selected != null) {
            abort("-D" + SELECTING_PROPERTY + "=" + selected
                    + " is set, so AsynchronousChannelProvider.provider() is not the JDK's own provider");
        }
        return AsynchronousChannelProvider.provider();
    }

    /** Loads lio-uring's provider on first use; remembers why when it cannot. */
    private static final class LioHolder {
        static final Outcome PROVIDER = load();

        private static Outcome load() {
            try {
                Class<?> type = Class.forName(LIO_PROVIDER);
                return new Outcome((AsynchronousChannelProvider) type.getConstructor().newInstance(), null);
            } catch (ClassNotFoundException e) {
                return new Outcome(null, LIO_PROVIDER + " is not in this build yet (the implementation is written"
                        + " on another branch); this parameter runs once it is merged");
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(LIO_PROVIDER + " failed to construct", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(LIO_PROVIDER + " must be public with a public no-arg constructor", e);
            }
        }
    }

    private record Outcome(AsynchronousChannelProvider provider, String whyMissing) {
        AsynchronousChannelProvider get() {
            if (provider == null) {
                abort(whyMissing);
            }
            return provider;
        }
    }
}
