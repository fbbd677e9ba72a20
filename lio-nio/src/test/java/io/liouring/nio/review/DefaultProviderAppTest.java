package io.liouring.nio.review;

import io.liouring.nio.file.LioFileSystemProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everyday application code, unchanged, with lio-nio's provider as the default (see {@link DefaultProviderAppChild}). */
class DefaultProviderAppTest {

    @Test
    void jarsServiceLoadingAndPropertiesWorkOnTheDefaultProvider(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Djava.nio.file.spi.DefaultFileSystemProvider=" + LioFileSystemProvider.class.getName(),
                "-cp", System.getProperty("java.class.path"), DefaultProviderAppChild.class.getName(), dir.toString()))
                .redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("provider=" + LioFileSystemProvider.class.getName()), output);
        for (String expected : List.of("ok=resource", "ok=service", "ok=properties:true")) {
            assertTrue(output.contains(expected), () -> "no " + expected + " in:\n" + output);
        }
    }
}
