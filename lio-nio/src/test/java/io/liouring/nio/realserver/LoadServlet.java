package io.liouring.nio.realserver;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The servlet under load, plain Servlet API (blocking streams, which Tomcat's NIO2 connector turns into
 * asynchronous channel reads and writes):
 * <ul>
 * <li>{@code GET /generate?seed=S&length=N}: N bytes of {@link ContentPattern} with seed S, with a
 * {@code Content-Length}.</li>
 * <li>{@code POST /echo}: streams the request body back as it arrives (the response is chunked), and sends the
 * body's length and CRC-32 as it saw them in the trailer fields {@code x-echo-length} and {@code x-echo-crc32}.</li>
 * </ul>
 * Both copy the request's {@code X-Tag} header into the response and name the client's port (as the server's
 * channel sees it) in {@code X-Client-Port}, so the client can tell whose answer it got, on which connection.
 */
final class LoadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String TAG = "X-Tag";
    static final String CLIENT_PORT = "X-Client-Port";
    static final String ECHO_LENGTH = "x-echo-length";
    static final String ECHO_CRC32 = "x-echo-crc32";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/generate".equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        long seed = Long.parseLong(request.getParameter("seed"));
        long length = Long.parseLong(request.getParameter("length"));
        response.setHeader(TAG, request.getHeader(TAG));
        response.setIntHeader(CLIENT_PORT, request.getRemotePort());
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(length);
        ServletOutputStream out = response.getOutputStream();
        byte[] block = new byte[32 * 1024];
        for (long position = 0; position < length; ) {
            int n = (int) Math.min(block.length, length - position);
            ContentPattern.fill(block, 0, n, seed, position);
            out.write(block, 0, n);
            position += n;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/echo".equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader(TAG, request.getHeader(TAG));
        response.setIntHeader(CLIENT_PORT, request.getRemotePort());
        response.setContentType("application/octet-stream");
        CRC32 crc = new CRC32();
        long[] length = {0};
        // Called by Tomcat after the last chunk, so it reports what was actually read.
        response.setTrailerFields(() -> Map.of(ECHO_LENGTH, Long.toString(length[0]),
                ECHO_CRC32, Long.toHexString(crc.getValue())));
        ServletInputStream in = request.getInputStream();
        ServletOutputStream out = response.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            crc.update(buffer, 0, n);
            length[0] += n;
            out.write(buffer, 0, n);
        }
    }
}
