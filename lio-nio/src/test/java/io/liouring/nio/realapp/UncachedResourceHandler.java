package io.liouring.nio.realapp;

import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.handler.ResourceHandler;

/**
 * Jetty's {@link ResourceHandler} without its content cache and file mapping: every request opens the file again and
 * reads it through {@code Files.newByteChannel} from the requested offset, the path Jetty takes for files that it
 * does not cache.
 */
final class UncachedResourceHandler extends ResourceHandler {
    @Override
    protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized byteBufferPool) {
        return new ResourceHttpContentFactory(getBaseResource(), getMimeTypes(), byteBufferPool);
    }
}
