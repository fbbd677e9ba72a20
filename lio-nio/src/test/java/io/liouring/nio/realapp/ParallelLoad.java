package io.liouring.nio.realapp;

import io.liouring.nio.realserver.HttpConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many keep-alive connections at once: {@value #CONNECTIONS} connections each make {@value #REQUESTS} requests for
 * files drawn at random (from its own seed) among the small files, the names outside ASCII, the files of the jar and
 * ranges of the mapped ones, through all the contexts; whole files, single ranges, suffix ranges and HEADs. Beside
 * them, one connection per context and large file downloads it whole and two ranges of it. Every byte is checked.
 */
final class ParallelLoad {
    static final int CONNECTIONS = 32;
    static final int REQUESTS = 48;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private ParallelLoad() {
    }

    /** Runs the load against {@code port}; returns how many requests were checked. Throws the first failure. */
    static int run(StaticSite site, int port) throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 4);
        try {
            for (int c = 0; c < CONNECTIONS; c++) {
                long seed = 1_000 + c;
                results.add(pool.submit(() -> randomRequests(site, port, new SplittableRandom(seed))));
            }
            for (String context : List.of(JettyStaticServer.SITE, JettyStaticServer.DIRECT)) {
                for (StaticSite.Item large : site.under("large/")) {
                    results.add(pool.submit(() -> largeFile(port, context, large)));
                }
            }
            int checked = 0;
            for (Future<Integer> result : results) {
                checked += result.get(120, TimeUnit.SECONDS);
            }
            return checked;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int randomRequests(StaticSite site, int port, SplittableRandom random) throws Exception {
        List<StaticSite.Item> small = new ArrayList<>(site.under("small/"));
        small.addAll(site.under("names/"));
        List<StaticSite.Item> mapped = site.under("mid/");
        List<StaticSite.Item> jar = new ArrayList<>(site.jarFiles.values());
        try (HttpConnection http = new HttpConnection(port, READ_TIMEOUT_MILLIS)) {
            for (int r = 0; r < REQUESTS; r++) {
                int pick = random.nextInt(10);
                String context = random.nextBoolean() ? JettyStaticServer.SITE : JettyStaticServer.DIRECT;
                StaticSite.Item item;
                if (pick < 2) {
                    context = random.nextBoolean() ? JettyStaticServer.JAR : JettyStaticServer.JAR_DIRECT;
                    item = jar.get(random.nextInt(jar.size()));
                } else if (pick < 4) {
                    item = mapped.get(random.nextInt(mapped.size()));
                } else {
                    item = small.get(random.nextInt(small.size()));
                }
                String target = StaticSite.target(context, item.path());
                int kind = random.nextInt(10);
                if (item.length() < 2 || kind < 5 && item.length() < (1 << 20)) {
                    StaticRequests.full(http, target, item, Map.of());
                } else if (kind < 8) {
                    long first = random.nextLong(item.length() - 1);
                    long last = first + random.nextLong(Math.min(item.length() - first, 200_000));
                    StaticRequests.range(http, target, item, new StaticRequests.Range(first, last));
                } else if (kind < 9) {
                    StaticRequests.suffix(http, target, item, 1 + random.nextLong(Math.min(item.length(), 100_000)));
                } else {
                    StaticRequests.head(http, target, item);
                }
            }
        }
        return REQUESTS;
    }

    private static int largeFile(int port, String context, StaticSite.Item item) throws Exception {
        String target = StaticSite.target(context, item.path());
        try (HttpConnection http = new HttpConnection(port, READ_TIMEOUT_MILLIS)) {
            StaticRequests.full(http, target, item, Map.of());
            long middle = item.length() / 2;
            StaticRequests.range(http, target, item, new StaticRequests.Range(middle - 3, middle + 1_000_000));
            StaticRequests.suffix(http, target, item, 3_000_001);
        }
        return 3;
    }
}
