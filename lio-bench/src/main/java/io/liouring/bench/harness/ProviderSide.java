package io.liouring.bench.harness;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One side of a benchmark of unchanged {@code java.nio} code (P8, P9): the same program in a child JVM, on the JDK's
 * own provider or on the one a system property names, such as
 * {@code -Djava.nio.channels.spi.AsynchronousChannelProvider=io.liouring.nio.channels.LioChannelProvider}. Only the
 * JVM options differ between the sides.
 *
 * @param name        {@code jdk} or {@code lio}, as in the JSON and on command lines
 * @param label       what the report calls it
 * @param property    the system property that selects the provider; empty for the JDK's side
 * @param provider    the provider's class name; empty for the JDK's side
 * @param missing     why this side cannot run (its provider class is not on the child's class path), or empty
 */
public record ProviderSide(String name, String label, String property, String provider, Optional<String> missing) {

    /** The JDK's built-in provider: no extra option. */
    public static ProviderSide jdk() {
        return new ProviderSide("jdk", "JDK provider", "", "", Optional.empty());
    }

    /**
     * lio-nio's provider, selected with {@code -Dproperty=provider}; {@link #missing} says so when {@code provider}
     * is not on {@code classpath} (looked up without initialising it).
     */
    public static ProviderSide lio(String property, String provider, String classpath) {
        Optional<String> missing = onClassPath(provider, classpath) ? Optional.empty()
                : Optional.of(provider + " is not on the class path (lio-nio's provider has not landed in this build):"
                        + " this side was not run");
        return new ProviderSide("lio", "lio-nio provider", property, provider, missing);
    }

    /** The JVM options that select this side's provider. */
    public List<String> jvmArgs() {
        return property.isEmpty() ? List.of() : List.of("-D" + property + "=" + provider);
    }

    /** The side in a report's JSON: name, JVM options, whether it ran, and why not. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", name);
        m.put("jvm_args", jvmArgs());
        m.put("run", runnable());
        missing.ifPresent(why -> m.put("not_run_because", why));
        return m;
    }

    /** Whether this side can run. */
    public boolean runnable() {
        return missing.isEmpty();
    }

    private static boolean onClassPath(String className, String classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("bad class path entry " + entry, e);
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
