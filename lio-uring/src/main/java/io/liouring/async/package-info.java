/**
 * The asynchronous layer: an {@link io.liouring.async.EventLoop} owns a ring on one thread and takes
 * operations from any thread, returning {@link io.liouring.async.IoFuture}s (or blocking, which parks
 * virtual threads without pinning their carriers), or reporting to a {@link io.liouring.async.RequestCallback}
 * without allocating. An {@link io.liouring.async.EventLoopGroup} spreads work
 * over several loops. Public JDK APIs only: no {@code --add-opens}, no JDK-internal pollers.
 */
package io.liouring.async;
