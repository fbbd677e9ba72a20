package io.liouring.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Command-line arguments that Java cannot hand back as the bytes they were. The JVM decodes {@code argv} with the
 * file name encoding fixed at start-up ({@code sun.jnu.encoding}, from the locale; it cannot be set on the command
 * line), and encodes file names with it again. A name that is not text in that encoding (a byte {@code \377}
 * under UTF-8, any non-ASCII byte under {@code LC_ALL=C}) comes back as another name or none, so such an
 * argument is refused before anything is done, and named byte for byte, quoted as coreutils quotes it.
 */
final class FileNameEncoding {
    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");

    private FileNameEncoding() {
    }

    /**
     * The first of {@code args} that the file name encoding does not carry unchanged, as its raw bytes from
     * {@code /proc/self/cmdline}; empty if all are carried, or if the raw command line cannot be read.
     */
    static Optional<byte[]> firstUnrepresentable(String[] args) {
        List<byte[]> raw = rawArguments();
        if (raw.size() < args.length) {
            return Optional.empty();
        }
        Charset encoding = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        List<byte[]> ours = raw.subList(raw.size() - args.length, raw.size());
        for (int i = 0; i < args.length; i++) {
            if (!Arrays.equals(args[i].getBytes(encoding), ours.get(i))) {
                return Optional.of(ours.get(i));
            }
        }
        return Optional.empty();
    }

    /** The message for an argument refused by {@link #firstUnrepresentable}. */
    static String refusal(byte[] argument) {
        return ShellQuote.alwaysBytes(argument) + ": not a valid name in the file name encoding ("
                + System.getProperty("sun.jnu.encoding") + "); lio cannot take it";
    }

    private static List<byte[]> rawArguments() {
        byte[] all;
        try {
            all = Files.readAllBytes(COMMAND_LINE);
        } catch (IOException e) {
            return List.of();
        }
        List<byte[]> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                args.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return args;
    }
}
