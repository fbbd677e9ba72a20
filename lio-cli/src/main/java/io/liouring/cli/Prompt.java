package io.liouring.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * A yes-or-no question on stderr, answered on stdin, as coreutils asks it ({@code cp -i}): the answer is yes when
 * its line starts with {@code y} or {@code Y}; no answer (end of input) is no.
 */
final class Prompt {
    private Prompt() {
    }

    /** Asks {@code question} (printed as it is, without a newline) and reads one line of answer. */
    static boolean yes(String question) {
        System.err.print(question);
        System.err.flush();
        InputStream in = System.in;
        try {
            int first = in.read();
            int c = first;
            while (c != -1 && c != '\n') {
                c = in.read();
            }
            return first == 'y' || first == 'Y';
        } catch (IOException e) {
            return false;
        }
    }
}
