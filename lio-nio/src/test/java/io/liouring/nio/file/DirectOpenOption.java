package io.liouring.nio.file;

import java.nio.file.OpenOption;

/** The JDK's {@code ExtendedOpenOption.DIRECT} (O_DIRECT), whose module the test module does not read at compile time. */
public final class DirectOpenOption {
    private DirectOpenOption() {
    }

    /** {@return {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}} */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static OpenOption get() throws ClassNotFoundException {
        Class type = Class.forName("com.sun.nio.file.ExtendedOpenOption");
        return (OpenOption) Enum.valueOf(type, "DIRECT");
    }
}
