/**
 * Benchmarks P2 (storage-bound 4 KiB random reads with O_DIRECT) and P3 (the same reads served from the page
 * cache): lio-uring rings side by side with fio's io_uring engine, {@code FileChannel} and
 * {@code AsynchronousFileChannel}, in one run. Started by {@code lio-bench/run-p2p3.sh}
 * ({@link io.liouring.bench.storage.RandomReadBench}). And P7, file copy: lio-uring's {@code AsyncFile.copy} vs
 * {@code FileChannel.transferTo} vs {@code cp}, warm and cold, started by {@code lio-bench/run-p7.sh}
 * ({@link io.liouring.bench.storage.CopyBench}).
 */
package io.liouring.bench.storage;
