package org.mlarena.dataset.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.Sha256;
import org.mlarena.common.ArenaClock;
import org.mlarena.common.DataDirectory;
import org.mlarena.common.PayloadTooLargeException;
import org.mlarena.dataset.entity.Upload;
import org.mlarena.settings.Settings;

/**
 * Keeps uploaded files under the uploads directory, counting bytes and checksumming as they stream in, and
 * refusing (and deleting) anything over {@code arena.upload.max-bytes} (default 200 MB).
 */
@Stateless
public class UploadStore {

    public static final String MAX_BYTES = "arena.upload.max-bytes";
    public static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    private long maxBytes() {
        return Long.parseLong(Settings.read(MAX_BYTES, Long.toString(DEFAULT_MAX_BYTES)).trim());
    }

    public Upload store(InputStream body, String fileName, String contentType, String owner) {
        long max = maxBytes();
        String storedAs = UUID.randomUUID() + ".upload";
        Path target = DataDirectory.uploads().resolve(storedAs);
        long bytes = 0;
        MessageDigest sha256 = Sha256.digest();
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    bytes += n;
                    if (bytes > max) {
                        throw new PayloadTooLargeException("The upload is larger than the limit of " + max + " bytes; split the data or ask the"
                                + " operator to raise " + MAX_BYTES + " (environment " + Settings.environmentName(MAX_BYTES) + ").");
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(target);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not store the upload " + fileName, io);
            }
            throw (RuntimeException) e;
        }
        Upload upload = new Upload(owner, fileName, contentType, bytes, Sha256.hex(sha256), storedAs, ArenaClock.now());
        em.persist(upload);
        return upload;
    }

    public Path path(Upload upload) {
        return DataDirectory.uploads().resolve(upload.getStoredAs());
    }

    /** Removes an upload and its file. */
    public void discard(Upload upload) {
        deleteQuietly(path(upload));
        em.remove(em.contains(upload) ? upload : em.merge(upload));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the clean-up of old uploads
        }
    }
}
