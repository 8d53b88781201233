package org.mlarena.dataset.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One stored file of a dataset split, with its checksum; hidden files (the test labels) reach hosts only. */
@Embeddable
public class DatasetFile {

    @Column(name = "FILE_NAME", nullable = false, length = 100)
    private String name;
    @Column(name = "SPLIT", nullable = false, length = 20)
    private String split;
    @Column(name = "HIDDEN")
    private boolean hidden;
    @Column(name = "BYTES")
    private long bytes;
    @Column(name = "SHA256", nullable = false, length = 64)
    private String sha256;

    protected DatasetFile() {
    }

    public DatasetFile(String name, String split, boolean hidden, long bytes, String sha256) {
        this.name = name;
        this.split = split;
        this.hidden = hidden;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    public String getName() {
        return name;
    }

    public String getSplit() {
        return split;
    }

    public boolean isHidden() {
        return hidden;
    }

    public long getBytes() {
        return bytes;
    }

    public String getSha256() {
        return sha256;
    }
}
