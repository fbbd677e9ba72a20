package io.liouring.nio.realapp;

import io.liouring.nio.realserver.HttpConnection;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.liouring.nio.realapp.JettyStaticServer.DIRECT;
import static io.liouring.nio.realapp.JettyStaticServer.JAR;
import static io.liouring.nio.realapp.JettyStaticServer.JAR_DIRECT;
import static io.liouring.nio.realapp.JettyStaticServer.SITE;
import static io.liouring.nio.realapp.StaticRequests.Range;
import static io.liouring.nio.realapp.StaticRequests.expect;
import static io.liouring.nio.realapp.StaticRequests.headers;

/**
 * The static file features of Jetty's {@code ResourceHandler}, one request at a time on one connection: every file
 * whole, ranges (single, suffix, past the end, unsatisfiable, several at once), HEAD, conditional requests, the
 * {@code Last-Modified} of a file with a set time, the welcome file, the gzip variant, a symbolic link, missing files,
 * and targets that Jetty must resolve through the file system (aliases, case, trailing slashes). Prints
 * {@code static.result.…} lines, which must be the same on both providers.
 */
final class StaticChecks {
    private static final List<String> ODD_TARGETS = List.of("/site/small/../small/f001.bin", "/site/SMALL/f001.bin",
            "/site/small/f001.bin/", "/site/small", "/site/./small/f002.bin", "/site/small//f002.bin",
            "/site/small/f001.bin%00", "/site/%2e%2e/site.jar", "/jar/../site.jar", "/site/page.html.gz",
            "/site/link-f001.bin/", "/direct/names", "/jar/j001.bin/", "/jar", "/jar/%C3%BCn%C3%AF");

    private StaticChecks() {
    }

    /** Runs every check on one connection to {@code port}; returns how many requests were checked. */
    static int run(StaticSite site, int port) throws IOException {
        int checked = 0;
        try (HttpConnection http = new HttpConnection(port, 60_000)) {
            checked += everyFile(http, site);
            System.out.println("ok=everyFile");
            checked += ranges(http, site);
            System.out.println("ok=ranges");
            checked += conditionals(http, site);
            System.out.println("ok=conditionals");
            checked += features(http, site);
            System.out.println("ok=features");
        }
        return checked + odd(port);
    }

    private static int everyFile(HttpConnection http, StaticSite site) throws IOException {
        int checked = 0;
        for (StaticSite.Item item : site.files.values()) {
            if (item.path().startsWith("large/") || item.path().equals(StaticSite.LATE)) {
                continue;
            }
            for (String context : List.of(SITE, DIRECT)) {
                StaticRequests.full(http, StaticSite.target(context, item.path()), item, Map.of());
                checked++;
            }
        }
        for (StaticSite.Item item : site.jarFiles.values()) {
            for (String context : List.of(JAR, JAR_DIRECT)) {
                StaticRequests.full(http, StaticSite.target(context, item.path()), item, Map.of());
                checked++;
            }
        }
        return checked;
    }

    private static int ranges(HttpConnection http, StaticSite site) throws IOException {
        int checked = 0;
        for (String context : List.of(SITE, DIRECT, JAR, JAR_DIRECT)) {
            List<StaticSite.Item> items = context.startsWith(JAR) ? List.of(site.jarFiles.get("big.bin"))
                    : List.of(site.files.get("small/f005.bin"), site.files.get("mid/m2.bin"),
                    site.files.get("large/l0.bin"));
            for (StaticSite.Item item : items) {
                String target = StaticSite.target(context, item.path());
                long length = item.length();
                StaticRequests.range(http, target, item, new Range(0, 0));
                StaticRequests.range(http, target, item, new Range(length - 1, length - 1));
                StaticRequests.range(http, target, item, new Range(1_000, 49_999));
                StaticRequests.partial(http, target, item, "bytes=" + (length - 10) + "-" + (length + 100),
                        new Range(length - 10, length - 1));
                StaticRequests.partial(http, target, item, "bytes=" + (length - 7) + "-",
                        new Range(length - 7, length - 1));
                StaticRequests.suffix(http, target, item, 1);
                StaticRequests.suffix(http, target, item, 4_097);
                StaticRequests.multipart(http, target, item, List.of(new Range(0, 99), new Range(1_000, 1_999),
                        new Range(length - 500, length - 1)));
                StaticRequests.Exchange beyond = StaticRequests.exchange(http, "GET", target,
                        Map.of("Range", "bytes=" + length + "-"));
                expect(target + " Range past the end", 416, beyond.response());
                if (!("bytes */" + length).equals(beyond.header("Content-Range"))) {
                    throw new AssertionError(target + ": 416 with Content-Range " + beyond.header("Content-Range"));
                }
                checked += 9;
            }
        }
        return checked;
    }

