/**
 * Virtual threads doing file I/O. Benchmark P5: 10 000 virtual threads doing O_DIRECT 4 KiB random reads through
 * lio-uring's blocking {@link io.liouring.file.AsyncFile} calls and through {@link java.nio.channels.FileChannel}
 * ({@link io.liouring.bench.vthreads.VirtualThreadReads}, one JVM per side, run by
 * {@link io.liouring.bench.vthreads.P5Runner}). Benchmark P8: unchanged {@code java.nio} file code on 10 000 virtual
 * threads, on the JDK's default file system provider and on lio-nio's
 * ({@link io.liouring.bench.vthreads.NioFileReads}, one JVM per side, run by {@link io.liouring.bench.vthreads.P8Runner}).
 */
package io.liouring.bench.vthreads;
