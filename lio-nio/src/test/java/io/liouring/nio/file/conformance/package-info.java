/**
 * Conformance suite for lio-nio's default {@code FileSystemProvider}, written from the JDK's Javadoc of
 * {@code FileChannel} (with {@code SeekableByteChannel}, {@code ScatteringByteChannel}, {@code GatheringByteChannel},
 * {@code InterruptibleChannel} and {@code FileLock}), {@code AsynchronousFileChannel} and the channel- and
 * stream-based methods of {@code Files}.
 *
 * <p>Every class extends {@link io.liouring.nio.file.conformance.FileSystemConformance}, so each test runs twice: on
 * the JDK's default file system and on lio-nio's ({@link io.liouring.nio.file.conformance.FileSystemUnderTest}).
 * Passing on the JDK shows that a test checks the specification rather than one implementation. Where the JDK
 * deviates from its own Javadoc, the test says so and asserts neither behaviour, or skips the JDK run with an
 * assumption naming the deviation.
 *
 * <p>Helpers: {@link io.liouring.nio.file.conformance.Blocked} (a call on its own thread that is expected to block),
 * {@link io.liouring.nio.file.conformance.Fifo} (a named pipe, whose reads block), and
 * {@link io.liouring.nio.file.conformance.OtherProcessLock} (a lock held by a child JVM).
 */
package io.liouring.nio.file.conformance;