    /** HEAD and the validators: If-None-Match and If-Modified-Since give 304 when they match, the file otherwise. */
    private static int conditionals(HttpConnection http, StaticSite site) throws IOException {
        int checked = 0;
        for (String context : List.of(SITE, DIRECT, JAR)) {
            StaticSite.Item item = context.equals(JAR) ? site.jarFiles.get("j003.bin")
                    : site.files.get("small/f010.bin");
            String target = StaticSite.target(context, item.path());
            HttpConnection.Response got = StaticRequests.full(http, target, item, Map.of());
            String etag = got.header("ETag");
            String lastModified = got.header("Last-Modified");
            if (etag == null || lastModified == null) {
                throw new AssertionError(target + ": no ETag or Last-Modified: " + got.headers());
            }
            HttpConnection.Response head = StaticRequests.head(http, target, item);
            if (!etag.equals(head.header("ETag")) || !lastModified.equals(head.header("Last-Modified"))) {
                throw new AssertionError(target + ": HEAD's validators " + head.headers() + " are not GET's "
                        + got.headers());
            }
            for (Map<String, String> matching : List.of(headers("If-None-Match", etag),
                    headers("If-Modified-Since", lastModified), headers("If-None-Match", "\"other\", " + etag))) {
                StaticRequests.Exchange exchange = StaticRequests.exchange(http, "GET", target, matching);
                expect(target + " " + matching, 304, exchange.response());
            }
            for (Map<String, String> stale : List.of(headers("If-None-Match", "\"other\""),
                    headers("If-Modified-Since", "Thu, 01 Jan 1998 00:00:00 GMT"))) {
                StaticRequests.full(http, target, item, stale);
            }
            // If-Range with Jetty's weak ETag or a date: whichever Jetty answers, both providers must answer it
            for (String validator : List.of(etag, lastModified, "\"other\"")) {
                StaticRequests.Exchange exchange = StaticRequests.exchange(http, "GET", target,
                        headers("Range", "bytes=0-9", "If-Range", validator));
                String kind = validator.equals(etag) ? "etag" : validator.equals(lastModified) ? "date" : "other";
                System.out.println("static.result." + context + ".ifRange." + kind + "=" + exchange.status() + " "
                        + exchange.body().length);
            }
            checked += 10;
        }
        return checked;
    }

    private static int features(HttpConnection http, StaticSite site) throws IOException {
        int checked = 0;
        for (String context : List.of(SITE, DIRECT)) {
            StaticSite.Item fixed = site.files.get(StaticSite.FIXED_TIME);
            HttpConnection.Response response = StaticRequests.full(http, StaticSite.target(context, fixed.path()),
                    fixed, Map.of());
            if (!"Thu, 02 Jan 2020 03:04:05 GMT".equals(response.header("Last-Modified"))) {
                throw new AssertionError(context + ": Last-Modified of a file modified at "
                        + StaticSite.FIXED_INSTANT + ": " + response.header("Last-Modified"));
            }
            StaticSite.Item index = site.files.get(StaticSite.WELCOME + "/index.html");
            StaticRequests.full(http, context + "/" + StaticSite.WELCOME + "/", index, Map.of());
            StaticSite.Item target = site.files.get(StaticSite.LINK_TARGET);
            HttpConnection.Response link = StaticRequests.full(http, StaticSite.target(context, StaticSite.LINK),
                    target, Map.of());
            // the link's own time or its target's: whichever Jetty takes, both providers must give it
            System.out.println("static.result." + context + ".linkLastModified=" + link.header("Last-Modified"));
            for (String missing : List.of("missing.bin", "small/missing.bin", "nothing/at/all.bin")) {
                expect(context + "/" + missing, 404, StaticRequests.exchange(http, "GET",
                        StaticSite.target(context, missing), Map.of()).response());
            }
            checked += 6;
        }
        expect("/jar/missing.bin", 404, StaticRequests.exchange(http, "GET", "/jar/missing.bin", Map.of()).response());
        StaticSite.Item page = site.files.get(StaticSite.PAGE);
        StaticRequests.full(http, StaticSite.target(SITE, page.path()), page, Map.of());
        StaticRequests.Exchange gzip = StaticRequests.exchange(http, "GET", StaticSite.target(SITE, page.path()),
                headers("Accept-Encoding", "gzip"));
        expect("gzip " + page.path(), 200, gzip.response());
        if (!"gzip".equals(gzip.header("Content-Encoding")) || !Arrays.equals(site.precompressed, gzip.body())) {
            throw new AssertionError(page.path() + " with Accept-Encoding: gzip: not the bytes of its .gz file "
                    + gzip.response().headers());
        }
        return checked + 3;
    }

    /**
     * Targets whose answer depends on how Jetty resolves them on the file system: printed, for comparison. Each on a
     * connection of its own, as Jetty closes the connection of a request it rejects.
     */
    private static int odd(int port) throws IOException {
        for (String target : ODD_TARGETS) {
            StaticRequests.Exchange exchange;
            try (HttpConnection http = new HttpConnection(port, 60_000)) {
                exchange = StaticRequests.exchange(http, "GET", target, Map.of());
            }
            String location = exchange.header("Location");
            String path = location == null ? "" : " -> " + location.replaceFirst("^https?://[^/]*", "");
            // the length of a 200's body; an error page's names the port
            String length = exchange.status() == 200 ? " " + exchange.body().length : "";
            System.out.println("static.result.odd." + target + "=" + exchange.status() + length + path);
            if (exchange.status() >= 500) {
                System.out.println("odd.serverError." + target + "=" + exchange.text().replaceAll("\\s+", " "));
            }
        }
        return ODD_TARGETS.size();
    }
}
