package io.liouring.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A command line of operands only, which {@link Lio#main} runs without picocli, gives the command that picocli's
 * parse of the same arguments gives: same class, and every field equal (options at their defaults, operands in
 * order), mixins included. Any other command line is left to picocli.
 */
class OperandsOnlyTest {
    @ParameterizedTest
    @ValueSource(strings = {"stat", "stat f", "stat a - b", "stat help ./x", "cat", "cat -", "cat f g", "hash",
            "hash f", "hash - f f"})
    void operandsOnlyGiveTheCommandThatPicocliBuilds(String line) throws IllegalAccessException {
        String[] args = line.split(" ");
        Object ours = OperandsOnly.command(args);
        CommandLine.ParseResult parsed = Lio.commandLine(args).parseArgs(args);
        Object picocli = parsed.subcommand().commandSpec().userObject();

        assertNotNull(ours, line);
        assertSameState(picocli, ours, line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stat -L f", "stat --help", "stat -c %s f", "cat -- f", "cat -n f",
            "hash @args", "hash -V", "cp a b", "probe", "help stat", "--help", "bogus f"})
    void everyOtherCommandLineIsLeftToPicocli(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertNull(OperandsOnly.command(args), line);
    }

    /** Equal fields, compared by value, descending into picocli's mixins; the model picocli injects is skipped. */
    private static void assertSameState(Object expected, Object actual, String line) throws IllegalAccessException {
        assertEquals(expected.getClass(), actual.getClass(), line);
        for (Field field : expected.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isAnnotationPresent(CommandLine.Spec.class)) {
                continue;
            }
            field.setAccessible(true);
            Object e = field.get(expected);
            Object a = field.get(actual);
            if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                assertSameState(e, a, line + ": " + field.getName());
            } else {
                assertEquals(e, a, line + ": " + field.getName());
            }
        }
    }
}
