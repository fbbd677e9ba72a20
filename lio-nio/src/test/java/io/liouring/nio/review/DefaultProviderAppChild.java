package io.liouring.nio.review;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Everyday application code run in a JVM whose default file system provider is lio-nio's (started by
 * {@link DefaultProviderAppTest}): a jar written through the provider and read by a class loader with
 * {@link ServiceLoader}, and {@link Properties} stored and loaded. Prints {@code ok=...} lines; any exception fails the run.
 */
public final class DefaultProviderAppChild {
    private DefaultProviderAppChild() {
    }

    /** A service the jar names; loaded from the parent class loader. */
    public static final class Hello implements Runnable {
        /** The service loader's constructor. */
        public Hello() {
        }

        @Override
        public void run() {
            System.out.println("ok=service");
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        Path dir = Path.of(args[0]);

        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/java.lang.Runnable"));
            out.write((Hello.class.getName() + "\n").getBytes());
            out.putNextEntry(new JarEntry("data/resource.txt"));
            out.write("resource".getBytes());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                DefaultProviderAppChild.class.getClassLoader())) {
            try (InputStream in = loader.getResourceAsStream("data/resource.txt")) {
                System.out.println("ok=" + new String(in.readAllBytes()));
            }
            ServiceLoader.load(Runnable.class, loader).forEach(Runnable::run);
        }

        Properties stored = new Properties();
        stored.setProperty("key", "value ü");
        try (OutputStream out = Files.newOutputStream(dir.resolve("app.properties"))) {
            stored.store(out, "review");
        }
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("app.properties"))) {
            loaded.load(in);
        }
        System.out.println("ok=properties:" + loaded.getProperty("key").equals("value ü"));
    }
}
