package io.liouring.nio.realapp;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.file.Path;

/**
 * Saves the files of a {@code multipart/form-data} POST with Jetty's own parser: a part larger than
 * {@value #MAX_MEMORY_PART} bytes goes to a temporary file in the parts directory ({@code Files.createTempFile}, a
 * {@code WRITE, APPEND} channel), and {@link MultiPart.Part#writeTo} moves it to its name in the uploads directory
 * (replacing a file of that name) or writes it there if it stayed in memory. Answers {@code 201} and how many files it
 * saved.
 */
final class UploadHandler extends Handler.Abstract {
    static final int MAX_MEMORY_PART = 8 * 1024;

    private final Path parts;
    private final Path uploads;

    UploadHandler(Path parts, Path uploads) {
        this.parts = parts;
        this.uploads = uploads;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!request.getMethod().equals("POST")) {
            return false;
        }
        MultiPartConfig config = new MultiPartConfig.Builder().location(parts).maxMemoryPartSize(MAX_MEMORY_PART)
                .build();
        int saved = 0;
        try (MultiPartFormData.Parts all = MultiPartFormData.getParts(request, request,
                request.getHeaders().get(HttpHeader.CONTENT_TYPE), config)) {
            for (MultiPart.Part part : all) {
                if (part.getFileName() != null) {
                    part.writeTo(uploads.resolve(part.getFileName()));
                    saved++;
                }
            }
        }
        response.setStatus(201);
        Content.Sink.write(response, true, "saved " + saved, callback);
        return true;
    }
}
