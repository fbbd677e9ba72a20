package io.liouring.nio.realapp;

import io.liouring.nio.realserver.ContentPattern;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;

/**
 * The files that {@link JettyWorkload} has Jetty serve, written through the default file system provider: a directory
 * of small files, files of 1 to 3 MiB (which Jetty maps), two of tens of MiB, names in several scripts, a directory to
 * list, a welcome file, a precompressed variant, a symbolic link, and a jar of more files. The bytes of each file are
 * those of {@link ContentPattern} with a seed of its own (from its path and version), so that a byte from another
 * file, or from another offset, shows.
 */
final class StaticSite {
    /** A file with {@link ContentPattern}'s bytes: its path under the base ('/'-separated), seed and length. */
    record Item(String path, long seed, long length) {
    }

    static final String PAGE = "page.html";
    static final String LINK = "link-f001.bin";
    static final String LINK_TARGET = "small/f001.bin";
    /** The modification time of {@link #LINK} itself (its target's is another). */
    static final Instant LINK_INSTANT = Instant.parse("2018-04-04T04:04:04.4Z");
    static final String FIXED_TIME = "fixed-time.bin";
    /** The modification time given to {@link #FIXED_TIME}: Jetty's {@code Last-Modified} must be its second. */
    static final Instant FIXED_INSTANT = Instant.parse("2020-01-02T03:04:05.123456789Z");
    static final String LISTED = "listing";
    static final String WELCOME = "welcome";
    /** Rewritten in place between requests. */
    static final String CHANGING = "changing.bin";
    /** Mapped by Jetty (over 1 MiB), replaced by a moved file between requests. */
    static final String CHANGING_MAPPED = "changing-mapped.bin";
    /** Deleted between requests. */
    static final String DOOMED = "doomed.bin";
    /** Created after a request found it missing. */
    static final String LATE = "late.bin";
    /** Where {@link UploadHandler} saves files. */
    static final String UPLOADS = "uploads";
    static final String JAR_BASE = "static/";
    private static final int SMALL_FILES = 120;
    private static final int JAR_FILES = 40;
    /** No character outside the BMP: Jetty 12.1 resolves one as '?' (on either provider). */
    private static final List<String> NON_ASCII = List.of("names/space and ü.txt", "names/日本語/ファイル.bin",
            "names/plus+sign.bin", "names/Ελληνικά.bin", "names/Ωmega-Ünïcödé.dat", "names/Привет мир.html");

    final Path dir;
    final Path jar;
    /** The files under {@link #dir}, by path; all but {@link #LATE} exist once {@link #create} returns. */
    final Map<String, Item> files;
    /** The files under {@link #JAR_BASE} in {@link #jar}, by path below it. */
    final Map<String, Item> jarFiles;
    /** The bytes of {@code page.html.gz}. */
    final byte[] precompressed;
    /** Whether names outside ASCII could be given (the JVM's file name encoding is UTF-8). */
    final boolean nonAsciiNames;

    private StaticSite(Path dir, Path jar, Map<String, Item> files, Map<String, Item> jarFiles, byte[] precompressed,
                       boolean nonAsciiNames) {
        this.dir = dir;
        this.jar = jar;
        this.files = files;
        this.jarFiles = jarFiles;
        this.precompressed = precompressed;
        this.nonAsciiNames = nonAsciiNames;
    }

