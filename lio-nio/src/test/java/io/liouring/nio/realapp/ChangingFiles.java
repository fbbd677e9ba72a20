package io.liouring.nio.realapp;

import io.liouring.nio.realserver.HttpConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.liouring.nio.realapp.JettyStaticServer.DIRECT;
import static io.liouring.nio.realapp.JettyStaticServer.SITE;
import static io.liouring.nio.realapp.StaticRequests.expect;
import static io.liouring.nio.realapp.StaticRequests.headers;

/**
 * Files that change between requests: rewritten in place (longer, then shorter), replaced by moving a new file over
 * a mapped one, deleted, and created after a request found them missing. The uncached context must serve the change
 * at once; the cached one once it has revalidated its entry by the file's modification time, which Jetty does when a
 * second has passed ({@link #REVALIDATION_MILLIS} are waited), with a new ETag.
 */
final class ChangingFiles {
    private static final long REVALIDATION_MILLIS = 1_200;

    private ChangingFiles() {
    }

    /** Runs the changes on one connection to {@code port}; returns how many requests were checked. */
    static int run(StaticSite site, int port) throws Exception {
        int checked = 0;
        try (HttpConnection http = new HttpConnection(port, 60_000)) {
            StaticSite.Item changing = site.files.get(StaticSite.CHANGING);
            StaticSite.Item mapped = site.files.get(StaticSite.CHANGING_MAPPED);
            StaticSite.Item doomed = site.files.get(StaticSite.DOOMED);
            StaticSite.Item late = site.files.get(StaticSite.LATE);
            String oldEtag = null;
            for (String context : List.of(SITE, DIRECT)) {
                HttpConnection.Response response = StaticRequests.full(http, target(context, changing), changing,
                        Map.of());
                oldEtag = context.equals(SITE) ? response.header("ETag") : oldEtag;
                StaticRequests.full(http, target(context, mapped), mapped, Map.of());
                StaticRequests.full(http, target(context, doomed), doomed, Map.of());
                missing(http, target(context, late));
                checked += 4;
            }
            StaticSite.Item longer = site.rewrite(StaticSite.CHANGING, 2, changing.length() + 2_000, false);
            StaticSite.Item moved = site.rewrite(StaticSite.CHANGING_MAPPED, 2, mapped.length() + 100, true);
            Files.delete(site.dir.resolve(doomed.path()));
            site.createLate();
            checked += changed(http, DIRECT, longer, moved, doomed, late);
            Thread.sleep(REVALIDATION_MILLIS);
            checked += changed(http, SITE, longer, moved, doomed, late);
            StaticRequests.Exchange stale = StaticRequests.exchange(http, "GET", target(SITE, longer),
                    headers("If-None-Match", oldEtag));
            expect(SITE + " " + longer.path() + " with its old ETag", 200, stale.response());
            if (oldEtag.equals(stale.header("ETag"))) {
                throw new AssertionError(SITE + " " + longer.path() + " kept its ETag " + oldEtag + " once changed");
            }
            StaticSite.Item shorter = site.rewrite(StaticSite.CHANGING, 3, changing.length() - 2_000, false);
            StaticRequests.full(http, target(DIRECT, shorter), shorter, Map.of());
            Thread.sleep(REVALIDATION_MILLIS);
            StaticRequests.full(http, target(SITE, shorter), shorter, Map.of());
            checked += 3;
        }
        return checked;
    }

    private static int changed(HttpConnection http, String context, StaticSite.Item longer, StaticSite.Item moved,
                               StaticSite.Item doomed, StaticSite.Item late) throws IOException {
        StaticRequests.full(http, target(context, longer), longer, Map.of());
        StaticRequests.full(http, target(context, moved), moved, Map.of());
        StaticRequests.range(http, target(context, moved), moved,
                new StaticRequests.Range(moved.length() - 200, moved.length() - 1));
        missing(http, target(context, doomed));
        StaticRequests.full(http, target(context, late), late, Map.of());
        return 5;
    }

    private static void missing(HttpConnection http, String target) throws IOException {
        expect(target, 404, StaticRequests.exchange(http, "GET", target, Map.of()).response());
    }

    private static String target(String context, StaticSite.Item item) {
        return StaticSite.target(context, item.path());
    }
}
