package lio.consumer;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.operation.Nop;

/**
 * One NOP through a ring, its completion printed. The argument, {@code module-path} or {@code class-path}, says how
 * it was launched; it checks that lio-uring was loaded that way, with native access enabled, and exits 1 if not.
 */
public final class NopCheck {
    public static void main(String[] args) {
        String launchedOn = args.length == 1 ? args[0] : "";
        Module lio = LioUring.class.getModule();
        boolean loadedAsExpected = switch (launchedOn) {
            case "module-path" -> "io.liouring".equals(lio.getName()) && "lio.consumer".equals(NopCheck.class.getModule().getName());
            case "class-path" -> !lio.isNamed();
            default -> throw new IllegalArgumentException("usage: NopCheck module-path|class-path");
        };
        if (!loadedAsExpected || !lio.isNativeAccessEnabled()) {
            System.err.println("on the " + launchedOn + ", lio-uring was loaded in " + lio
                    + ", native access " + (lio.isNativeAccessEnabled() ? "enabled" : "not enabled"));
            System.exit(1);
        }
        try (LioUring ring = new LioUring(8)) {
            ring.push(new Nop(), 42);
            ring.submit();
            Completion nop = ring.waitCompletion();
            System.out.println("NOP on the " + launchedOn + " (" + lio + "): userData " + nop.userData()
                    + ", result " + nop.resultOrThrow());
            if (nop.userData() != 42 || nop.result() != 0) {
                System.exit(1);
            }
        }
    }
}