    /** Writes the site into {@code root}/site and the jar into a directory of {@code root}/jars. */
    static StaticSite create(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("site"));
        Files.createDirectories(dir.resolve(UPLOADS));
        SplittableRandom random = new SplittableRandom(20_261_203);
        Map<String, Item> files = new LinkedHashMap<>();
        int[] edges = {0, 1, 4095, 4096, 4097, 65_536};
        for (int i = 0; i < SMALL_FILES; i++) {
            int length = i < edges.length ? edges[i] : random.nextInt(48 * 1024);
            add(files, String.format("small/f%03d.bin", i), length);
        }
        add(files, "mid/m0.bin", 1 << 20);
        add(files, "mid/m1.bin", (3 << 19) + 7);
        add(files, "mid/m2.bin", (3 << 20) + 1);
        add(files, "large/l0.bin", (16 << 20) + 3);
        add(files, "large/l1.bin", (32 << 20) - 5);
        boolean nonAscii = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
        if (nonAscii) {
            for (String name : NON_ASCII) {
                add(files, name, 1 + random.nextInt(20_000));
            }
        }
        for (int i = 0; i < 5; i++) {
            // distinct sizes, and names in the reverse order of the sizes, so that each sorting shows
            add(files, LISTED + "/" + (char) ('e' - i) + "-entry.bin", 1_000 * (i + 1) + i);
        }
        add(files, LISTED + "/sub dir/inner.bin", 10);
        add(files, WELCOME + "/index.html", 3_000);
        add(files, WELCOME + "/other.bin", 3_001);
        add(files, PAGE, 30_000);
        add(files, FIXED_TIME, 12_345);
        add(files, CHANGING, 5_000);
        add(files, CHANGING_MAPPED, 2 << 20);
        add(files, DOOMED, 777);
        for (Item item : files.values()) {
            write(dir.resolve(item.path()), item);
        }
        Item late = new Item(LATE, seed(LATE), 4_321);
        files.put(LATE, late);
        byte[] gz = gzip(Files.readAllBytes(dir.resolve(PAGE)));
        Files.write(dir.resolve(PAGE + ".gz"), gz);
        Path link = Files.createSymbolicLink(dir.resolve(LINK), Path.of(LINK_TARGET));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(LINK_INSTANT), null, null);
        Files.setLastModifiedTime(dir.resolve(FIXED_TIME), FileTime.from(FIXED_INSTANT));
        List<Item> listed = files.values().stream().filter(i -> i.path().startsWith(LISTED + "/")
                && !i.path().contains("sub dir")).toList();
        for (Item item : listed) {
            // modified in the order of their sizes, a day apart, so that sorting by time is sorting by size
            Files.setLastModifiedTime(dir.resolve(item.path()),
                    FileTime.from(Instant.parse("2021-06-01T00:00:00Z").plusSeconds(86_400 * item.length() / 1_000)));
        }
        Map<String, Item> jarFiles = new LinkedHashMap<>();
        for (int i = 0; i < JAR_FILES; i++) {
            addJar(jarFiles, String.format("j%03d.bin", i), i == 0 ? 0 : random.nextInt(40_000));
        }
        addJar(jarFiles, "big.bin", (3 << 20) + 11);
        if (nonAscii) {
            addJar(jarFiles, "ünï/côde.txt", 2_222);
        }
        // in a directory whose name the jar: URI must encode, and the zip file system decode back to a path
        Path jarDir = Files.createDirectories(root.resolve(nonAscii ? "jars/ünï côde" : "jars/plain"));
        Path jar = jarDir.resolve("site.jar");
        writeJar(jar, jarFiles);
        return new StaticSite(dir, jar, Collections.unmodifiableMap(files), Collections.unmodifiableMap(jarFiles),
                gz, nonAscii);
    }

    /** The files under {@code prefix} ('/'-separated, no leading slash), in the order they were added. */
    List<Item> under(String prefix) {
        List<Item> found = new ArrayList<>();
        for (Item item : files.values()) {
            if (item.path().startsWith(prefix)) {
                found.add(item);
            }
        }
        return found;
    }

    /** Writes version {@code version} of {@code path}, {@code length} bytes, in place or by moving a file over it. */
    Item rewrite(String path, int version, long length, boolean byMove) throws IOException {
        Item item = new Item(path, seed(path + "#" + version), length);
        Path file = dir.resolve(path);
        if (byMove) {
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            write(fresh, item);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            write(file, item);
        }
        return item;
    }

    /** Creates {@link #LATE}. */
    void createLate() throws IOException {
        write(dir.resolve(LATE), files.get(LATE));
    }

    /** The request target of {@code path} under the context {@code context} ("/site", ...), UTF-8 percent-encoded. */
    static String target(String context, String path) {
        StringBuilder target = new StringBuilder(context);
        for (String segment : path.split("/", -1)) {
            target.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return target.toString();
    }

    private static void add(Map<String, Item> files, String path, long length) {
        files.put(path, new Item(path, seed(path), length));
    }

    private static void addJar(Map<String, Item> files, String path, long length) {
        files.put(path, new Item(path, seed("jar:" + path), length));
    }

    private static long seed(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    private static void write(Path file, Item item) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] block = new byte[256 * 1024];
            for (long position = 0; position < item.length(); ) {
                int n = (int) Math.min(block.length, item.length() - position);
                ContentPattern.fill(block, 0, n, item.seed(), position);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer);
                }
            }
        }
    }

    private static byte[] bytes(Item item) {
        byte[] bytes = new byte[Math.toIntExact(item.length())];
        ContentPattern.fill(bytes, 0, bytes.length, item.seed(), 0);
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Every other small entry is stored rather than deflated, so that both kinds of zip entry are read. */
    private static void writeJar(Path jar, Map<String, Item> items) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            List<String> dirs = new ArrayList<>(List.of(JAR_BASE));
            int n = 0;
            for (Item item : items.values()) {
                int slash = item.path().lastIndexOf('/');
                String parent = slash < 0 ? JAR_BASE : JAR_BASE + item.path().substring(0, slash + 1);
                if (!dirs.contains(parent)) {
                    dirs.add(parent);
                }
            }
            for (String name : dirs) {
                out.putNextEntry(new JarEntry(name));
                out.closeEntry();
            }
            for (Item item : items.values()) {
                byte[] bytes = bytes(item);
                JarEntry entry = new JarEntry(JAR_BASE + item.path());
                if (n++ % 2 == 1 && bytes.length < (1 << 20)) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
