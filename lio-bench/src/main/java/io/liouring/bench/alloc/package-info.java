/**
 * Benchmark P6, allocation per operation: the async path ({@link io.liouring.bench.alloc.AsyncPathBenchmark}:
 * EventLoop submit of a reused operation and its future's completion, seen from a submitting thread), measured
 * with JMH {@code -prof gc} and {@link io.liouring.bench.harness.ThreadCostProfiler} (bytes per operation on each
 * thread: submitter, loop thread, others). The ring path (push/submit/reap of a reused Nop) is P1's
 * {@code NopBenchmark}, which {@link io.liouring.bench.alloc.P6Runner} runs too when it is on the class path.
 */
package io.liouring.bench.alloc;
