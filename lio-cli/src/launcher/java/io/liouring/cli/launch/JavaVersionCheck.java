package io.liouring.cli.launch;

import java.lang.reflect.InvocationTargetException;

/**
 * The entry point of {@code lio.jar}, compiled for Java 8 so that any Java can load it: on Java 22 or newer it runs
 * the tool ({@code io.liouring.cli.Lio}); on an older one it says what is needed instead of failing with
 * {@code UnsupportedClassVersionError}.
 */
public final class JavaVersionCheck {
    private static final int NEEDED = 22;

    private JavaVersionCheck() {
    }

    /** Runs {@code lio} with {@code args}, or exits with status 1 and a message if this Java is too old. */
    public static void main(String[] args) throws Throwable {
        String version = System.getProperty("java.specification.version", "0");
        int feature = version.startsWith("1.") ? Integer.parseInt(version.substring(2)) : Integer.parseInt(version);
        if (feature < NEEDED) {
            System.err.println("lio: lio-uring needs Java " + NEEDED + " or newer; this is Java " + version + " ("
                    + System.getProperty("java.home") + ")");
            System.exit(1);
        }
        try {
            Class.forName("io.liouring.cli.Lio").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
