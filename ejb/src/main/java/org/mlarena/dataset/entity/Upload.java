package org.mlarena.dataset.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/**
 * A file a host sent for a later import, kept under the uploads directory with its checksum. Only its owner
 * may use it; an import consumes it.
 */
@Entity
@Table(name = "UPLOAD")
@NamedQuery(name = Upload.OLDER_THAN, query = "SELECT u FROM Upload u WHERE u.uploadedAt < :before")
public class Upload {

    public static final String OLDER_THAN = "Upload.olderThan";

    @Id
    @TableGenerator(name = "UPLOAD_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "UPLOAD", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "UPLOAD_IDS")
    private Long id;

    @Column(nullable = false, length = 200)
    private String owner;
    @Column(nullable = false, length = 255)
    private String fileName;
    @Column(length = 100)
    private String contentType;
    private long bytes;
    @Column(nullable = false, length = 64)
    private String sha256;
    /** Relative to the uploads directory. */
    @Column(nullable = false, length = 100)
    private String storedAs;
    @Column(nullable = false)
    private Instant uploadedAt;

    protected Upload() {
    }

    public Upload(String owner, String fileName, String contentType, long bytes, String sha256, String storedAs, Instant uploadedAt) {
        this.owner = owner;
        this.fileName = fileName;
        this.contentType = contentType;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.storedAs = storedAs;
        this.uploadedAt = uploadedAt;
    }

    public Long getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public long getBytes() {
        return bytes;
    }

    public String getSha256() {
        return sha256;
    }

    public String getStoredAs() {
        return storedAs;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }
}
