package io.liouring.internal;

import java.util.Optional;
import java.util.Set;

/**
 * The gate of the core's raw entry points: the ones that let the kernel read or write an address the caller
 * chose (a hand-written submission entry, a driver command). Like the JDK's restricted methods
 * ({@code MemorySegment.reinterpret}, {@code Linker.downcallHandle}), they are open only to a module with native
 * access ({@code --enable-native-access=M}, the {@code Enable-Native-Access} manifest attribute, or
 * {@code ModuleLayer.Controller.enableNativeAccess}); any other module gets an {@link IllegalCallerException}
 * that names the flag.
 *
 * <p>Stricter than the JDK in one respect: where JDK 22 to 25 only warn when a module without native access calls
 * a restricted method, these entry points refuse. Code of this module is always let through, and so is every
 * caller when this module is on the class path: there it shares the unnamed module with the application, which
 * needs {@code --enable-native-access=ALL-UNNAMED} for the core to run at all.
 */
public final class NativeAccess {
    private static final Module CORE = NativeAccess.class.getModule();
    private static final Module JAVA_BASE = Object.class.getModule();
    /** Hidden frames too: a method reference's frame belongs to the module that wrote it, not to the JDK code calling it. */
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));

    private NativeAccess() {
    }

    /**
     * Lets {@code code} write raw submission entries only if its class belongs to this module or to a module with
     * native access. Cheap for the operations of this module: one comparison.
     *
     * @param code an operation, judged by its runtime class (a subclass or lambda counts as its own module's)
     * @param what what is refused, for the message
     * @throws IllegalCallerException if the class's module has no native access
     */
    public static void requireFor(Class<?> code, String what) {
        Module module = code.getModule();
        if (module != CORE && CORE.isNamed() && !module.isNativeAccessEnabled()) {
            throw refused(what, code, module);
        }
    }

    /**
     * Lets the calling code through only if its module has native access: the caller is the first frame on the
     * stack outside this module, as the JDK's restricted methods take their immediate caller. Frames of reflection
     * and method handles are skipped (the caller is who invoked them); the frame of a lambda or method reference
     * counts as its defining module's, also when JDK code calls it ({@code map.forEach(UringCmd16::new)}).
     *
     * @param what what is refused, for the message
     * @throws IllegalCallerException if the caller's module has no native access
     */
    public static void requireForCaller(String what) {
        if (!CORE.isNamed()) {
            return;
        }
        Optional<Class<?>> caller = WALKER.walk(frames -> frames
                .<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c.getModule() != CORE && !isCallMachinery(c))
                .findFirst());
        if (caller.isPresent() && !caller.get().getModule().isNativeAccessEnabled()) {
            throw refused(what, caller.get(), caller.get().getModule());
        }
    }

    /** Reflection and method-handle frames of the JDK, which stand between a caller and what it calls. */
    private static boolean isCallMachinery(Class<?> c) {
        if (c.getModule() != JAVA_BASE) {
            return false;
        }
        String pkg = c.getPackageName();
        return pkg.equals("java.lang.invoke") || pkg.equals("java.lang.reflect") || pkg.equals("jdk.internal.reflect");
    }

    private static IllegalCallerException refused(String what, Class<?> code, Module module) {
        String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return new IllegalCallerException(what + " lets the kernel read and write memory at addresses of its"
                + " choosing, so, like the JDK's restricted methods, it needs native access for the module of "
                + code.getName() + ", which " + module + " does not have: run with --enable-native-access=" + name);
    }
}
