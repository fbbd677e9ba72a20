package io.liouring.nio.realapp;

import io.liouring.nio.realserver.ContentPattern;
import io.liouring.nio.realserver.HttpConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests for the files of a {@link StaticSite} on one keep-alive {@link HttpConnection}, each checking the status,
 * the framing headers and every byte of the body against the file's {@link ContentPattern}; a difference throws an
 * {@link AssertionError} that names the request.
 */
final class StaticRequests {
    /** A response and its body (for small bodies only). */
    record Exchange(HttpConnection.Response response, byte[] body) {
        int status() {
            return response.status();
        }

        String header(String name) {
            return response.header(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A range of a file, first and last byte included. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    private StaticRequests() {
    }

    /** GETs all of {@code item}: 200, its length, its bytes. Returns the response for its validators. */
    static HttpConnection.Response full(HttpConnection http, String target, StaticSite.Item item,
                                        Map<String, String> headers) throws IOException {
        http.get(target, headers);
        Checker checker = new Checker(target, item, 0);
        HttpConnection.Response response = http.read(checker);
        expect(target, 200, response);
        checker.pass();
        expectLength(target, item.length(), response);
        return response;
    }

    /** GETs {@code range} of {@code item} ({@code bytes=first-last}): 206 with that range's bytes. */
    static void range(HttpConnection http, String target, StaticSite.Item item, Range range) throws IOException {
        partial(http, target, item, "bytes=" + range.first() + "-" + range.last(), range);
    }

    /** GETs the last {@code n} bytes of {@code item} ({@code bytes=-n}): 206 with those bytes. */
    static void suffix(HttpConnection http, String target, StaticSite.Item item, long n) throws IOException {
        long first = Math.max(0, item.length() - n);
        partial(http, target, item, "bytes=-" + n, new Range(first, item.length() - 1));
    }

    /** GETs with the Range header field {@code spec}, which must come back as the single {@code expected} range. */
    static void partial(HttpConnection http, String target, StaticSite.Item item, String spec, Range expected)
            throws IOException {
        String what = target + " Range: " + spec;
        http.get(target, Map.of("Range", spec));
        Checker checker = new Checker(what, item, expected.first());
        HttpConnection.Response response = http.read(checker);
        expect(what, 206, response);
        checker.pass();
        expectLength(what, expected.length(), response);
        String contentRange = "bytes " + expected.first() + "-" + expected.last() + "/" + item.length();
        if (!contentRange.equals(response.header("Content-Range"))) {
            throw new AssertionError(what + ": Content-Range " + response.header("Content-Range") + ", expected "
                    + contentRange);
        }
    }

    /** GETs several ranges at once: 206 {@code multipart/byteranges}, one part per range, in order, with its bytes. */
    static void multipart(HttpConnection http, String target, StaticSite.Item item, List<Range> ranges)
            throws IOException {
        StringBuilder spec = new StringBuilder("bytes=");
        for (Range range : ranges) {
            spec.append(spec.length() > 6 ? "," : "").append(range.first()).append('-').append(range.last());
        }
        String what = target + " Range: " + spec;
        Exchange exchange = exchange(http, "GET", target, Map.of("Range", spec.toString()));
        expect(what, 206, exchange.response());
        String type = exchange.header("Content-Type");
        String marker = "boundary=";
        if (type == null || !type.startsWith("multipart/byteranges") || !type.contains(marker)) {
            throw new AssertionError(what + ": Content-Type " + type);
        }
        byte[] delimiter = ("--" + type.substring(type.indexOf(marker) + marker.length())).getBytes(
                StandardCharsets.ISO_8859_1);
        byte[] body = exchange.body();
        int at = indexOf(body, delimiter, 0);
        for (Range range : ranges) {
            if (at < 0) {
                throw new AssertionError(what + ": fewer parts than ranges:\n" + exchange.text());
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
            String partHeaders = new String(body, at, headersEnd - at, StandardCharsets.ISO_8859_1);
            String contentRange = "bytes " + range.first() + "-" + range.last() + "/" + item.length();
            if (!partHeaders.toLowerCase().contains("content-range: " + contentRange)) {
                throw new AssertionError(what + ": a part's headers are not for " + contentRange + ":\n"
                        + partHeaders);
            }
            int data = headersEnd + 4;
            Checker checker = new Checker(what, item, range.first());
            checker.accept(body, data, (int) range.length(), 0);
            checker.pass();
            at = data + (int) range.length();
            if (indexOf(body, delimiter, at) != at + 2) {
                throw new AssertionError(what + ": the part of " + contentRange + " is not followed by CRLF and"
                        + " the boundary");
            }
            at += 2;
        }
        String close = new String(body, at, body.length - at, StandardCharsets.ISO_8859_1);
        if (!close.startsWith(new String(delimiter, StandardCharsets.ISO_8859_1) + "--")) {
            throw new AssertionError(what + ": more parts than ranges, or no closing boundary: " + close);
        }
    }

    /**
     * Reads the first {@code n} bytes (or a little more) of the body of a response to a GET of all of {@code item}
     * already sent, checks them, and stops reading: the rest stays unread on the connection, which is then unusable.
     */
    static void prefix(HttpConnection http, String what, StaticSite.Item item, long n) throws IOException {
        Checker checker = new Checker(what, item, 0);
        try {
            http.read((bytes, offset, length, position) -> {
                checker.accept(bytes, offset, length, position);
                if (position + length >= n) {
                    throw new Enough();
                }
            });
            throw new AssertionError(what + ": the whole body came, not only its first " + n + " bytes");
        } catch (Enough enough) {
            checker.pass();
        }
    }

    /** Ends the reading of a body in {@link #prefix}. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    /** HEADs {@code item}: 200, its length, no body. */
    static HttpConnection.Response head(HttpConnection http, String target, StaticSite.Item item) throws IOException {
        http.send("HEAD", target, Map.of());
        HttpConnection.Response response = http.read((bytes, offset, n, position) -> {
            throw new AssertionError("HEAD " + target + " has a body");
        }, true);
        expect("HEAD " + target, 200, response);
        String declared = response.header("Content-Length");
        if (!Long.toString(item.length()).equals(declared)) {
            throw new AssertionError("HEAD " + target + ": Content-Length " + declared + ", expected " + item.length());
        }
        return response;
    }

    /** Any request without a body; the response's body is collected. */
    static Exchange exchange(HttpConnection http, String method, String target, Map<String, String> headers)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        http.send(method, target, headers);
        HttpConnection.Response response = http.read((bytes, offset, n, position) -> body.write(bytes, offset, n),
                method.equals("HEAD"));
        return new Exchange(response, body.toByteArray());
    }

    /** Throws unless {@code response} has {@code status}. */
    static void expect(String what, int status, HttpConnection.Response response) {
        if (response.status() != status) {
            throw new AssertionError(what + ": status " + response.status() + ", expected " + status + "; headers "
                    + response.headers());
        }
    }

    /** Header fields {@code name: value, ...}. */
    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static void expectLength(String what, long length, HttpConnection.Response response) {
        String declared = response.header("Content-Length");
        if (!Long.toString(length).equals(declared)) {
            throw new AssertionError(what + ": Content-Length " + declared + ", expected " + length);
        }
        if (response.bodyLength() != length) {
            throw new AssertionError(what + ": " + response.bodyLength() + " body bytes, expected " + length);
        }
    }

    /**
     * Compares a body, piece by piece, with the file's bytes from {@code start}; remembers the first difference, which
     * {@link #pass} throws (once the status is known to be the expected one, so that an error page shows as such).
     */
    private static final class Checker implements HttpConnection.BodySink {
        private final String what;
        private final StaticSite.Item item;
        private final long start;
        private String mismatch;

        Checker(String what, StaticSite.Item item, long start) {
            this.what = what;
            this.item = item;
            this.start = start;
        }

        @Override
        public void accept(byte[] bytes, int offset, int n, long position) {
            int bad = mismatch == null ? ContentPattern.firstMismatch(bytes, offset, n, item.seed(), start + position)
                    : -1;
            if (bad >= 0) {
                long at = start + position + bad;
                mismatch = what + ": byte " + at + " of " + item.path() + " is " + bytes[offset + bad] + ", expected "
                        + ContentPattern.at(item.seed(), at);
            }
        }

        void pass() {
            if (mismatch != null) {
                throw new AssertionError(mismatch);
            }
        }
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = Math.max(0, from); i <= bytes.length - part.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
