package io.liouring.nio.realserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection from a plain blocking {@link Socket} (RFC 9112 framing, written here so the
 * test sees every byte and every framing decision): requests with no body or a chunked body, responses with a
 * {@code Content-Length} or chunked body and trailer fields, and responses without a body (to {@code HEAD}, and
 * {@code 204} and {@code 304}). Not thread-safe, except that one thread may write a request body while another reads
 * the response. Public for the static file server test of {@code io.liouring.nio.realapp}.
 */
public final class HttpConnection implements AutoCloseable {
    /** Receives a response body piece by piece; {@code position} is the offset of {@code bytes[offset]} in the body. */
    @FunctionalInterface
    public interface BodySink {
        /** Takes {@code length} bytes of {@code bytes} from {@code offset}, at {@code position} of the body. */
        void accept(byte[] bytes, int offset, int length, long position);
    }

    /** A response: status code, header and trailer fields (names in lower case), and the body's length in bytes. */
    public record Response(int status, Map<String, String> headers, Map<String, String> trailers, long bodyLength) {
        /** The value of the header field {@code name} (any case), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];

    /** Connects to {@code port} of 127.0.0.1; a read that waits longer than {@code readTimeoutMillis} fails. */
    public HttpConnection(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMillis);
        socket.connect(new InetSocketAddress("127.0.0.1", port), readTimeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** This end's port: the server names it in {@link LoadServlet#CLIENT_PORT}. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends a GET request. */
    public void get(String target, Map<String, String> headers) throws IOException {
        send("GET", target, headers);
    }

    /** Sends a request without a body. */
    public void send(String method, String target, Map<String, String> headers) throws IOException {
        head(method, target, headers);
        out.flush();
    }

    /** Sends the request line and header fields of a request whose body follows in {@link #chunk}s. */
    public void startChunked(String method, String target, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Transfer-Encoding", "chunked");
        head(method, target, all);
    }

    /** Sends one chunk of a chunked body (length > 0) and flushes it, so the server sees it as its own read. */
    public void chunk(byte[] bytes, int offset, int length) throws IOException {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive (a zero chunk ends the body): " + length);
        }
        out.write(ascii(Integer.toHexString(length)));
        out.write(CRLF);
        out.write(bytes, offset, length);
        out.write(CRLF);
        out.flush();
    }

    /** Ends a chunked body: the last chunk and an empty trailer section. */
    public void endChunked() throws IOException {
        out.write(ascii("0\r\n\r\n"));
        out.flush();
    }

    /** Reads one response, handing its body to {@code sink}. */
    public Response read(BodySink sink) throws IOException {
        return read(sink, false);
    }

    /**
     * Reads one response, handing its body to {@code sink}; one to a {@code HEAD} request ({@code toHead}), and a
     * {@code 1xx}, {@code 204} or {@code 304}, has none whatever its header fields say (RFC 9112, section 6.3).
     */
    public Response read(BodySink sink, boolean toHead) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].equals("HTTP/1.1")) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = fields();
        Map<String, String> trailers = Map.of();
        long length;
        if (toHead || status < 200 || status == 204 || status == 304) {
            length = 0;
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            length = 0;
            for (long size; (size = chunkSize(line())) > 0; ) {
                copy(size, length, sink);
                length += size;
                expectCrlf();
            }
            trailers = fields();
        } else if (headers.containsKey("content-length")) {
            length = Long.parseLong(headers.get("content-length"));
            copy(length, 0, sink);
        } else {
            throw new IOException("a response without Content-Length or chunked framing on a keep-alive connection: "
                    + headers);
        }
        return new Response(status, headers, trailers, length);
    }

    private void head(String method, String target, Map<String, String> headers) throws IOException {
        StringBuilder h = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n");
        headers.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
        out.write(ascii(h.append("\r\n").toString()));
    }

    private void copy(long length, long position, BodySink sink) throws IOException {
        for (long done = 0; done < length; ) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, length - done));
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no byte within " + socket.getSoTimeout() + " ms at body offset "
                        + (position + done) + " (" + done + " of the " + length + " bytes of this body or chunk)");
            }
            if (n < 0) {
                throw new EOFException("connection closed after " + done + " of " + length + " body bytes");
            }
            sink.accept(buffer, 0, n, position + done);
            done += n;
        }
    }

    private static long chunkSize(String line) throws IOException {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line: " + line, e);
        }
    }

    private Map<String, String> fields() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad field line: " + line);
            }
            fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return fields;
    }

    private void expectCrlf() throws IOException {
        String rest = line();
        if (!rest.isEmpty()) {
            throw new IOException("chunk data not followed by CRLF but by: " + rest);
        }
    }

    /** One line ended by CRLF, without it. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
            throw new IOException("line not ended by CRLF: " + line.toString(StandardCharsets.ISO_8859_1));
        }
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
