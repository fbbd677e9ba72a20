/**
 * The cost of single file operations of {@code java.nio} on platform threads, on the JDK's provider and on
 * lio-nio's, side by side in one JMH run ({@link io.liouring.bench.nio.PlatformFileOpsBenchmark}).
 */
package io.liouring.bench.nio;
