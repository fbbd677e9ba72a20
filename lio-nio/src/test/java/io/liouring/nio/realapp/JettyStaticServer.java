package io.liouring.nio.realapp;

import org.eclipse.jetty.http.CompressedContentFormat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * Eclipse Jetty, unchanged, serving a {@link StaticSite} on an ephemeral port of 127.0.0.1 with its
 * {@link ResourceHandler} in three contexts:
 * <ul>
 *   <li>{@value #SITE}: the site's directory as Jetty serves it by default, files under 1 MiB cached in memory (and
 *       revalidated by modification time after a second), larger ones mapped; ETags, directory listings and the gzip
 *       variants of files on;
 *   <li>{@value #DIRECT}: the same directory without cache or mapping ({@link UncachedResourceHandler});
 *   <li>{@value #JAR}: the site's jar, {@code jar:file:…!/static/}, which Jetty mounts as a zip file system (which
 *       reads the jar through one channel of the default provider that all of Jetty's threads share);
 *   <li>{@value #JAR_DIRECT}: the same jar without cache;
 *   <li>{@value #UPLOAD}: an {@link UploadHandler} saving into the site's {@value StaticSite#UPLOADS} directory.
 * </ul>
 */
final class JettyStaticServer implements AutoCloseable {
    static final String SITE = "/site";
    static final String DIRECT = "/direct";
    static final String JAR = "/jar";
    static final String JAR_DIRECT = "/jardirect";
    static final String UPLOAD = "/upload";

    private final Server server;
    /** The site directory's resource, for the provider of its path. */
    final Resource siteResource;
    /** On which kinds of thread Jetty handled the requests. */
    final ThreadKindCounter threadKinds;

    private JettyStaticServer(Server server, Resource siteResource, ThreadKindCounter threadKinds) {
        this.server = server;
        this.siteResource = siteResource;
        this.threadKinds = threadKinds;
    }

    /**
     * Starts the server; {@code resources} makes (and mounts) the resources, and is closed by the caller; uploads keep
     * their temporary files in {@code parts}. With {@code virtualThreads}, Jetty hands requests to virtual threads
     * ({@link QueuedThreadPool#setVirtualThreadsExecutor}).
     */
    static JettyStaticServer start(StaticSite site, ResourceFactory resources, Path parts, boolean virtualThreads)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        if (virtualThreads) {
            threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        Resource siteResource = resources.newResource(site.dir);
        ResourceHandler cached = new ResourceHandler();
        cached.setEtags(true);
        cached.setDirAllowed(true);
        cached.setPrecompressedFormats(CompressedContentFormat.GZIP);
        cached.setBaseResource(siteResource);
        ResourceHandler direct = new UncachedResourceHandler();
        direct.setEtags(true);
        direct.setDirAllowed(true);
        direct.setBaseResource(siteResource);
        ResourceHandler jar = new ResourceHandler();
        jar.setEtags(true);
        jar.setDirAllowed(true);
        Resource jarResource = resources.newResource(URI.create("jar:" + site.jar.toUri() + "!/"
                + StaticSite.JAR_BASE));
        jar.setBaseResource(jarResource);
        ResourceHandler jarDirect = new UncachedResourceHandler();
        jarDirect.setBaseResource(jarResource);
        ThreadKindCounter counter = new ThreadKindCounter(new ContextHandlerCollection(
                context(cached, SITE, siteResource),
                context(direct, DIRECT, siteResource), context(jar, JAR, jarResource),
                context(jarDirect, JAR_DIRECT, jarResource),
                new ContextHandler(new UploadHandler(parts, site.dir.resolve(StaticSite.UPLOADS)), UPLOAD)));
        server.setHandler(counter);
        server.start();
        return new JettyStaticServer(server, siteResource, counter);
    }

    /**
     * A context of {@code handler} at {@code path}, whose base is also {@code base}: the alias checker that
     * {@link ContextHandler} installs, which lets a symbolic link be served, allows only files under it.
     */
    private static ContextHandler context(ResourceHandler handler, String path, Resource base) {
        ContextHandler context = new ContextHandler(handler, path);
        context.setBaseResource(base);
        return context;
    }

    /** The port the server listens on. */
    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Stops the server. */
    @Override
    public void close() throws Exception {
        server.stop();
    }
}
