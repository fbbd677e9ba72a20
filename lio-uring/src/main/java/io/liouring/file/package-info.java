/**
 * Files through an {@link io.liouring.async.EventLoop}: {@link io.liouring.file.AsyncFile} opens, reads,
 * writes (single and full-length, plain and vectored), flushes, allocates, truncates, stats and closes a file,
 * each as a blocking call or a future, and reads, writes or copies whole files.
 */
package io.liouring.file;
