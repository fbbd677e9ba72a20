package io.liouring.internal;

import java.lang.foreign.Arena;

/** Child JVM of {@link LazyLinkingTest}: makes one libc call, {@code close(-1)}, and prints its result. */
public final class LazyLinkingChild {
    private LazyLinkingChild() {
    }

    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            System.out.println("close=" + Libc.close(Libc.newErrnoState(arena), -1));
        }
    }
}
