package io.liouring;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * Records, for every test that passes, the opcodes it pushed to any ring, into
 * {@code target/opcode-coverage.txt}; {@link OpcodeCoverageCheck} then fails the build if an opcode the kernel
 * supports was never exercised by a passing test. Registered automatically (see junit-platform.properties).
 */
public final class OpcodeCoverageExtension implements BeforeEachCallback, AfterEachCallback {
    static final Path REPORT = Path.of("target", "opcode-coverage.txt");
    private static final BitSet SEEN = new BitSet(256);
    private static boolean truncated;

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (SEEN) {
            SEEN.clear();
        }
        LioUring.pushObserver = opcode -> {
            synchronized (SEEN) {
                SEEN.set(opcode);
            }
        };
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LioUring.pushObserver = null;
        if (context.getExecutionException().isPresent()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        synchronized (SEEN) {
            SEEN.stream().forEach(op -> lines.append(op).append(' ')
                    .append(context.getRequiredTestClass().getSimpleName()).append('#')
                    .append(context.getRequiredTestMethod().getName()).append('\n'));
        }
        write(lines.toString());
    }

    private static synchronized void write(String lines) {
        try {
            Files.createDirectories(REPORT.getParent());
            if (!truncated) {
                Files.writeString(REPORT, "");
                truncated = true;
            }
            Files.writeString(REPORT, lines, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
