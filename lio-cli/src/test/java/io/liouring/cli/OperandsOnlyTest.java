package io.liouring.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command line of operands only, which {@link Lio#main} runs without picocli, gives the command that picocli's
 * parse of the same arguments gives: same class, and every field equal (options at their defaults, operands in
 * order), mixins included. Any other command line is left to picocli. And such a command, run as {@link Lio#main}
 * runs it, loads no picocli class at all, not even for the JVM's verifier (with lio's AOT cache, a class loaded
 * there means opening the jar).
 */
class OperandsOnlyTest {
    @ParameterizedTest
    @ValueSource(strings = {"stat", "stat f", "stat a - b", "stat help ./x", "cat", "cat -", "cat f g", "hash",
            "hash f", "hash - f f", "cp", "cp a", "cp a b", "cp a b dir"})
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
            "hash @args", "hash -V", "cp -r a b", "probe", "help stat", "--help", "bogus f"})
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

    @ParameterizedTest
    @ValueSource(strings = {"stat file", "cat file", "hash file", "cp file copy"})
    void anOperandsOnlyCommandLoadsNoPicocliClass(String command, @TempDir Path dir) throws IOException {
        Files.write(dir.resolve("file"), new byte[4096]);
        List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path"), Lio.class.getName()));
        java.addAll(List.of(command.split(" ")));

        Run.Result r = Run.tool(dir, new byte[0], List.of(), java.toArray(String[]::new));

        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().contains("io.liouring.cli.Lio "), r.out()); // the log is there
        assertEquals(List.of(), r.out().lines().filter(line -> line.contains("] picocli.")).toList());
    }
}
