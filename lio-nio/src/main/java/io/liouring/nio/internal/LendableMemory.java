package io.liouring.nio.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Set;

/**
 * Which direct buffers may go to the kernel as they are ("lent"), for lio-nio's file and socket channels: only memory
 * that nothing can free while the request holds the buffer. The JDK keeps an arena open during its own I/O by acquiring its session (internal
 * API: {@code Arena.close()} then throws {@code IllegalStateException}); no public API can do that, so a buffer
 * whose arena could be closed meanwhile is copied through pooled native memory instead.
 *
 * <p>Lent: {@code ByteBuffer.allocateDirect} and {@code FileChannel.map} buffers (freed only once unreachable),
 * segments of {@link Arena#global()} (never freed) and of {@link Arena#ofAuto()} (freed only once unreachable).
 * Copied: buffers of {@link Arena#ofShared()} and {@link Arena#ofConfined()} arenas, and anything not recognised.
 *
 * <p>How it is told: the global arena by its scope ({@code Scope.equals}, public API). The others cannot be told
 * apart with public API ({@code MemorySegment.Scope} offers only {@code isAlive}), so the implementation class
 * of the scope is recognised by name, as JDK 22 to 25 name them ({@code jdk.internal.foreign.GlobalSession},
 * its nested {@code HeapSession}, {@code ImplicitSession}). A JDK that names them otherwise makes every
 * direct buffer but the global arena's go through a copy: slower, never unsafe.
 */
public final class LendableMemory {
    /** The scope of the global arena, never closed. */
    private static final MemorySegment.Scope GLOBAL = Arena.global().scope();
    /** Scope classes of memory that cannot be freed while a segment of it is reachable (JDK 22 to 25). */
    private static final Set<String> NEVER_CLOSED = Set.of(
            "jdk.internal.foreign.GlobalSession",
            "jdk.internal.foreign.GlobalSession$HeapSession",
            "jdk.internal.foreign.ImplicitSession");
    /** A thread that never runs, so owns no arena: a confined segment is not accessible by it. */
    private static final Thread STRANGER = Thread.ofVirtual().unstarted(() -> { });
    /** Per scope class: whether it is one of {@link #NEVER_CLOSED}. */
    private static final ClassValue<Boolean> LENDABLE_CLASSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return NEVER_CLOSED.contains(type.getName());
        }
    };

    /** Not instantiable. */
    private LendableMemory() {
    }

    /**
     * Whether the kernel may use {@code segment} (of a direct buffer) directly: nothing but unreachability can free
     * it, and the request keeps it reachable.
     *
     * @param segment the segment of a direct buffer ({@code MemorySegment.ofBuffer})
     * @return {@code true} if it may go to the kernel without a copy
     */
    public static boolean isLendable(MemorySegment segment) {
        MemorySegment.Scope scope = segment.scope();
        return LENDABLE_CLASSES.get(scope.getClass()) || scope.equals(GLOBAL);
    }

    /**
     * Checks, before any I/O, that {@code segment} (of a buffer to be copied) can be used by this thread, as the
     * JDK's channels check a buffer's arena.
     *
     * @param segment the segment of the buffer
     * @throws IllegalStateException if its arena is closed
     * @throws WrongThreadException  if its arena is confined to another thread
     */
    public static void checkUsable(MemorySegment segment) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("Already closed");
        }
        if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException("Attempted access outside owning thread");
        }
    }

    /**
     * Whether {@code segment} is of a confined arena (usable by one thread only).
     *
     * @param segment the segment of a direct buffer
     * @return {@code true} if only its owner thread may touch it
     */
    public static boolean isConfined(MemorySegment segment) {
        return !segment.isAccessibleBy(STRANGER);
    }
}
