package io.liouring.nio.file;

import io.liouring.nio.internal.RingSupport;

/**
 * A tuning knob of the file channels given as a system property whose value must be a positive whole number
 * ({@value FileRings#COUNT_PROPERTY}, {@value DeviceQueue#DEPTH_PROPERTY}). A value that is not one ({@code 0},
 * {@code -1}, {@code four}) is ignored: the default is used and {@link #logWarning()} says so once, at WARNING,
 * through the {@link System.Logger} named {@value RingSupport#LOGGER_NAME}. Refusing it instead would fail every file
 * the JVM opens, the JDK's own reads included, since this package's provider is the default file system.
 *
 * @param value   the value to use
 * @param warning what to log about an ignored value, or {@code null} if the property was absent or valid
 */
record TuningProperty(int value, String warning) {
    /** {@return the property {@code name}, or {@code defaultValue} with a warning if it is not a positive number} */
    static TuningProperty read(String name, int defaultValue) {
        String text = System.getProperty(name);
        if (text == null) {
            return new TuningProperty(defaultValue, null);
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return new TuningProperty(value, null);
            }
        } catch (NumberFormatException e) {
            // not a number: ignored below, as a number below one is
        }
        return new TuningProperty(defaultValue, "Ignoring -D" + name + "=" + text
                + ": not a positive whole number; using " + defaultValue);
    }

    /**
     * Logs the warning, if any. Called after the value is in use, since logging may open files through this package.
     */
    void logWarning() {
        if (warning != null) {
            System.getLogger(RingSupport.LOGGER_NAME).log(System.Logger.Level.WARNING, warning);
        }
    }
}
