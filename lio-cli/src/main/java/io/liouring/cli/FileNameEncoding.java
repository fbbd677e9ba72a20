package io.liouring.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line arguments as the bytes they are. The JVM decodes {@code argv} with the file name encoding fixed at
 * start-up ({@code sun.jnu.encoding}, from the locale; it cannot be set on the command line), and a name that is
 * not text in that encoding (a byte {@code \377} under UTF-8, any non-ASCII byte under {@code LC_ALL=C}) comes
 * back as another name. Such an argument is taken instead from {@code /proc/self/cmdline}, byte for byte, and
 * decoded by {@link FileNames#decode}, which keeps every byte.
 */
final class FileNameEncoding {
    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");

    private FileNameEncoding() {
    }

    /**
     * {@code args} with each argument that the file name encoding did not carry unchanged replaced by its exact
     * bytes from {@code /proc/self/cmdline}, decoded by {@link FileNames#decode}; {@code args} itself when all
     * were carried, or when the raw command line cannot be read.
     */
    static String[] exact(String[] args) {
        if (allAscii(args)) {
            return args; // the usual case: no need to read the raw command line
        }
        Charset encoding = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        List<byte[]> raw = rawArguments();
        if (raw.size() < args.length) {
            return args;
        }
        List<byte[]> ours = raw.subList(raw.size() - args.length, raw.size());
        String[] exact = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (!Arrays.equals(args[i].getBytes(encoding), ours.get(i))) {
                exact[i] = FileNames.decode(ours.get(i));
            }
        }
        return exact;
    }

    private static boolean allAscii(String[] args) {
        for (String arg : args) {
            for (int i = 0; i < arg.length(); i++) {
                if (arg.charAt(i) >= 0x80) {
                    return false;
                }
            }
        }
        return true;
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
