/** Benchmarks of lio-uring against its peers; run with {@code lio bench}. */
package io.liouring.bench;
