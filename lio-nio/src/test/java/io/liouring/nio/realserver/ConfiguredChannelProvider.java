package io.liouring.nio.realserver;

import java.nio.channels.spi.AsynchronousChannelProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Which {@link AsynchronousChannelProvider} this JVM runs on, checked against the one its start-up options chose, so a
 * test meant for lio-nio's provider cannot silently run on the JDK's (or the other way round).
 */
final class ConfiguredChannelProvider {
    /** The system property the JDK reads, once, on the first use of {@link AsynchronousChannelProvider#provider()}. */
    static final String PROPERTY = "java.nio.channels.spi.AsynchronousChannelProvider";

    private ConfiguredChannelProvider() {
    }

    /**
     * Asserts that the system-wide provider is the class named by {@link #PROPERTY}, or the JDK's own when the property
     * is not set, and returns its class name. Aborts the test (skipped, not failed) when the property names a class
     * that is not on the class path: checked without touching the provider, whose first use would fail for good.
     */
    static String expectConfigured() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            try {
                Class.forName(configured, false, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException e) {
                abort("-D" + PROPERTY + "=" + configured + " names a class that is not on the class path (yet):"
                        + " skipped; the run with the JDK's provider (surefire execution tomcat-jdk) still covers this test");
            }
        }
        String actual = AsynchronousChannelProvider.provider().getClass().getName();
        if (configured != null) {
            assertEquals(configured, actual, "the system-wide AsynchronousChannelProvider is not the configured one");
        } else {
            assertTrue(actual.startsWith("sun.nio.ch."), "no provider configured, so the JDK's was expected, but "
                    + actual + " is in use");
        }
        return actual;
    }
}
