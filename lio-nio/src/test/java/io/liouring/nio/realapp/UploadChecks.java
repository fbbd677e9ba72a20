package io.liouring.nio.realapp;

import io.liouring.nio.realserver.ContentPattern;
import io.liouring.nio.realserver.HttpConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.liouring.nio.realapp.JettyStaticServer.DIRECT;
import static io.liouring.nio.realapp.JettyStaticServer.SITE;
import static io.liouring.nio.realapp.JettyStaticServer.UPLOAD;

/**
 * Files uploaded to Jetty ({@link UploadHandler}) and then served by it: two {@code multipart/form-data} POSTs of
 * three files each, of sizes on both sides of the part size kept in memory, the second replacing one file of the first
 * with other bytes; each file must then be served, whole and by its last bytes, from the uncached context and (but the
 * replaced one) the cached one, and no temporary part file may be left.
 */
final class UploadChecks {
    private static final String BOUNDARY = "lio-nio-upload-boundary";
    private static final List<List<Integer>> POSTS = List.of(
            List.of(0, UploadHandler.MAX_MEMORY_PART - 1, UploadHandler.MAX_MEMORY_PART + 1),
            List.of(300_000, (5 << 20) + 3, 77_777));

    private UploadChecks() {
    }

    /** Uploads into {@code site}'s uploads directory; returns how many requests were checked. */
    static int run(StaticSite site, Path parts, int port) throws IOException {
        int checked = 0;
        try (HttpConnection http = new HttpConnection(port, 60_000)) {
            for (int post = 0; post < POSTS.size(); post++) {
                // the second POST uploads "upload 1.bin" again, with other bytes and another length
                StaticSite.Item[] files = new StaticSite.Item[3];
                for (int i = 0; i < 3; i++) {
                    int name = post == 1 && i == 1 ? 1 : post * 3 + i;
                    files[i] = new StaticSite.Item(StaticSite.UPLOADS + "/upload " + name + ".bin",
                            0x5EED_0000L + 31L * post + i, POSTS.get(post).get(i));
                }
                upload(http, files);
                for (StaticSite.Item item : files) {
                    // the cached context serves a replaced file's old bytes for up to a second (ChangingFiles)
                    boolean replaced = post == 1 && item == files[1];
                    for (String context : replaced ? List.of(DIRECT) : List.of(DIRECT, SITE)) {
                        String target = StaticSite.target(context, item.path());
                        StaticRequests.full(http, target, item, Map.of());
                        if (item.length() > 10) {
                            StaticRequests.suffix(http, target, item, 10);
                        }
                        checked += 2;
                    }
                }
            }
        }
        try (Stream<Path> left = Files.list(parts)) {
            List<Path> temporary = left.toList();
            if (!temporary.isEmpty()) {
                throw new AssertionError("temporary part files left: " + temporary);
            }
        }
        return checked;
    }

    private static void upload(HttpConnection http, StaticSite.Item[] files) throws IOException {
        http.startChunked("POST", UPLOAD + "/", Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
        for (int i = 0; i < files.length; i++) {
            StaticSite.Item item = files[i];
            String name = item.path().substring(item.path().lastIndexOf('/') + 1);
            chunk(http, ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file" + i
                    + "\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            byte[] block = new byte[64 * 1024];
            for (long position = 0; position < item.length(); position += block.length) {
                int n = (int) Math.min(block.length, item.length() - position);
                ContentPattern.fill(block, 0, n, item.seed(), position);
                http.chunk(block, 0, n);
            }
            chunk(http, ascii("\r\n"));
        }
        chunk(http, ascii("--" + BOUNDARY + "--\r\n"));
        http.endChunked();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpConnection.Response response = http.read((bytes, offset, n, position) -> body.write(bytes, offset, n));
        StaticRequests.expect("POST " + UPLOAD, 201, response);
        String answer = body.toString(StandardCharsets.UTF_8);
        if (!answer.equals("saved " + files.length)) {
            throw new AssertionError("POST " + UPLOAD + " answered " + answer);
        }
    }

    private static void chunk(HttpConnection http, byte[] bytes) throws IOException {
        http.chunk(bytes, 0, bytes.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
