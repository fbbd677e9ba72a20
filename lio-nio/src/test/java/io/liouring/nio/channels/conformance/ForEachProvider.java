package io.liouring.nio.channels.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the annotated test once for each provider of {@link Providers#all()}; the test takes a
 * {@link ProviderUnderTest} as its only parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.liouring.nio.channels.conformance.Providers#all")
@interface ForEachProvider {
}
