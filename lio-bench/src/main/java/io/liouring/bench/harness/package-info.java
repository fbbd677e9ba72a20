/**
 * What the benchmark runners share: options ({@link io.liouring.bench.harness.Options}), the machine description,
 * JSON, Markdown tables and report files, summaries of rounds, the test file of random bytes, the two sides of a
 * provider benchmark ({@link io.liouring.bench.harness.ProviderSide}), and the instruments
 * used by more than one benchmark (process CPU clock, per-thread JMH profiler).
 */
package io.liouring.bench.harness;
