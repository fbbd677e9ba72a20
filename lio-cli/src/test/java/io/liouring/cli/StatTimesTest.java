package io.liouring.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The times of {@code lio stat}: written out by {@link StatFormat#time(Instant, ZoneId)} as the
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z} formatter writes them, in zones with offsets of whole hours, of half
 * hours, of seconds (local mean times before standard time), negative and positive, and outside the years 1 to
 * 9999; and in a child process with {@code TZ} set (or not), the default output as GNU stat's.
 */
class StatTimesTest {
    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z");

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Africa/Monrovia",
            "Europe/Amsterdam", "America/St_Johns", "Pacific/Kiritimati", "Etc/GMT+12"})
    void timesAreWrittenAsTheFormatterWritesThem(String name) {
        ZoneId zone = ZoneId.of(name);
        Random random = new Random(name.hashCode());
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("0000-06-01T00:00:00Z"),
                Instant.parse("+10000-01-02T00:00:00Z"), Instant.parse("-0005-03-01T12:00:00Z"),
                Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("1930-07-01T00:00:00Z")));
        for (int i = 0; i < 2000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-4_000_000_000L, 8_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant t : instants) {
            assertEquals(FORMATTER.format(t.atZone(zone)), StatFormat.time(t, zone), t + " in " + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "UTC", ":UTC", "Etc/UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"})
    void theDefaultOutputHasStatsTimesWhateverTz(String tz, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("1999-07-15T10:20:30.123456789Z")));
        List<String> env = tz.isEmpty() ? List.of("env", "-u", "TZ") : List.of("env", "TZ=" + tz);

        Run.Result stat = Run.tool(dir, new byte[0], env, "stat", file.toString(), "/");
        Run.Result lio = Run.tool(dir, new byte[0], env, Run.lioCommand("stat", file.toString(), "/")
                .toArray(String[]::new));

        assertEquals(0, stat.exit(), stat.stderr());
        assertEquals(stat.out(), lio.out(), lio.stderr());
    }
}
