/**
 * Benchmark P5, virtual threads: 10 000 virtual threads doing O_DIRECT 4 KiB random reads through lio-uring's
 * blocking {@link io.liouring.file.AsyncFile} calls and through {@link java.nio.channels.FileChannel}
 * ({@link io.liouring.bench.vthreads.VirtualThreadReads}, one JVM per side, run by
 * {@link io.liouring.bench.vthreads.P5Runner}).
 */
package io.liouring.bench.vthreads;
