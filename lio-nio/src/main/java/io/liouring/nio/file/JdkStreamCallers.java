package io.liouring.nio.file;

/**
 * Recognises, from the calling thread's stack, the JDK methods that make the JDK's own file channel uninterruptible
 * but reach this provider through a plain {@code newByteChannel}: {@code Files.readAllBytes} (and
 * {@code Files.readString}, which calls it). A stack walk costs microseconds, so it is asked only when an interrupt
 * has to be decided on (see {@link Interrupts#AT_CALL_BOUNDARIES}), never on the way of an ordinary read.
 */
final class JdkStreamCallers {
    /** How many frames up to look: the channel's own frames, the stream's and {@code Files}' fit in it. */
    private static final int DEPTH = 32;
    /** Walks without class references (only names are compared). */
    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Not instantiable. */
    private JdkStreamCallers() {
    }

    /** Whether the current thread is inside {@code java.nio.file.Files.readAllBytes}. */
    static boolean insideReadAllBytes() {
        return WALKER.walk(frames -> frames.limit(DEPTH).anyMatch(frame ->
                frame.getMethodName().equals("readAllBytes") && frame.getClassName().equals("java.nio.file.Files")));
    }
}
