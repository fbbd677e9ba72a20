package io.liouring.nio.review;

import java.nio.file.FileSystems;
import java.util.spi.ToolProvider;

/**
 * The JDK's own compiler, unchanged, in a JVM whose default file system provider is lio-nio's (started by
 * {@link DefaultProviderJavacTest}): it lists the source path, reads the sources and writes the class files through
 * the provider. Arguments: those of {@code javac}. Prints the provider and {@code javac=<exit code>}.
 */
public final class DefaultProviderJavacChild {
    private DefaultProviderJavacChild() {
    }

    public static void main(String[] args) {
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        System.out.println("javac=" + javac.run(System.out, System.err, args));
    }
}
