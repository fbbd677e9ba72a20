package io.liouring.nio.realapp;

import io.liouring.nio.realserver.ContentPattern;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Jetty's {@link Resource}s, which its static file serving stands on, asked directly: what each says of files,
 * directories, a symbolic link, aliases and missing names of the site and of the jar (printed as
 * {@code resource.result.…} lines, with the root's URI replaced, which must be the same on both providers), and
 * {@link Resource#copyTo} (as Jetty unpacks a web application) of the jar's directory and of a directory of the site,
 * whose copies must hold every file, byte for byte, and nothing else.
 */
final class ResourceChecks {
    private static final List<String> SITE_NAMES = List.of("", "small/f001.bin", "small", "small/",
            "names/space and ü.txt", "names/日本語", "names/日本語/ファイル.bin", StaticSite.LINK, "missing.bin",
            "small/../small/f002.bin", "SMALL/f001.bin", "small/f001.bin/", StaticSite.FIXED_TIME,
            StaticSite.LISTED + "/a-entry.bin", "mid/m0.bin", "./page.html");
    private static final List<String> JAR_NAMES = List.of("", "j001.bin", "j002.bin", "big.bin", "ünï", "ünï/",
            "ünï/côde.txt", "missing.bin");

    private ResourceChecks() {
    }

    /** Runs the checks, copying under {@code root}; returns how many resources were checked. */
    static int run(StaticSite site, ResourceFactory resources, Path root) throws IOException {
        Resource base = resources.newResource(site.dir);
        Resource jar = resources.newResource(URI.create("jar:" + site.jar.toUri() + "!/" + StaticSite.JAR_BASE));
        String rootUri = root.toRealPath().toUri().toString();
        int checked = 0;
        for (String name : SITE_NAMES) {
            if (site.nonAsciiNames || isAscii(name)) {
                describe("site", name, base, rootUri);
                checked++;
            }
        }
        for (String name : JAR_NAMES) {
            if (site.nonAsciiNames || isAscii(name)) {
                describe("jar", name, jar, rootUri);
                checked++;
            }
        }
        Path extracted = root.resolve("extracted");
        jar.copyTo(extracted);
        expectCopy(extracted, site.jarFiles, "");
        Path copied = root.resolve("copied");
        base.resolve("listing/").copyTo(copied);
        expectCopy(copied, site.files, StaticSite.LISTED + "/");
        return checked + 2;
    }

    private static void describe(String kind, String name, Resource base, String rootUri) {
        Resource resource = base.resolve(name);
        StringBuilder line = new StringBuilder("resource.result.").append(kind).append('.').append(name).append('=');
        if (resource == null) {
            System.out.println(line.append("null"));
            return;
        }
        line.append("exists ").append(resource.exists()).append(", directory ").append(resource.isDirectory())
                .append(", readable ").append(resource.isReadable()).append(", alias ").append(resource.isAlias())
                .append(", fileName ").append(resource.getFileName())
                .append(", uri ").append(relative(resource.getURI(), rootUri))
                .append(", realUri ").append(relative(resource.getRealURI(), rootUri))
                .append(", contained ").append(resource.isContainedIn(base));
        if (resource.exists() && !resource.isDirectory()) {
            line.append(", length ").append(resource.length());
        }
        if (name.equals(StaticSite.FIXED_TIME) || name.equals(StaticSite.LINK)
                || name.startsWith(StaticSite.LISTED + "/")) {
            line.append(", lastModified ").append(resource.lastModified());
        }
        if (resource.isDirectory()) {
            line.append(", list ").append(resource.list().stream().map(Resource::getFileName).sorted().toList());
        }
        System.out.println(line);
    }

    private static boolean isAscii(String name) {
        return name.chars().allMatch(c -> c < 128);
    }

    private static String relative(URI uri, String rootUri) {
        return uri == null ? "null" : uri.toString().replace(rootUri, "ROOT/");
    }

    /** {@code copy} holds the files of {@code items} under {@code prefix}, with their bytes, and no other file. */
    private static void expectCopy(Path copy, Map<String, StaticSite.Item> items, String prefix) throws IOException {
        long expected = 0;
        for (StaticSite.Item item : items.values()) {
            if (!item.path().startsWith(prefix)) {
                continue;
            }
            Path file = copy.resolve(item.path().substring(prefix.length()));
            byte[] bytes = Files.readAllBytes(file);
            int bad = ContentPattern.firstMismatch(bytes, 0, bytes.length, item.seed(), 0);
            if (bytes.length != item.length() || bad >= 0) {
                throw new AssertionError("Resource.copyTo: " + file + " has " + bytes.length + " bytes (expected "
                        + item.length() + "), the first wrong at " + bad);
            }
            expected++;
        }
        try (Stream<Path> files = Files.walk(copy)) {
            long found = files.filter(Files::isRegularFile).count();
            if (found != expected) {
                throw new AssertionError("Resource.copyTo: " + found + " files in " + copy + ", expected " + expected);
            }
        }
    }
}
