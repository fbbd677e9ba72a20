/**
 * Files through an {@link io.liouring.async.EventLoop}: {@link io.liouring.file.AsyncFile} opens, reads,
 * writes (single and full-length, plain and vectored), flushes, allocates, truncates, stats and closes a file,
 * each as a blocking call or a future, and reads, writes or copies whole files ({@code copy_file_range(2)} and
 * {@code IORING_OP_SPLICE}, so that no byte of a copy passes through user memory).
 */
package io.liouring.file;
