package io.liouring.nio.realapp;

import org.eclipse.jetty.util.resource.ResourceFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Eclipse Jetty serving static files, unchanged, on whatever default file system provider this JVM was started with
 * (run by {@link JettyOnDefaultProviderTest} once on lio-nio's and once on the JDK's): writes a {@link StaticSite},
 * asks Jetty's resources about it ({@link ResourceChecks}), starts a {@link JettyStaticServer} on it, and checks every
 * byte of what it serves in {@link StaticChecks}, {@link ListingChecks}, {@link ParallelLoad},
 * {@link AbortedDownloads}, {@link UploadChecks} and {@link ChangingFiles}; then stops it, and no descriptor may be
 * left open on the site. Prints {@code key=value} lines ({@code ok=…} for each part that passed; those whose key
 * contains {@code .result.} must be the same on both providers). A check that fails throws, and the JVM exits with
 * status 1. Its arguments: the directory to work in, and {@code virtual} for Jetty to handle requests on virtual
 * threads.
 */
public final class JettyWorkload {
    private JettyWorkload() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("provider=" + FileSystems.getDefault().provider().getClass().getName());
        Path root = Path.of(args[0]);
        boolean virtualThreads = args.length > 1 && args[1].equals("virtual");
        long start = System.nanoTime();
        StaticSite site = StaticSite.create(root);
        System.out.println("nonAsciiNames=" + site.nonAsciiNames);
        Path probe = site.dir.resolve(StaticSite.PAGE);
        try (SeekableByteChannel channel = Files.newByteChannel(probe); FileChannel file = FileChannel.open(probe)) {
            System.out.println("channel=" + channel.getClass().getName());
            System.out.println("fileChannel=" + file.getClass().getName());
        }
        System.out.println("ms.site=" + millisSince(start));
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
            System.out.println("resource.checked=" + ResourceChecks.run(site, resources, root));
            System.out.println("ok=resources");
            try (JettyStaticServer server = JettyStaticServer.start(site, resources, root.resolve("parts"),
                    virtualThreads)) {
                System.out.println("resourceProvider="
                        + server.siteResource.getPath().getFileSystem().provider().getClass().getName());
                int port = server.port();
                start = System.nanoTime();
                System.out.println("static.checked=" + StaticChecks.run(site, port));
                System.out.println("listing.checked=" + ListingChecks.run(site, port));
                System.out.println("ok=listing");
                System.out.println("ms.sequential=" + millisSince(start));
                start = System.nanoTime();
                System.out.println("parallel.checked=" + ParallelLoad.run(site, port));
                System.out.println("ok=parallel");
                System.out.println("ms.parallel=" + millisSince(start));
                System.out.println("aborted.checked=" + AbortedDownloads.run(site, port));
                System.out.println("ok=aborted");
                // Jetty drops the files of the abandoned responses as it notices: within seconds, none stays open
                List<String> open = OpenDescriptors.under(site.dir.toRealPath());
                for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                     !open.isEmpty() && System.nanoTime() < deadline; open = OpenDescriptors.under(site.dir.toRealPath())) {
                    Thread.sleep(50);
                }
                System.out.println("descriptorsAfterAborts=" + open.size() + " " + open);
                System.out.println("upload.checked=" + UploadChecks.run(site, root.resolve("parts"), port));
                System.out.println("ok=upload");
                start = System.nanoTime();
                System.out.println("changing.checked=" + ChangingFiles.run(site, port));
                System.out.println("ok=changing");
                System.out.println("ms.changing=" + millisSince(start));
                System.out.println("handledOnVirtualThreads=" + server.threadKinds.virtual());
                System.out.println("handledOnPlatformThreads=" + server.threadKinds.platform());
            }
        }
        List<String> open = OpenDescriptors.under(root.toRealPath());
        System.out.println("descriptorsAfterStop=" + open.size() + " " + open);
        System.out.println("ok=done");
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
