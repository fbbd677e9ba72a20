package io.liouring.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration on the command line as people type it: a number and a unit ({@code 5s}, {@code 100ms}, {@code 2m},
 * {@code 1.5h}, {@code 250us}, {@code 10ns}), or ISO-8601 as {@link Duration#parse} reads it ({@code PT5S}).
 * Negative durations are refused.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value.trim());
        if (duration == null || duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a duration (like 5s, 100ms, 2m or PT5S)");
        }
        return duration;
    }

    private static Duration parse(String value) {
        Matcher m = NUMBER_AND_UNIT.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long nanosPerUnit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L; // h
            };
            try {
                return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit))
                        .longValueExact());
            } catch (ArithmeticException e) {
                return null; // a fraction of a nanosecond, or more than 292 years
            }
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
