package io.liouring.misuse;

import io.liouring.LioUring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw-address entry points refuse a module without native access, as the JDK's restricted methods do, and the
 * typed operations do not. Built for real: a tiny module {@code lio.probe} is compiled from source at test time
 * against the core's classes, and both are defined as named modules in a new module layer, where only the core
 * (or, for the counter-check, the probe too) is given native access.
 */
class RawAddressAccessTest {
    private static final String MODULE_INFO = """
            module lio.probe {
                requires io.liouring;
                exports lio.probe;
            }
            """;

    /** Each method pushes one request through a fresh ring or loop and returns its result. */
    private static final String PROBE = """
            package lio.probe;

            import io.liouring.LioUring;
            import io.liouring.Opcode;
            import io.liouring.Operation;
            import io.liouring.async.EventLoop;
            import io.liouring.operation.Nop;
            import io.liouring.operation.UringCmd16;
            import io.liouring.operation.UringCmd128;

            import java.lang.reflect.InvocationTargetException;
            import java.util.Map;

            public final class Probe {
                /** A NOP entry written by hand: a custom operation. */
                private static final Operation HAND_WRITTEN_NOP = sqe -> sqe.opcode(Opcode.NOP);

                public static int typedNop() {
                    return pushOnRing(new Nop());
                }

                public static int handWrittenNop() {
                    return pushOnRing(HAND_WRITTEN_NOP);
                }

                public static int handWrittenNopOnLoop() {
                    try (EventLoop loop = EventLoop.open()) {
                        return loop.callResult(HAND_WRITTEN_NOP);
                    }
                }

                public static int driverCommand() {
                    new UringCmd16(0, 0);
                    return 0;
                }

                /** JDK code (Map.forEach) calls the constructor through a method reference written here. */
                public static int driverCommandThroughTheJdk() {
                    Map.of(0, 0).forEach(UringCmd16::new);
                    return 0;
                }

                public static int driverCommandByReflection() throws ReflectiveOperationException {
                    try {
                        UringCmd16.class.getConstructor(int.class, int.class).newInstance(0, 0);
                    } catch (InvocationTargetException e) {
                        throw (RuntimeException) e.getCause();
                    }
                    return 0;
                }

                public static int driverCommand128() {
                    new UringCmd128(0, 0);
                    return 0;
                }

                private static int pushOnRing(Operation operation) {
                    try (LioUring ring = new LioUring(2)) {
                        ring.push(operation, 7);
                        ring.submit();
                        return ring.waitCompletion().result();
                    }
                }
            }
            """;

    @TempDir
    static Path dir;
    private static Path coreClasses;
    private static Path probeClasses;

    @BeforeAll
    static void compileTheProbeModule() throws Exception {
        coreClasses = Path.of(LioUring.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(coreClasses.resolve("module-info.class")), "the core is an exploded module: "
                + coreClasses);
        Path sources = Files.createDirectories(dir.resolve("src/lio/probe"));
        Files.writeString(dir.resolve("src/module-info.java"), MODULE_INFO);
        Files.writeString(sources.resolve("Probe.java"), PROBE);
        probeClasses = dir.resolve("classes");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        int status = javac.run(out, out, "--module-path", coreClasses.toString(),
                "-d", probeClasses.toString(), dir.resolve("src/module-info.java").toString(),
                sources.resolve("Probe.java").toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHandWrittenEntryFromAModuleWithoutNativeAccessIsRefusedAtPush() {
        IllegalCallerException e = refused("handWrittenNop");
        assertTrue(e.getMessage().contains("a custom operation lets the kernel read and write memory"), e.getMessage());
        assertTrue(e.getMessage().contains("module lio.probe does not have"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run with --enable-native-access=lio.probe"), e.getMessage());
    }

    @Test
    void aHandWrittenEntryFromAModuleWithoutNativeAccessIsRefusedByTheEventLoop() {
        IllegalCallerException e = refused("handWrittenNopOnLoop");
        assertTrue(e.getMessage().endsWith("--enable-native-access=lio.probe"), e.getMessage());
    }

    @Test
    void aDriverCommandOfRawBytesFromAModuleWithoutNativeAccessIsRefused() {
        IllegalCallerException e16 = refused("driverCommand");
        assertTrue(e16.getMessage().startsWith("UringCmd16, a driver command of raw bytes,"), e16.getMessage());
        assertTrue(e16.getMessage().contains("lio.probe.Probe"), "names the caller: " + e16.getMessage());
        IllegalCallerException throughTheJdk = refused("driverCommandThroughTheJdk");
        assertTrue(throughTheJdk.getMessage().contains("module lio.probe does not have"), throughTheJdk.getMessage());
        IllegalCallerException byReflection = refused("driverCommandByReflection");
        assertTrue(byReflection.getMessage().contains("lio.probe.Probe,"), byReflection.getMessage());
        IllegalCallerException e128 = refused("driverCommand128");
        assertTrue(e128.getMessage().startsWith("UringCmd128, a driver command of raw bytes,"), e128.getMessage());
    }

    @Test
    void typedOperationsNeedNoNativeAccess() throws Exception {
        assertEquals(0, call(layer(false), "typedNop"), "a NOP completes with 0");
    }

    @Test
    void aModuleWithNativeAccessMayWriteEntriesByHand() throws Exception {
        ModuleLayer trusted = layer(true);
        assertEquals(0, call(trusted, "handWrittenNop"), "the hand-written NOP reached the kernel and completed");
        assertEquals(0, call(trusted, "handWrittenNopOnLoop"));
        assertEquals(0, call(trusted, "driverCommand"));
        assertEquals(0, call(trusted, "driverCommandThroughTheJdk"));
        assertEquals(0, call(trusted, "driverCommandByReflection"));
    }

    private static IllegalCallerException refused(String method) {
        ModuleLayer untrusted = layer(false);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> call(untrusted, method));
        return assertInstanceOf(IllegalCallerException.class, thrown.getCause());
    }

    /** A layer with the core and the probe as named modules; the core has native access, the probe as asked. */
    private static ModuleLayer layer(boolean probeHasNativeAccess) {
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(coreClasses, probeClasses), ModuleFinder.of(), Set.of("lio.probe"));
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(configuration,
                List.of(ModuleLayer.boot()), ClassLoader.getPlatformClassLoader());
        ModuleLayer layer = controller.layer();
        controller.enableNativeAccess(layer.findModule("io.liouring").orElseThrow());
        if (probeHasNativeAccess) {
            controller.enableNativeAccess(layer.findModule("lio.probe").orElseThrow());
        }
        return layer;
    }

    private static int call(ModuleLayer layer, String method) throws Exception {
        Class<?> probe = layer.findLoader("lio.probe").loadClass("lio.probe.Probe");
        assertTrue(probe.getModule().isNamed(), "the probe runs as a named module");
        Method m = probe.getMethod(method);
        return (int) m.invoke(null);
    }
}
