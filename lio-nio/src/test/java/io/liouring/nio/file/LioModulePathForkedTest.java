package io.liouring.nio.file;

import io.liouring.LioUring;
import io.liouring.nio.file.modulepath.ModulePathChild;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * lio-nio as a named module on the module path ({@code io.liouring.nio}, which exports the provider's package as
 * the JDK requires) is the default provider of a class-path application.
 */
class LioModulePathForkedTest {
    private static String classesOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void theProviderLoadsFromItsNamedModule() throws Exception {
        String modulePath = classesOf(LioFileSystemProvider.class) + File.pathSeparator + classesOf(LioUring.class);
        ForkedJvm.Result child = ForkedJvm.run(ModulePathChild.class, classesOf(ModulePathChild.class),
                List.of(ForkedJvm.DEFAULT_PROVIDER, "--module-path", modulePath, "--add-modules", "io.liouring.nio",
                        "--enable-native-access=io.liouring,io.liouring.nio"));
        assertEquals(0, child.exitCode(), child.output());
        assertAll(
                () -> assertEquals(LioFileSystemProvider.class.getName(), child.value("provider")),
                () -> assertEquals("io.liouring.nio", child.value("module")),
                () -> assertEquals("true", child.value("roundTrip")),
                () -> assertEquals("z", child.value("lastByte")));
    }
}
