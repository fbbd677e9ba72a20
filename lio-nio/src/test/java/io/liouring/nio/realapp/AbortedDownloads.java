package io.liouring.nio.realapp;

import io.liouring.nio.realserver.HttpConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Downloads that the client gives up: {@value #DOWNLOADS} connections, {@value #AT_ONCE} at a time, each asks for a
 * large file (uncached, mapped, or from the jar without cache), reads the first bytes and their check, and closes
 * the connection with the rest unread, so that Jetty fails its write and drops the file it was reading, on whatever
 * thread notices. Afterwards every such file must still come whole on a new connection; that no descriptor is left
 * open on the site's files is checked by {@link JettyWorkload}.
 */
final class AbortedDownloads {
    static final int DOWNLOADS = 24;
    private static final int AT_ONCE = 8;
    /** Bytes read before giving up: enough that Jetty has read the file and is blocked on a full socket. */
    private static final int READ_BEFORE_CLOSE = 256 * 1024;

    private AbortedDownloads() {
    }

    /** Runs the downloads against {@code port}; returns how many requests were checked. */
    static int run(StaticSite site, int port) throws Exception {
        List<String[]> downloads = List.of(
                new String[]{JettyStaticServer.DIRECT, "large/l1.bin"},
                new String[]{JettyStaticServer.SITE, "large/l0.bin"},
                new String[]{JettyStaticServer.JAR_DIRECT, "big.bin"});
        List<Future<?>> done = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            for (int d = 0; d < DOWNLOADS; d++) {
                String[] download = downloads.get(d % downloads.size());
                StaticSite.Item item = item(site, download);
                String target = StaticSite.target(download[0], item.path());
                done.add(pool.submit(() -> {
                    abandon(port, target, item);
                    return null;
                }));
            }
            for (Future<?> download : done) {
                download.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (HttpConnection http = new HttpConnection(port, 60_000)) {
            for (String[] download : downloads) {
                StaticSite.Item item = item(site, download);
                StaticRequests.full(http, StaticSite.target(download[0], item.path()), item, Map.of());
            }
        }
        return DOWNLOADS + downloads.size();
    }

    private static StaticSite.Item item(StaticSite site, String[] download) {
        return download[0].equals(JettyStaticServer.JAR_DIRECT) ? site.jarFiles.get(download[1])
                : site.files.get(download[1]);
    }

    /** Asks for the first part of {@code item} as a range it will not finish reading: checks what it reads. */
    private static void abandon(int port, String target, StaticSite.Item item) throws IOException {
        HttpConnection http = new HttpConnection(port, 60_000);
        try {
            http.get(target, Map.of());
            StaticRequests.prefix(http, target, item, READ_BEFORE_CLOSE);
        } finally {
            http.close();
        }
    }
}
