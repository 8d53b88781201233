package org.mlarena.web.rest.dataset;

import java.time.Instant;

import org.mlarena.dataset.entity.Upload;

/**
 * A file kept for a later import; name its id in the import's {@code files}.
 *
 * @param sha256 the SHA-256 of the content as received, lowercase hex
 */
public record UploadView(long id, String name, long bytes, String sha256, String contentType, Instant uploadedAt) {

    static UploadView of(Upload u) {
        return new UploadView(u.getId(), u.getFileName(), u.getBytes(), u.getSha256(), u.getContentType(), u.getUploadedAt());
    }
}
