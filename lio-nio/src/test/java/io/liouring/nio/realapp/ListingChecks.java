package io.liouring.nio.realapp;

import io.liouring.nio.realserver.HttpConnection;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.liouring.nio.realapp.JettyStaticServer.DIRECT;
import static io.liouring.nio.realapp.JettyStaticServer.JAR;
import static io.liouring.nio.realapp.JettyStaticServer.SITE;

/**
 * Jetty's directory listings ({@code Files.list}, the size and modification time of each entry): the names (decoded
 * from their links) and sizes must be those of the directory, in the order asked for ({@code ?C=N|S|M&O=A|D}), for a
 * directory of the site, one of names outside ASCII, and the jar's. Prints {@code listing.result.…} lines, which must
 * be the same on both providers.
 */
final class ListingChecks {
    private static final Pattern ROW = Pattern.compile(
            "<td class=\"name\"><a href=\"([^\"]*)\">.*?</a></td><td class=\"lastmodified\">.*?</td>"
                    + "<td class=\"size\">([0-9,]*)( bytes)?&nbsp;</td>");

    private ListingChecks() {
    }

    /** Runs the checks on one connection to {@code port}; returns how many listings were checked. */
    static int run(StaticSite site, int port) throws IOException {
        int checked = 0;
        try (HttpConnection http = new HttpConnection(port, 60_000)) {
            List<StaticSite.Item> listed = site.under(StaticSite.LISTED + "/").stream()
                    .filter(item -> !item.path().contains("/sub dir/")).toList();
            // listed was written in name order e, d, c, b, a and in size (and so time) order 1000, 2001, ...
            List<String> bySize = listed.stream().map(ListingChecks::name).toList();
            List<String> byName = bySize.reversed();
            for (String context : List.of(SITE, DIRECT)) {
                String dir = context + "/" + StaticSite.LISTED + "/";
                Map<String, Long> all = listing(http, dir);
                List<String> names = new ArrayList<>(byName);
                names.add("sub dir/");
                expectOrder(dir, names, new ArrayList<>(all.keySet()));
                for (StaticSite.Item item : listed) {
                    if (all.get(name(item)) != item.length()) {
                        throw new AssertionError(dir + " lists " + name(item) + " with " + all.get(name(item))
                                + " bytes, not " + item.length());
                    }
                }
                expectOrder(dir + "?C=S&O=A", bySize, files(listing(http, dir + "?C=S&O=A")));
                expectOrder(dir + "?C=M&O=D", byName, files(listing(http, dir + "?C=M&O=D")));
                expectOrder(dir + "?C=N&O=D", byName.reversed(), files(listing(http, dir + "?C=N&O=D")));
                checked += 4;
            }
            if (site.nonAsciiNames) {
                Map<String, Long> names = listing(http, SITE + "/names/");
                for (StaticSite.Item item : site.under("names/")) {
                    String top = item.path().substring("names/".length()).replaceFirst("/.*", "/");
                    if (!names.containsKey(top)) {
                        throw new AssertionError(SITE + "/names/ does not list " + top + ": " + names.keySet());
                    }
                }
                checked++;
            }
            Map<String, Long> jar = listing(http, JAR + "/");
            for (StaticSite.Item item : site.jarFiles.values()) {
                String top = item.path().replaceFirst("/.*", "/");
                if (!jar.containsKey(top) || !top.endsWith("/") && jar.get(top) != item.length()) {
                    throw new AssertionError(JAR + "/ does not list " + top + " with " + item.length() + " bytes: "
                            + jar);
                }
            }
            checked++;
        }
        return checked;
    }

    /** The names (decoded, directories with a trailing slash) and sizes of a listing, in its order; printed. */
    private static Map<String, Long> listing(HttpConnection http, String target) throws IOException {
        StaticRequests.Exchange exchange = StaticRequests.exchange(http, "GET", target, Map.of());
        StaticRequests.expect(target, 200, exchange.response());
        String prefix = target.substring(0, target.lastIndexOf('/') + 1);
        Map<String, Long> entries = new LinkedHashMap<>();
        Matcher row = ROW.matcher(exchange.text());
        while (row.find()) {
            String href = URLDecoder.decode(row.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!href.startsWith(URLDecoder.decode(prefix, StandardCharsets.UTF_8)) || href.endsWith("../")) {
                continue;
            }
            String size = row.group(2).replace(",", "");
            entries.put(href.substring(URLDecoder.decode(prefix, StandardCharsets.UTF_8).length()),
                    href.endsWith("/") ? -1 : Long.parseLong(size));
        }
        if (entries.isEmpty()) {
            throw new AssertionError(target + ": no entry in the listing:\n" + exchange.text());
        }
        System.out.println("listing.result." + target + "=" + entries);
        return entries;
    }

    private static List<String> files(Map<String, Long> listing) {
        return listing.keySet().stream().filter(name -> !name.endsWith("/")).toList();
    }

    private static String name(StaticSite.Item item) {
        return item.path().substring(item.path().lastIndexOf('/') + 1);
    }

    private static void expectOrder(String what, List<String> expected, List<String> listed) {
        if (!expected.equals(listed)) {
            throw new AssertionError(what + " lists " + listed + ", expected " + expected);
        }
    }
}
